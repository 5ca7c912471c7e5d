// Banks queries (drizzle only). The import's write is one libsql batch: one
// SQLite transaction, all of it or nothing.
import type { Client } from "@libsql/client";
import { and, asc, desc, eq, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { bankAccounts, bankBalances, bankImports, bankTransactions, type BankAccountRow, type BankImportRow, type BankTransactionRow } from "./banks.schema";
import type { ExistingTransaction } from "./import/dedup";
import type { CommitPlan } from "./import/commit-plan";
import { commitStatements } from "./import/commit-plan";

export interface TransactionFilters {
  accountId?: number;
  /** A category id, or null for uncategorized. */
  categoryId?: number | null;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  text?: string;
}

export interface Cursor {
  bookingDate: string;
  id: number;
}

export class BanksRepository {
  constructor(
    readonly db: Database,
    /** The raw client, for the import's batch of plain statements. */
    private readonly client: Client,
  ) {}

  accounts(userId: number): Promise<BankAccountRow[]> {
    return this.db.select().from(bankAccounts).where(eq(bankAccounts.userId, userId)).orderBy(asc(bankAccounts.id));
  }

  async account(userId: number, id: number): Promise<BankAccountRow | null> {
    const [row] = await this.db.select().from(bankAccounts).where(and(eq(bankAccounts.userId, userId), eq(bankAccounts.id, id)));
    return row ?? null;
  }

  /** What the account holds between two dates, for the dedup passes. */
  existingBetween(accountId: number, from: string, to: string): Promise<ExistingTransaction[]> {
    return this.db
      .select({
        id: bankTransactions.id,
        importId: bankTransactions.importId,
        bookingDate: bankTransactions.bookingDate,
        amountMinor: bankTransactions.amountMinor,
        label: bankTransactions.label,
        counterparty: bankTransactions.counterparty,
      })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.accountId, accountId), gte(bankTransactions.bookingDate, from), lte(bankTransactions.bookingDate, to)));
  }

  async insertImport(row: typeof bankImports.$inferInsert): Promise<BankImportRow> {
    const [saved] = await this.db.insert(bankImports).values(row).returning();
    if (!saved) throw new Error("insert returned no row");
    return saved;
  }

  async importById(userId: number, id: number): Promise<BankImportRow | null> {
    const [row] = await this.db.select().from(bankImports).where(and(eq(bankImports.userId, userId), eq(bankImports.id, id)));
    return row ?? null;
  }

  async updateImport(id: number, fields: Partial<typeof bankImports.$inferInsert>): Promise<void> {
    await this.db.update(bankImports).set(fields).where(eq(bankImports.id, id));
  }

  /** Previews past their expiry, whose stored files are to be removed. */
  expiredPreviews(now: number): Promise<BankImportRow[]> {
    return this.db.select().from(bankImports).where(and(eq(bankImports.state, "preview"), lt(bankImports.expiresAt, now)));
  }

  async storedPaths(): Promise<Set<string>> {
    const rows = await this.db.select({ path: bankImports.storedPath }).from(bankImports).where(sql`${bankImports.storedPath} is not null`);
    return new Set(rows.map((row) => row.path!));
  }

  /** Writes a whole import in one transaction (a libsql batch, run on one connection without interleaving). */
  async commit(plan: CommitPlan): Promise<void> {
    await this.client.batch(commitStatements(this.db, plan), "write");
  }

  async countTransactions(userId: number): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(bankTransactions).where(eq(bankTransactions.userId, userId));
    return row?.n ?? 0;
  }

  listTransactions(userId: number, filters: TransactionFilters, after: Cursor | null, limit: number) {
    const where = [eq(bankTransactions.userId, userId), ...filterConditions(filters)];
    if (after) {
      // "date <= d" first: a range SQLite reads straight off the (…, booking_date, id) indexes.
      where.push(lte(bankTransactions.bookingDate, after.bookingDate));
      where.push(or(lt(bankTransactions.bookingDate, after.bookingDate), lt(bankTransactions.id, after.id))!);
    }
    return this.db
      .select()
      .from(bankTransactions)
      .where(and(...where))
      .orderBy(desc(bankTransactions.bookingDate), desc(bankTransactions.id))
      .limit(limit);
  }

  async transaction(userId: number, id: number) {
    const [row] = await this.db.select().from(bankTransactions).where(and(eq(bankTransactions.userId, userId), eq(bankTransactions.id, id)));
    return row ?? null;
  }

  async updateTransaction(
    userId: number,
    id: number,
    fields: { note?: string | null; categoryId?: number | null; categoryReason?: string | null; categorySource?: BankTransactionRow["categorySource"] },
  ) {
    const [row] = await this.db
      .update(bankTransactions)
      .set(fields)
      .where(and(eq(bankTransactions.userId, userId), eq(bankTransactions.id, id)))
      .returning();
    return row ?? null;
  }

  async latestClosing(accountId: number): Promise<{ date: string; amountMinor: number } | null> {
    const [row] = await this.db
      .select({ date: bankBalances.date, amountMinor: bankBalances.amountMinor })
      .from(bankBalances)
      .where(and(eq(bankBalances.accountId, accountId), eq(bankBalances.kind, "closing")))
      .orderBy(desc(bankBalances.date))
      .limit(1);
    return row ?? null;
  }

  async dateRange(accountId: number): Promise<{ first: string | null; last: string | null }> {
    const [row] = await this.db
      .select({ first: sql<string | null>`min(${bankTransactions.bookingDate})`, last: sql<string | null>`max(${bankTransactions.bookingDate})` })
      .from(bankTransactions)
      .where(eq(bankTransactions.accountId, accountId));
    return { first: row?.first ?? null, last: row?.last ?? null };
  }

  /** Sum, count and last date of an account's transactions booked after a date ("" = all). */
  async totalsAfter(accountId: number, date: string): Promise<{ sum: number; count: number; lastDate: string | null }> {
    const [row] = await this.db
      .select({ sum: sql<number>`coalesce(sum(${bankTransactions.amountMinor}), 0)`, count: sql<number>`count(*)`, lastDate: sql<string | null>`max(${bankTransactions.bookingDate})` })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.accountId, accountId), sql`${bankTransactions.bookingDate} > ${date}`));
    return { sum: Number(row?.sum ?? 0), count: Number(row?.count ?? 0), lastDate: row?.lastDate ?? null };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function filterConditions(filters: TransactionFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.accountId !== undefined) where.push(eq(bankTransactions.accountId, filters.accountId));
  if (filters.categoryId === null) where.push(sql`${bankTransactions.categoryId} is null`);
  else if (filters.categoryId !== undefined) where.push(eq(bankTransactions.categoryId, filters.categoryId));
  if (filters.from) where.push(gte(bankTransactions.bookingDate, filters.from));
  if (filters.to) where.push(lte(bankTransactions.bookingDate, filters.to));
  if (filters.minAmount !== undefined) where.push(gte(bankTransactions.amountMinor, filters.minAmount));
  if (filters.maxAmount !== undefined) where.push(lte(bankTransactions.amountMinor, filters.maxAmount));
  if (filters.text) {
    const pattern = `%${escapeLike(filters.text)}%`;
    where.push(sql`(${bankTransactions.label} like ${pattern} escape '\\' or ${bankTransactions.memo} like ${pattern} escape '\\'
      or ${bankTransactions.counterparty} like ${pattern} escape '\\' or ${bankTransactions.note} like ${pattern} escape '\\')`);
  }
  return where;
}
