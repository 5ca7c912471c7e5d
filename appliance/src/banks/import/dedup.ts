// Which parsed transactions an account already holds. First by import id
// (the same file, or an overlapping one of the same format); then a fuzzy
// pass for the same payment coming from another format (OFX then CAMT: the
// ids differ): same amount, dates at most 3 days apart, alike labels. A
// near-certain match counts as known; a doubtful one is "unsure" and left
// out unless the person includes it.
import type { ParsedTransaction } from "../parsers";
import { daysApart, idScheme, labelSimilarity, labelTokens } from "./similarity";

export interface ExistingTransaction {
  id: number;
  importId: string;
  bookingDate: string;
  amountMinor: number;
  label: string;
  counterparty: string | null;
}

export interface UnsureMatch {
  importId: string;
  bookingDate: string;
  amountMinor: number;
  label: string;
  /** The transaction already stored that this one may repeat. */
  likely: { id: number; bookingDate: string; label: string };
  similarity: number;
  daysApart: number;
  included: boolean;
}

export interface DedupResult {
  fresh: ParsedTransaction[];
  knownById: number;
  knownByMatch: number;
  unsure: UnsureMatch[];
}

export const FUZZY_WINDOW_DAYS = 3;
/** A match this close (same payee words, at most a day apart) is the same payment. */
const SURE_SIMILARITY = 0.5;
const SURE_DAYS = 1;
const UNSURE_SIMILARITY = 0.25;

interface Candidate {
  row: ExistingTransaction;
  similarity: number;
  days: number;
}

function wordsOf(label: string, counterparty: string | null | undefined): Set<string> {
  return labelTokens(counterparty ? `${label} ${counterparty}` : label);
}

/** Ids of one scheme are comparable: a different id of the same scheme is a different payment. */
function comparable(a: string, b: string): boolean {
  const scheme = idScheme(a);
  return scheme !== idScheme(b) || scheme === "hash";
}

function bestCandidate(tx: ParsedTransaction, pool: ExistingTransaction[], claimed: Set<number>): Candidate | null {
  const words = wordsOf(tx.label, tx.counterparty);
  let best: Candidate | null = null;
  for (const row of pool) {
    if (claimed.has(row.id) || !comparable(tx.importId, row.importId)) continue;
    const days = daysApart(tx.bookingDate, row.bookingDate);
    if (days > FUZZY_WINDOW_DAYS) continue;
    const similarity = labelSimilarity(words, wordsOf(row.label, row.counterparty));
    const score = similarity - 0.05 * days;
    if (!best || score > best.similarity - 0.05 * best.days) best = { row, similarity, days };
  }
  return best;
}

/**
 * The passes over one account, a transaction at a time in file order: what
 * is known by id, what a stored row already covers (each stored row matches
 * at most one), and what is doubtful.
 */
export class Deduplicator {
  private readonly knownIds = new Set<string>();
  private readonly byAmount = new Map<number, ExistingTransaction[]>();
  private readonly claimed = new Set<number>();
  knownById = 0;
  knownByMatch = 0;
  readonly unsure: UnsureMatch[] = [];

  constructor(private readonly include: ReadonlySet<string>) {}

  /** Stored rows to compare with; each is added once. */
  addExisting(rows: Iterable<ExistingTransaction>): void {
    for (const row of rows) {
      this.knownIds.add(row.importId);
      const list = this.byAmount.get(row.amountMinor);
      if (list) list.push(row);
      else this.byAmount.set(row.amountMinor, [row]);
    }
  }

  /** True when the transaction is to be written. */
  isFresh(tx: ParsedTransaction): boolean {
    if (this.knownIds.has(tx.importId)) {
      this.knownById++;
      return false;
    }
    const candidate = bestCandidate(tx, this.byAmount.get(tx.amountMinor) ?? [], this.claimed);
    if (candidate && candidate.similarity >= SURE_SIMILARITY && candidate.days <= SURE_DAYS) {
      this.claimed.add(candidate.row.id);
      this.knownByMatch++;
      return false;
    }
    if (candidate && (candidate.similarity >= UNSURE_SIMILARITY || candidate.days === 0)) {
      this.claimed.add(candidate.row.id);
      const included = this.include.has(tx.importId);
      this.unsure.push(unsureMatch(tx, candidate, included));
      return included;
    }
    return true;
  }
}

function unsureMatch(tx: ParsedTransaction, candidate: Candidate, included: boolean): UnsureMatch {
  return {
    importId: tx.importId,
    bookingDate: tx.bookingDate,
    amountMinor: tx.amountMinor,
    label: tx.label,
    likely: { id: candidate.row.id, bookingDate: candidate.row.bookingDate, label: candidate.row.label },
    similarity: Math.round(candidate.similarity * 100) / 100,
    daysApart: candidate.days,
    included,
  };
}

export function dedupTransactions(parsed: ParsedTransaction[], existing: ExistingTransaction[], include: ReadonlySet<string>): DedupResult {
  const passes = new Deduplicator(include);
  passes.addExisting(existing);
  const fresh = parsed.filter((tx) => passes.isFresh(tx));
  return { fresh, knownById: passes.knownById, knownByMatch: passes.knownByMatch, unsure: passes.unsure };
}
