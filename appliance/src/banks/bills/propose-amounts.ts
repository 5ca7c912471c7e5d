// The amount a bill asks for, read from its text: "Total TTC 1 234,56 €",
// "Montant à payer : 54,20 EUR", "Amount due $1,234.56". Labels say which
// figure is the bill's (never a subtotal, a tax line or a unit price), and
// the decimal mark is decided per figure from how its digits are grouped.
import { digitsToMinor } from "../parsers/money";
import { blankDates, type NumericOrder } from "./propose-dates";

export interface AmountHit {
  minor: number;
  currency: string | null;
  start: number;
}

export interface ProposedAmount {
  amountMinor: number;
  currency: string | null;
}

const SYMBOL_CODES: Record<string, string> = { "€": "EUR", $: "USD", "£": "GBP", euro: "EUR", euros: "EUR" };
const CODE = "EUR|USD|GBP|CHF|CAD|JPY|euros?";
const MARK = `€|\\$|£|${CODE}`;
// A figure: digits grouped by thousands (space, no-break space, point, comma, apostrophe), then maybe decimals.
const FIGURE = String.raw`\d{1,3}(?:[ \u00a0\u202f'.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const AMOUNT = new RegExp(String.raw`(?<![\d.,])(?:(${MARK})\s?)?(-|−)?\s?(${FIGURE})(?![\d])(?:\s?(${MARK})(?![\p{L}]))?(?!\s?%)`, "giu");

function codeOf(mark: string | undefined): string | null {
  if (!mark) return null;
  const lower = mark.toLowerCase();
  return SYMBOL_CODES[lower] ?? SYMBOL_CODES[mark] ?? mark.toUpperCase();
}

/** "1 234,56" -> whole "1234", fraction "56"; "1.234" (a group of three) -> 1234. */
function splitFigure(figure: string): { whole: string; fraction: string; hasDecimals: boolean } {
  const decimals = /[.,](\d{1,2})$/.exec(figure);
  const wholePart = decimals ? figure.slice(0, decimals.index) : figure;
  return { whole: wholePart.replace(/[^\d]/g, ""), fraction: decimals?.[1] ?? "", hasDecimals: decimals !== null };
}

/** The figures in a line that are amounts: with decimals or with a currency beside them. */
export function amountsIn(line: string, order: NumericOrder): AmountHit[] {
  const hits: AmountHit[] = [];
  for (const match of blankDates(line, order).matchAll(AMOUNT)) {
    const [, before, , figure, after] = match;
    const { whole, fraction, hasDecimals } = splitFigure(figure!);
    const currency = codeOf(before ?? after);
    if (!hasDecimals && !currency) continue;
    const result = digitsToMinor(false, whole, fraction, currency ?? "EUR");
    if (result.ok) hits.push({ minor: result.minor, currency, start: match.index });
  }
  return hits;
}

/** What is to be paid: "Montant à payer", "Net à payer", "Reste à payer", "Amount due", "Balance due". */
const DUE = /[àa]\s+payer|[àa]\s+r[ée]gler|montant\s+(?:total\s+)?(?:ttc\s+)?(?:d[ûu]|pr[ée]lev[ée])|amount\s+(?:due|to\s+pay|payable)|(?:total|balance)\s+due|total\s+to\s+pay/iu;
/** The bill's whole: "Total TTC", "Montant TTC", "Montant facturé", "Total amount". */
const GRAND_TOTAL = /total\s+ttc|montant\s+(?:total\s+)?ttc|montant\s+(?:total\s+)?factur[ée]|total\s+amount|invoice\s+total/iu;
const TOTAL = /\btotal\b/iu;
const AMOUNT_WORD = /\bmontant\b|\bamount\b|\bhonoraires\b|\bprix\b|\bprice\b|\bsomme\b/iu;
const NOT_THE_BILL = /sous[-\s]?total|sub[-\s]?total|\bh\.?t\.?\b|hors\s+tax|\btva\b|\bvat\b|\btax(?:es)?\b|unit|unitaire|acompte|d[ée]j[àa]\s+(?:pay|r[ée]gl)|already\s+paid|deposit|remise|discount|capital|report|previous|pr[ée]c[ée]dent/iu;

interface Candidate extends AmountHit {
  rank: number;
}

/** Lower is better; 0 is never the bill's amount. */
const RANK = { excluded: 0, due: 1, grandTotal: 2, total: 3, amount: 4, unlabelled: 5 } as const;

function rankOf(label: string): number {
  if (DUE.test(label)) return RANK.due;
  if (GRAND_TOTAL.test(label)) return RANK.grandTotal;
  if (NOT_THE_BILL.test(label)) return RANK.excluded;
  if (TOTAL.test(label)) return RANK.total;
  return AMOUNT_WORD.test(label) ? RANK.amount : RANK.unlabelled;
}

function candidatesOf(lines: string[], order: NumericOrder): Candidate[] {
  const found: Candidate[] = [];
  lines.forEach((line, index) => {
    const hits = amountsIn(line, order);
    const last = hits.at(-1);
    if (last) {
      // In a laid-out bill the figure is at the right of its label; on a row of columns (HT, TVA, TTC) the last is the total.
      const rank = rankOf(line.slice(0, last.start));
      for (const hit of hits) found.push({ ...hit, rank: hit === last ? rank : Math.max(rank, RANK.unlabelled) });
      return;
    }
    // A label alone on its line, its figure on the next line.
    const below = amountsIn(lines[index + 1] ?? "", order).at(-1);
    const rank = rankOf(line);
    if (below && rank !== RANK.excluded && rank !== RANK.unlabelled) found.push({ ...below, rank });
  });
  return found;
}

/** The most frequent currency written in the text, or null. */
export function documentCurrency(lines: string[], order: NumericOrder): string | null {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const hit of amountsIn(line, order)) if (hit.currency) counts.set(hit.currency, (counts.get(hit.currency) ?? 0) + 1);
    for (const match of line.matchAll(/\((EUR|USD|GBP|CHF|€|\$|£)\)|\ben\s+(euros?)\b|\bin\s+(EUR|USD|GBP)\b/giu)) {
      const code = codeOf(match[1] ?? match[2] ?? match[3]);
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * The bill's amount: among the figures with the best label, what is left to
 * pay, or the largest total. Figures with no label count only when they carry
 * a currency.
 */
export function billAmount(lines: string[], order: NumericOrder): ProposedAmount | null {
  const candidates = candidatesOf(lines, order).filter((c) => c.rank !== RANK.excluded && (c.rank !== RANK.unlabelled || c.currency !== null));
  if (candidates.length === 0) return null;
  const bestRank = Math.min(...candidates.map((c) => c.rank));
  const ranked = candidates.filter((c) => c.rank === bestRank);
  // What is left to pay comes last ("Total à payer", then "Reste à payer"); of several totals, the grand total is the largest.
  const best = bestRank === RANK.due ? ranked.at(-1)! : ranked.reduce((a, b) => (b.minor > a.minor ? b : a));
  return { amountMinor: best.minor, currency: best.currency ?? documentCurrency(lines, order) };
}
