// A bill proposed from a document's text: vendor, date, amount, currency and
// type, each null when the text does not say. The person confirms or corrects
// it before anything is saved, so a guess is better than nothing, but a
// figure with no label and no currency is no guess at all.
import { billAmount, documentCurrency } from "./propose-amounts";
import { billDate, type NumericOrder } from "./propose-dates";
import { billType, vendorFromHeadings, vendorFromText, type BillType } from "./propose-vendor";

export type { BillType } from "./propose-vendor";

export interface BillProposal {
  vendor: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  amountMinor: number | null;
  /** ISO 4217 */
  currency: string | null;
  type: BillType | null;
  /** The start of the text the proposal was read from, for the person to compare. */
  excerpt: string | null;
}

const EXCERPT_LINES = 14;
const EXCERPT_CHARS = 600;
const FRENCH = /\b(?:facture|montant|payer|[ée]ch[ée]ance|total\s+ttc|client|date\s+de|r[ée]f[ée]rence|consommation|mois|euros?)\b/giu;
const ENGLISH = /\b(?:invoice|amount|due|bill|customer|total|date\s+of|account|statement|please|thank)\b/giu;

/** dd/mm unless the text is English and in dollars (American bills write mm/dd). */
export function numericOrderOf(text: string): NumericOrder {
  const french = text.match(FRENCH)?.length ?? 0;
  const english = text.match(ENGLISH)?.length ?? 0;
  return english > french && /\$|\bUSD\b/u.test(text) ? "mdy" : "dmy";
}

export function linesOf(text: string): string[] {
  return text.replace(/\f/gu, "\n").split(/\r?\n/u).map((line) => line.replace(/\s+$/u, "")).filter((line) => line.trim().length > 0);
}

function excerptOf(lines: string[]): string | null {
  const excerpt = lines.slice(0, EXCERPT_LINES).map((line) => line.trim().replace(/\s{2,}/gu, "  ")).join("\n");
  return excerpt.length === 0 ? null : excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS - 1)}…` : excerpt;
}

export interface ProposeInput {
  /** The document's text, laid out as on the page (pdftotext -layout). */
  text: string;
  /** The first page's lines, largest type first; asked for only when the text names no vendor. */
  headings?: () => Promise<string[]>;
}

export async function proposeBill({ text, headings }: ProposeInput): Promise<BillProposal> {
  const lines = linesOf(text);
  const order = numericOrderOf(text);
  let vendor = vendorFromText(text, lines);
  if (vendor === null && lines.length > 0) vendor = vendorFromHeadings(headings ? await headings() : [], lines);
  const amount = billAmount(lines, order);
  return {
    vendor,
    date: billDate(lines, order),
    amountMinor: amount?.amountMinor ?? null,
    currency: amount?.currency ?? documentCurrency(lines, order),
    type: lines.length === 0 ? null : billType(text, vendor),
    excerpt: excerptOf(lines),
  };
}
