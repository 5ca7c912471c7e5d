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

  /** The sum of each account's transactions per booking day, oldest first (all of them: a later statement balance anchors earlier days too). */
  async daySums(userId: number, accountId?: number): Promise<DaySum[]> {
    const where = [eq(bankTransactions.userId, userId)];
    if (accountId !== undefined) where.push(eq(bankTransactions.accountId, accountId));
    const rows = await this.db
      .select({ accountId: bankTransactions.accountId, day: bankTransactions.bookingDate, sumMinor: sql<number>`sum(${bankTransactions.amountMinor})` })
      .from(bankTransactions)
      .where(and(...where))
      .groupBy(bankTransactions.accountId, bankTransactions.bookingDate)
      .orderBy(bankTransactions.accountId, bankTransactions.bookingDate);
    return rows.map((row) => ({ ...row, sumMinor: Number(row.sumMinor) }));
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
