// Banks statistics as SQL aggregates: the database sums the rows, the service
// only walks the (much fewer) per-day and per-month groups.
import { and, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { filterConditions, type TransactionFilters } from "../banks.repository";
import { bankAccounts, bankBalances, bankTransactions } from "../banks.schema";

export interface DaySum {
  accountId: number;
  day: string;
  sumMinor: number;
}

export interface Anchor {
  accountId: number;
  date: string;
  amountMinor: number;
}

export interface SpendingRow {
  month: string;
  categoryId: number | null;
  currency: string;
  amountMinor: number;
  count: number;
}

export class BanksStatsRepository {
  constructor(private readonly db: Database) {}

  accounts(userId: number, accountId?: number) {
    const where = [eq(bankAccounts.userId, userId), ...(accountId === undefined ? [] : [eq(bankAccounts.id, accountId)])];
    return this.db
      .select({ id: bankAccounts.id, name: bankAccounts.name, currency: bankAccounts.currency })
      .from(bankAccounts)
      .where(and(...where))
      .orderBy(bankAccounts.id);
  }

  /**
   * The sum of each account's transactions per booking day, oldest first (all
   * of them: a later statement balance anchors earlier days too). Read along
   * the (account, date) index, and sent as one "day sum,day sum…" text per
   * account: at 100,000 rows, passing ~36,000 day rows one by one through
   * the client costs more than the sums themselves.
   */
  async daySums(userId: number, accountId?: number): Promise<DaySum[]> {
    const accounts = accountId === undefined ? sql`` : sql` and id = ${accountId}`;
    const rows = await this.db.all<{ accountId: number; days: string }>(sql`
      select account_id as accountId, group_concat(booking_date || ' ' || total, ',') as days
      from (select account_id, booking_date, sum(amount_minor) as total from ${bankTransactions}
            where account_id in (select id from ${bankAccounts} where user_id = ${userId}${accounts})
            group by account_id, booking_date)
      group by account_id`);
    const sums: DaySum[] = [];
    for (const row of rows) {
      const days = row.days.split(",").map((entry) => ({ accountId: Number(row.accountId), day: entry.slice(0, 10), sumMinor: Number(entry.slice(11)) }));
      // group_concat promises no order: the walk needs days in order.
      sums.push(...days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)));
    }
    return sums;
  }

  /** Closing balances from the statements (the bank's own figure for the end of a day). */
  closings(userId: number, accountId?: number): Promise<Anchor[]> {
    const where = [eq(bankAccounts.userId, userId), eq(bankBalances.kind, "closing")];
    if (accountId !== undefined) where.push(eq(bankBalances.accountId, accountId));
    return this.db
      .select({ accountId: bankBalances.accountId, date: bankBalances.date, amountMinor: bankBalances.amountMinor })
      .from(bankBalances)
      .innerJoin(bankAccounts, eq(bankAccounts.id, bankBalances.accountId))
      .where(and(...where))
      .orderBy(bankBalances.accountId, bankBalances.date);
  }

  /** Debits per month, category and currency, between two dates (inclusive). */
  async spending(userId: number, from: string, to: string, accountId?: number): Promise<SpendingRow[]> {
    const month = sql<string>`substr(${bankTransactions.bookingDate}, 1, 7)`;
    const where: SQL[] = [eq(bankTransactions.userId, userId), gte(bankTransactions.bookingDate, from), lte(bankTransactions.bookingDate, to), lt(bankTransactions.amountMinor, 0)];
    if (accountId !== undefined) where.push(eq(bankTransactions.accountId, accountId));
    const rows = await this.db
      .select({ month, categoryId: bankTransactions.categoryId, currency: bankTransactions.currency, amountMinor: sql<number>`-sum(${bankTransactions.amountMinor})`, count: sql<number>`count(*)` })
      .from(bankTransactions)
      .where(and(...where))
      .groupBy(month, bankTransactions.categoryId, bankTransactions.currency)
      .orderBy(month);
    return rows.map((row) => ({ ...row, amountMinor: Number(row.amountMinor), count: Number(row.count) }));
  }

  /**
   * What the balances are computed from, in two cheap counts: transactions and
   * statement balances are only ever added or removed (never edited in
   * amount or date), so equal counts and top ids mean equal balances.
   */
  async balancesVersion(userId: number): Promise<string> {
    const [rows] = await this.db.select({ n: sql<number>`count(*)`, top: sql<number | null>`max(${bankTransactions.id})` }).from(bankTransactions).where(eq(bankTransactions.userId, userId));
    const [anchors] = await this.db
      .select({ n: sql<number>`count(*)`, top: sql<number | null>`max(${bankBalances.id})` })
      .from(bankBalances)
      .innerJoin(bankAccounts, eq(bankAccounts.id, bankBalances.accountId))
      .where(eq(bankAccounts.userId, userId));
    const accounts = await this.db.select({ n: sql<number>`count(*)`, names: sql<string>`group_concat(${bankAccounts.name}, char(31))` }).from(bankAccounts).where(eq(bankAccounts.userId, userId));
    return JSON.stringify([rows?.n, rows?.top, anchors?.n, anchors?.top, accounts[0]?.n, accounts[0]?.names]);
  }

  /** The newest booking date of a person's transactions (of one account), or null. */
  async lastDate(userId: number, accountId?: number): Promise<string | null> {
    const where = [eq(bankTransactions.userId, userId), ...(accountId === undefined ? [] : [eq(bankTransactions.accountId, accountId)])];
    const [row] = await this.db.select({ last: sql<string | null>`max(${bankTransactions.bookingDate})` }).from(bankTransactions).where(and(...where));
    return row?.last ?? null;
  }

  /** How many transactions the list shows for these filters (the virtualized list's full height). */
  async count(userId: number, filters: TransactionFilters): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.userId, userId), ...filterConditions(filters)));
    return Number(row?.n ?? 0);
  }
}
