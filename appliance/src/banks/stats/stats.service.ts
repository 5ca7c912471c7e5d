// Balance over time and spending per category: the charts of the Banks page.
// Balances are anchored on the banks' own closing balances where statements
// gave them (the nearest one at or before each point, else the first after);
// an account without any is the running sum of its imported transactions.
import type { Clock } from "../../shared/ports";
import { BadRequestError, NotFoundError } from "../../shared/errors";
import type { TransactionFilters } from "../banks.repository";
import { defaultStep, monthStart, stepEnds, toDate, yearsBefore, type Step } from "./dates";
import type { Anchor, BanksStatsRepository, DaySum, SpendingRow } from "./stats.repository";

export interface BalanceSeries {
  step: Step;
  /** The last day of each step (the last one is `to`). */
  dates: string[];
  accounts: Array<{ id: number; name: string; currency: string; source: "statement" | "computed"; values: Array<number | null> }>;
  /** Per currency, the sum of the accounts that have a balance at that date. */
  totals: Array<{ currency: string; values: Array<number | null> }>;
}

export interface SpendingStats {
  months: string[];
  spending: SpendingRow[];
}

export interface BalanceQuery {
  account?: number;
  from?: string;
  to?: string;
  step?: Step;
}

const HISTORY_YEARS = 5;
const MAX_POINTS = 2000;
/** Balance series kept for a page shown again with nothing new (per person and query). */
const CACHED_SERIES = 64;

/** One account's balance at each date: its transactions' running sum, moved onto the nearest statement balance. */
export function accountValues(days: DaySum[], anchors: Anchor[], dates: string[]): Array<number | null> {
  // Running sum at each anchor's date, to know how far the sum is from the bank's figure there.
  const offsets: Array<{ date: string; offset: number }> = [];
  let prefix = 0;
  let d = 0;
  for (const anchor of anchors) {
    while (d < days.length && days[d]!.day <= anchor.date) prefix += days[d++]!.sumMinor;
    offsets.push({ date: anchor.date, offset: anchor.amountMinor - prefix });
  }
  const firstKnown = [days[0]?.day, anchors[0]?.date].filter((x): x is string => x !== undefined).sort()[0];
  const values: Array<number | null> = [];
  prefix = 0;
  d = 0;
  let a = -1;
  for (const date of dates) {
    while (d < days.length && days[d]!.day <= date) prefix += days[d++]!.sumMinor;
    while (a + 1 < offsets.length && offsets[a + 1]!.date <= date) a += 1;
    const offset = offsets[Math.max(a, 0)]?.offset ?? 0;
    values.push(firstKnown === undefined || date < firstKnown ? null : prefix + offset);
  }
  return values;
}

function groupByAccount<T extends { accountId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.accountId);
    if (group) group.push(row);
    else groups.set(row.accountId, [row]);
  }
  return groups;
}

function totalsPerCurrency(accounts: BalanceSeries["accounts"], length: number): BalanceSeries["totals"] {
  const totals = new Map<string, Array<number | null>>();
  for (const account of accounts) {
    const sums = totals.get(account.currency) ?? Array.from({ length }, () => null);
    account.values.forEach((value, i) => {
      if (value !== null) sums[i] = (sums[i] ?? 0) + value;
    });
    totals.set(account.currency, sums);
  }
  return [...totals].map(([currency, values]) => ({ currency, values }));
}

export class BanksStatsService {
  private readonly cache = new Map<string, { version: string; series: BalanceSeries }>();

  constructor(
    private readonly repository: BanksStatsRepository,
    private readonly clock: Clock,
  ) {}

  /** The series, read again only when the person's transactions, statement balances or accounts changed (or the day did). */
  async balances(userId: number, query: BalanceQuery): Promise<BalanceSeries> {
    const key = JSON.stringify([userId, query.account, query.from, query.to, query.step, toDate(this.clock.now())]);
    const version = await this.repository.balancesVersion(userId);
    const cached = this.cache.get(key);
    if (cached?.version === version) return cached.series;
    const series = await this.computeBalances(userId, query);
    this.cache.delete(key);
    this.cache.set(key, { version, series });
    if (this.cache.size > CACHED_SERIES) this.cache.delete(this.cache.keys().next().value!);
    return series;
  }

  private async computeBalances(userId: number, query: BalanceQuery): Promise<BalanceSeries> {
    const accounts = await this.repository.accounts(userId, query.account);
    if (query.account !== undefined && accounts.length === 0) throw new NotFoundError("No such account.");
    const to = query.to ?? toDate(this.clock.now());
    const [days, anchors] = await Promise.all([this.repository.daySums(userId, query.account), this.repository.closings(userId, query.account)]);
    const from = query.from ?? this.firstUsefulDate(days, anchors, to);
    if (from > to) throw new BadRequestError("bad_range", "The start date is after the end date.");
    const step = query.step ?? defaultStep(from, to);
    const dates = stepEnds(from, to, step);
    if (dates.length > MAX_POINTS) throw new BadRequestError("too_many_points", `This range has ${dates.length} points by ${step}; ask for at most ${MAX_POINTS} (a longer step or a shorter range).`);
    const daysOf = groupByAccount(days);
    const anchorsOf = groupByAccount(anchors);
    const series = accounts.map((account) => ({
      ...account,
      source: anchorsOf.has(account.id) ? ("statement" as const) : ("computed" as const),
      values: accountValues(daysOf.get(account.id) ?? [], anchorsOf.get(account.id) ?? [], dates),
    }));
    return { step, dates, accounts: series, totals: totalsPerCurrency(series, dates.length) };
  }

  /** Five years back at most, from the first day anything is known. */
  private firstUsefulDate(days: DaySum[], anchors: Anchor[], to: string): string {
    let first = to;
    for (const { day } of days) if (day < first) first = day;
    for (const { date } of anchors) if (date < first) first = date;
    const limit = yearsBefore(to, HISTORY_YEARS);
    return first < limit ? limit : first;
  }

  /** Debits per month and category for the `months` months up to the newest transaction's month (or this month). */
  async spending(userId: number, months: number, account?: number, toMonth?: string): Promise<SpendingStats> {
    if (account !== undefined && (await this.repository.accounts(userId, account)).length === 0) throw new NotFoundError("No such account.");
    const last = toMonth ? `${toMonth}-01` : ((await this.repository.lastDate(userId, account)) ?? toDate(this.clock.now()));
    const from = monthStart(last, months - 1);
    const to = `${last.slice(0, 7)}-31`;
    const list = Array.from({ length: months }, (_, i) => monthStart(last, months - 1 - i).slice(0, 7));
    return { months: list, spending: await this.repository.spending(userId, from, to, account) };
  }

  count(userId: number, filters: TransactionFilters): Promise<number> {
    return this.repository.count(userId, filters);
  }
}
