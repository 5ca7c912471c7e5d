// Candidate transactions for one bill, or for a small group of bills that
// one transaction settles together: exact amount, inside the window, the
// right category and label, not taken, not removed by the person.
import type { IndexedTransaction, TransactionIndex } from "./transaction-index";
import { WINDOW_AFTER_DAYS, WINDOW_BEFORE_DAYS, windowOf, type Target } from "./targets";

/** The nearest this many transactions of one amount are enough: more are the same ambiguity. */
const NEAREST = 8;
/** At most this many bills are settled by one transaction (never every subset of a person's bills). */
export const MAX_GROUP = 6;
/** Bills of one group are dated at most this many days apart. */
export const GROUP_SPAN_DAYS = 2;
/** Days weigh this much against minor units of amount difference in a score. */
const DAY_WEIGHT = 100;

export interface Candidate {
  targets: Target[];
  transaction: IndexedTransaction;
  /** Lower is better: the largest date distance, weighted, plus the amount difference. */
  score: number;
  /** The words of the label that name the vendor. */
  label: string | null;
}

export interface CandidateFilter {
  /** The label's normalized text (computed once per transaction). */
  labelOf(transaction: IndexedTransaction): string;
  removed(billId: number, transactionId: number, role: Target["role"]): boolean;
  available(transactionId: number, key: string): boolean;
}

/** Whether a transaction fits every bill of a (possibly one-bill) group; answers the label matched, or undefined if it does not fit. */
function fits(targets: Target[], transaction: IndexedTransaction, filter: CandidateFilter): string | null | undefined {
  const first = targets[0]!;
  if (first.healthOnly && !transaction.fact.health) return undefined;
  if (!filter.available(transaction.fact.id, first.claimKey)) return undefined;
  if (targets.some((target) => filter.removed(target.bill.id, transaction.fact.id, target.role))) return undefined;
  const label = first.matcher.match(filter.labelOf(transaction));
  if (first.requireLabel && label === null) return undefined;
  return label;
}

function scoreOf(targets: Target[], transaction: IndexedTransaction): number {
  return Math.max(...targets.map((target) => Math.abs(transaction.day - target.day))) * DAY_WEIGHT;
}

function nearest(found: IndexedTransaction[], day: number): IndexedTransaction[] {
  if (found.length <= NEAREST) return found;
  return [...found].sort((a, b) => Math.abs(a.day - day) - Math.abs(b.day - day) || a.fact.id - b.fact.id).slice(0, NEAREST);
}

export function singleCandidates(target: Target, index: TransactionIndex, filter: CandidateFilter): Candidate[] {
  const [from, to] = windowOf(target);
  const found = nearest(index.within(target.bill.currency, target.sign * target.amount, from, to), target.day);
  const candidates: Candidate[] = [];
  for (const transaction of found) {
    const label = fits([target], transaction, filter);
    if (label !== undefined) candidates.push({ targets: [target], transaction, score: scoreOf([target], transaction), label });
  }
  return candidates;
}

function groupCandidatesOf(group: Target[], index: TransactionIndex, filter: CandidateFilter): Candidate[] {
  const days = group.map((target) => target.day);
  const from = Math.max(...days) - WINDOW_BEFORE_DAYS;
  const to = Math.min(...days) + WINDOW_AFTER_DAYS;
  const sum = group.reduce((total, target) => total + target.amount, 0);
  const first = group[0]!;
  const candidates: Candidate[] = [];
  for (const transaction of nearest(index.within(first.bill.currency, first.sign * sum, from, to), first.day)) {
    const label = fits(group, transaction, filter);
    if (label !== undefined) candidates.push({ targets: group, transaction, score: scoreOf(group, transaction), label });
  }
  return candidates;
}

/** Bills that may be settled together: one role, one vendor, one currency. */
function clusters(targets: Target[]): Target[][] {
  const byKey = new Map<string, Target[]>();
  for (const target of targets) {
    const key = `${target.role}|${target.matcher.key}|${target.bill.currency}|${target.healthOnly}|${target.requireLabel}`;
    const list = byKey.get(key);
    if (list) list.push(target);
    else byKey.set(key, [target]);
  }
  return [...byKey.values()].map((list) => list.sort((a, b) => a.day - b.day || a.amount - b.amount || a.bill.id - b.bill.id));
}

/**
 * Groups of 2 to MAX_GROUP bills dated within GROUP_SPAN_DAYS: for each bill,
 * the subsets it starts among the next MAX_GROUP - 1 bills of its cluster
 * (at most 2^(MAX_GROUP-1) per bill, so the work stays linear in bills).
 */
export function groupCandidates(targets: Target[], index: TransactionIndex, filter: CandidateFilter): Candidate[] {
  const candidates: Candidate[] = [];
  for (const cluster of clusters(targets)) {
    for (let start = 0; start < cluster.length; start++) {
      const head = cluster[start]!;
      let end = start + 1;
      while (end < cluster.length && end - start < MAX_GROUP && cluster[end]!.day - head.day <= GROUP_SPAN_DAYS) end++;
      const others = cluster.slice(start + 1, end);
      for (let mask = 1; mask < 1 << others.length; mask++) {
        const group = [head, ...others.filter((_, bit) => mask & (1 << bit))];
        candidates.push(...groupCandidatesOf(group, index, filter));
      }
    }
  }
  return candidates;
}
