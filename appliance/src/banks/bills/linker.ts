// A linking run for one person: reads what arrived since the last run (new
// bills; new transactions and the older unlinked bills whose window they fall
// in), links it with the pure engine, writes the result with the new marks.
// `full` looks at every bill again (still never re-making a removed link).
import type { Logger } from "../../shared/logger";
import type { Clock } from "../../shared/ports";
import { dateOf, dayOf } from "../linking/dates";
import { linkBills } from "../linking/engine";
import { targetOf, WINDOW_AFTER_DAYS, WINDOW_BEFORE_DAYS, windowOf } from "../linking/targets";
import type { BillFact, LinkFact, LinkRole } from "../linking/types";
import type { LinkingRepository, Marks } from "./linking.repository";

export interface LinkerDeps {
  repository: LinkingRepository;
  /** Ids of the health expenses category and its subcategories, for this person. */
  healthExpenseIds(userId: number): Promise<number[]>;
  clock: Clock;
  logger: Logger;
}

export interface LinkRunSummary {
  bills: number;
  transactions: number;
  made: number;
  suggested: number;
}

const ROLES: LinkRole[] = ["payment", "reimbursement"];

export interface LinkRunOptions {
  /** Look at every bill again (made and removed links still stand). */
  full?: boolean;
  /** Look only at the unlinked bills whose windows reach these dates (transactions there changed: a category given by hand...). */
  around?: { from: string; to: string };
}

export class BillLinker {
  /** One run at a time per person (the job and a direct call may meet). */
  private readonly running = new Map<number, Promise<unknown>>();

  constructor(private readonly deps: LinkerDeps) {}

  run(userId: number, options: LinkRunOptions = {}): Promise<LinkRunSummary> {
    const previous = this.running.get(userId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runNow(userId, options));
    this.running.set(userId, next);
    void next.finally(() => this.running.get(userId) === next && this.running.delete(userId)).catch(() => undefined);
    return next;
  }

  private async runNow(userId: number, options: LinkRunOptions): Promise<LinkRunSummary> {
    const { repository } = this.deps;
    const marks: Marks = options.full ? { transactionsSeen: 0, billsSeen: 0 } : await repository.marks(userId);
    const tops = await repository.tops(userId);
    if (options.around) {
      // A look around changed transactions moves no mark: what arrived meanwhile waits for its own run.
      const { from, to } = options.around;
      const bills = await repository.openBillsDated(userId, marks.billsSeen, dateOf(dayOf(from) - WINDOW_AFTER_DAYS), dateOf(dayOf(to) + WINDOW_BEFORE_DAYS));
      return this.linkAndSave(userId, bills, marks);
    }
    return this.linkAndSave(userId, await this.billsToLook(userId, marks, tops), tops);
  }

  /** Links these bills against the transactions in their windows; saves the links and the marks. */
  private async linkAndSave(userId: number, bills: BillFact[], marks: Marks): Promise<LinkRunSummary> {
    const { repository } = this.deps;
    const now = this.deps.clock.now();
    if (bills.length === 0) {
      await repository.save(userId, [], [], marks, now);
      return { bills: 0, transactions: 0, made: 0, suggested: 0 };
    }
    const ranges = windowRanges(bills);
    const health = new Set(await this.deps.healthExpenseIds(userId));
    const transactions = await repository.transactionsIn(userId, ranges, health);
    const links = await this.linksAround(userId, bills, ranges);
    const loaded = new Set(transactions.map((transaction) => transaction.id));
    const expenses = unique(links.filter((link) => link.role === "payment" && !loaded.has(link.transactionId)).map((link) => link.transactionId));
    transactions.push(...(await repository.transactionsById(userId, expenses, health)));
    const looked = new Set(bills.map((bill) => bill.id));
    const linkedBills = await repository.billsById(userId, unique(links.map((link) => link.billId)).filter((id) => !looked.has(id)));
    const result = linkBills({ bills, transactions, links, linkedBills });
    await repository.save(userId, unique(result.looked.map((entry) => entry.billId)), result.links, marks, now);
    const made = result.links.filter((link) => link.state === "auto").length;
    this.deps.logger.info("bills linked", { userId, bills: bills.length, transactions: transactions.length, made });
    return { bills: bills.length, transactions: transactions.length, made, suggested: result.links.length - made };
  }

  /** New bills, and older bills still missing a link whose window a new transaction falls in. */
  private async billsToLook(userId: number, marks: Marks, tops: Marks): Promise<BillFact[]> {
    const { repository } = this.deps;
    const fresh = await repository.billsBetween(userId, marks.billsSeen, tops.billsSeen);
    const arrived = await repository.arrivedDates(userId, marks.transactionsSeen, tops.transactionsSeen);
    if (!arrived || marks.billsSeen === 0) return fresh;
    // A transaction on day d fits a bill centred on day c when d - c is in [-15, +29].
    const from = dateOf(dayOf(arrived.from) - WINDOW_AFTER_DAYS);
    const to = dateOf(dayOf(arrived.to) + WINDOW_BEFORE_DAYS);
    const older = await repository.openBillsDated(userId, marks.billsSeen, from, to);
    return [...fresh, ...older];
  }

  /** Links of these bills and of the transactions in reach, with the reimbursements already counted against their expenses. */
  private async linksAround(userId: number, bills: BillFact[], ranges: [string, string][]): Promise<LinkFact[]> {
    const { repository } = this.deps;
    const links = await repository.linksTouching(userId, bills.map((bill) => bill.id), ranges);
    const debits = unique(links.filter((link) => link.role === "payment" && (link.state === "auto" || link.state === "manual")).map((link) => link.transactionId));
    const seen = new Set(links.map(linkKey));
    for (const link of await repository.reimbursementsOfExpenses(debits)) {
      if (!seen.has(linkKey(link))) {
        seen.add(linkKey(link));
        links.push(link);
      }
    }
    return links;
  }
}

function linkKey(link: LinkFact): string {
  return `${link.billId}|${link.transactionId}|${link.role}`;
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

/** Where the bills' candidates may be dated, as few merged [from, to] date ranges. */
export function windowRanges(bills: BillFact[]): [string, string][] {
  const windows: [number, number][] = [];
  for (const bill of bills) {
    for (const role of ROLES) {
      const target = targetOf(bill, role);
      if (target) windows.push(windowOf(target));
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of windows) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged.map(([from, to]) => [dateOf(from), dateOf(to)]);
}
