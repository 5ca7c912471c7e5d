// Who issued a bill, and what kind of bill it is, from its text. Known
// vendors come from a table (propose-vendors.json) and from linking's brand
// table (linking/brands.json, so that a proposed vendor is one linking finds
// in bank labels); others from the issuer's
// line: a practitioner ("Dr Martin", "Pharmacie du Centre"), a company name
// with its legal form ("Dupont Plomberie SARL"), the largest heading of the
// first page, or the first line that names something.
import brands from "../linking/brands.json";
import { normalizeText } from "../linking/brands";
import table from "./propose-vendors.json";

export type BillType = "energy" | "phone" | "internet" | "health_costs" | "insurance" | "tax" | "other";

interface Vendor {
  name: string;
  pattern: RegExp;
  type: BillType;
}

const VENDORS: Vendor[] = table.vendors.map((v) => ({ name: v.name, pattern: new RegExp(v.pattern, v.flags + "u"), type: v.type as BillType }));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The other brands of linking's table, found by their phrases as whole words of the normalized text. */
const BRANDS: Vendor[] = brands.brands.flatMap((brand) => {
  const phrases = brand.vendors.map(normalizeText).filter((phrase) => phrase && !table.ambiguousPhrases.includes(phrase.toLowerCase()));
  if (phrases.length === 0 || VENDORS.some((v) => v.name === brand.name)) return [];
  const types: Record<string, string> = table.brandTypes;
  const type = ("healthInsurer" in brand && brand.healthInsurer ? "health_costs" : (types[brand.name] ?? "other")) as BillType;
  return [{ name: brand.name, pattern: new RegExp(`(?:^| )(?:${phrases.map(escape).join("|")})(?: |$)`, "u"), type }];
});

const PRACTITIONER = /^(?:Dr\.?|Docteur|Doctor|Pharmacie|Pharmacy|Cabinet|Laboratoire|Centre\s+(?:m[ée]dical|de\s+sant[ée]|dentaire)|Clinique|H[ôo]pital|Kin[ée]sith[ée]rapeute|Infirmi[eè]re?)\s+\p{L}.*/iu;
const LEGAL_FORM = /^(.*?\p{L}.*?\b(?:S\.?A\.?S\.?U?|S\.?A\.?R\.?L\.?|SA|EURL|SNC|SCI|SCOP|Inc\.?|Ltd\.?|LLC|GmbH|PLC|Corp\.?|Limited))(?=\s|,|$)/u;
const GENERIC =
  /^(?:facture|invoice|avoir|re[çc]u|receipt|bill|page|date|total|note\s+d['’]honoraires|duplicata|devis|quote|client|customer|feuille\s+de\s+soins|relev[ée]|statement|n[°o]|r[ée]f|tel|t[ée]l|fax|e-?mail|www\.|https?:|adresse|address|siret|siren|tva|vat)\b/iu;

/** Columns of a laid-out line ("EDF SA        Facture n° 12"): runs of 3+ spaces separate them. */
function segments(line: string): string[] {
  return line.split(/\s{3,}/u).map((s) => s.trim()).filter((s) => s.length > 0);
}

function tidy(name: string): string | null {
  const cleaned = name.replace(/\s+/gu, " ").replace(/[\s,;:–-]+$/u, "").trim();
  return cleaned.length >= 2 && cleaned.length <= 80 ? cleaned : null;
}

function names(text: string): boolean {
  return /\p{L}{2,}/u.test(text) && !GENERIC.test(text) && !/\d{2}[/.]\d{2}[/.]\d{2,4}|\d+[.,]\d{2}\b/u.test(text);
}

function fromTables(text: string, top: string[], health: boolean): string | null {
  const own = VENDORS.find((v) => (v.type === "health_costs") === health && v.pattern.test(text));
  if (own) return own.name;
  // Brands by name alone: only where the issuer writes its name, at the top, not in the small print.
  const normalized = normalizeText(top.join(" \n "));
  return BRANDS.find((b) => (b.type === "health_costs") === health && b.pattern.test(normalized))?.name ?? null;
}

function firstSegment(lines: string[], test: (segment: string) => string | null): string | null {
  for (const line of lines) {
    for (const segment of segments(line)) {
      const found = test(segment);
      if (found) return found;
    }
  }
  return null;
}

/** The issuer as the text says it, without the page's headings; null when nothing looks like one. */
export function vendorFromText(text: string, lines: string[]): string | null {
  const top = lines.slice(0, 20);
  return (
    fromTables(text, top, false) ??
    firstSegment(top, (s) => (PRACTITIONER.test(s) ? tidy(s) : null)) ??
    fromTables(text, top, true) ??
    firstSegment(top, (s) => {
      const match = LEGAL_FORM.exec(s);
      return match && names(match[1]!) ? tidy(match[1]!) : null;
    })
  );
}

/** The first heading (largest type first) or top line that names something. */
export function vendorFromHeadings(headings: string[], lines: string[]): string | null {
  for (const heading of headings) if (names(heading)) return tidy(heading);
  return firstSegment(lines.slice(0, 8), (s) => (names(s) ? tidy(s) : null));
}

const HEALTH = /m[ée]decin|pharmacie|feuille\s+de\s+soins|\bCPAM\b|\bameli\b|docteur|\bDr\.?\s|consultation|kin[ée]sith|dentist|dentaire|ordonnance|mutuelle|honoraires|pharmacy|physician|doctor|medical|m[ée]dical/iu;
const ENERGY = /[ée]lectricit[ée]|\bgaz\b|\bkwh\b|[ée]nergie|electricity|natural\s+gas|\bgas\s+bill/iu;
const INTERNET = /\bbox\b|livebox|freebox|\bbbox\b|fibre|fiber|internet|adsl|broadband/iu;
const PHONE = /\bmobile\b|wireless|forfait|t[ée]l[ée]phonie|\bappels\b|\bsms\b|phone\s+plan|\bcalls\b/iu;

/** A vendor's type from the table, corrected to internet for a box; else from the words of the text. */
export function billType(text: string, vendor: string | null): BillType {
  const known = (VENDORS.find((v) => v.name === vendor) ?? BRANDS.find((b) => b.name === vendor))?.type;
  if (known === "phone") return INTERNET.test(text) ? "internet" : "phone";
  if (known) return known;
  if (HEALTH.test(text)) return "health_costs";
  if (ENERGY.test(text)) return "energy";
  if (INTERNET.test(text)) return "internet";
  return PHONE.test(text) ? "phone" : "other";
}
