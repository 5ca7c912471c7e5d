// Transactions by (currency, signed amount), each list sorted by day: a
// bill's candidates are one map lookup and a binary search away, so linking
// costs O((bills + transactions) · log) and never bills × transactions.
import { dayOf } from "./dates";
import type { TransactionFact } from "./types";

export interface IndexedTransaction {
  fact: TransactionFact;
  day: number;
}

export class TransactionIndex {
  /** currency -> signed amount -> transactions by day (number keys: no string built per row). */
  private readonly lists = new Map<string, Map<number, IndexedTransaction[]>>();
  private readonly byId = new Map<number, IndexedTransaction>();

  constructor(transactions: TransactionFact[]) {
    for (const fact of transactions) {
      const entry = { fact, day: dayOf(fact.date) };
      this.byId.set(fact.id, entry);
      let amounts = this.lists.get(fact.currency);
      if (!amounts) this.lists.set(fact.currency, (amounts = new Map()));
      const list = amounts.get(fact.amountMinor);
      if (list) list.push(entry);
      else amounts.set(fact.amountMinor, [entry]);
    }
    for (const amounts of this.lists.values()) {
      for (const list of amounts.values()) if (list.length > 1) list.sort((a, b) => a.day - b.day || a.fact.id - b.fact.id);
    }
  }

  get(id: number): IndexedTransaction | undefined {
    return this.byId.get(id);
  }

  /** Transactions of exactly this signed amount dated from `fromDay` to `toDay` (inclusive), by date. */
  within(currency: string, amountMinor: number, fromDay: number, toDay: number): IndexedTransaction[] {
    const list = this.lists.get(currency)?.get(amountMinor);
    if (!list) return [];
    const found: IndexedTransaction[] = [];
    for (let i = lowerBound(list, fromDay); i < list.length && list[i]!.day <= toDay; i++) found.push(list[i]!);
    return found;
  }
}

function lowerBound(list: IndexedTransaction[], day: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}
