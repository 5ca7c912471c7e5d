// How alike two bank labels are, and where an import id came from. The
// fuzzy dedup pass uses both: the same payment imported once from OFX and
// once from CAMT has two different ids but an alike label.

/** Words banks add around the payee that say nothing about who was paid. */
const NOISE = new Set([
  "CB", "CARTE", "PRLV", "PRELEVEMENT", "SEPA", "VIR", "VIREMENT", "PAIEMENT", "ACHAT", "FACTURE", "RETRAIT", "DAB",
  "DU", "DE", "LA", "LE", "LES", "DES", "ET", "EUR", "INST", "RECU", "EMIS", "REF", "TO", "FROM", "THE", "CARD",
  "PAYMENT", "PURCHASE", "POS", "DEBIT", "CREDIT", "TRANSFER", "DIRECT",
]);

function rawTokens(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    // Dates and short numbers ("12/03", "2024") differ between formats of one payment.
    .filter((token) => token.length >= 2 && !/^\d{1,4}$/.test(token));
}

/** The meaningful words of a label; all of its words when every one is noise. */
export function labelTokens(text: string): Set<string> {
  const all = rawTokens(text);
  const meaningful = all.filter((token) => !NOISE.has(token));
  return new Set(meaningful.length > 0 ? meaningful : all);
}

/** Overlap coefficient of two token sets: 1 when the shorter label's words all appear in the other. */
export function labelSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  return shared / small.size;
}

export type IdScheme = "hash" | "camt" | "source";

/** Which kind of id a transaction carries: ids of one scheme are comparable, across schemes they are not. */
export function idScheme(importId: string): IdScheme {
  if (importId.startsWith("hash:")) return "hash";
  if (/^(AcctSvcrRef|TxId|EndToEndId|NtryRef):/.test(importId)) return "camt";
  return "source";
}

/** Whole days between two YYYY-MM-DD dates, always >= 0. */
export function daysApart(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/** A YYYY-MM-DD date moved by a number of days. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
