// Bills and their links (drizzle only): the person's bills with their
// documents, keyset pages, links by transaction, and manual link changes.
import { and, desc, eq, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { files } from "../../files/files.schema";
import { bankBillLinks, bankBills, type BankBillLinkRow, type BankBillRow } from "../banks-bills.schema";
import { bankTransactions, type BankTransactionRow } from "../banks.schema";
import type { BillDocument } from "./bills.model";
import { syncReimbursementCategories } from "./reimbursement-category";

export interface BillFilters {
  from?: string;
  to?: string;
  type?: string;
  linked?: boolean;
}

export interface BillCursor {
  date: string;
  id: number;
}

export interface BillWithDocument {
  bill: BankBillRow;
  document: BillDocument | null;
}

const MADE_STATES = ["auto", "manual"] as const;

function madeLinkExists(): SQL {
  return sql`exists (select 1 from ${bankBillLinks} where ${bankBillLinks.billId} = ${bankBills.id} and ${bankBillLinks.state} in ('auto', 'manual'))`;
}

export class BillsRepository {
  constructor(private readonly db: Database) {}

  private selectWithDocument() {
    return this.db
      .select({ bill: bankBills, fileId: files.id, name: files.name, path: files.path })
      .from(bankBills)
      .leftJoin(files, and(eq(files.id, bankBills.fileId), eq(files.userId, bankBills.userId)));
  }

  async list(userId: number, filters: BillFilters, after: BillCursor | null, limit: number): Promise<BillWithDocument[]> {
    const where: SQL[] = [eq(bankBills.userId, userId)];
    if (filters.from) where.push(sql`${bankBills.date} >= ${filters.from}`);
    if (filters.to) where.push(sql`${bankBills.date} <= ${filters.to}`);
    if (filters.type) where.push(eq(bankBills.type, filters.type));
    if (filters.linked !== undefined) where.push(filters.linked ? madeLinkExists() : sql`not ${madeLinkExists()}`);
    if (after) where.push(or(lt(bankBills.date, after.date), and(eq(bankBills.date, after.date), lt(bankBills.id, after.id)))!);
    const rows = await this.selectWithDocument().where(and(...where)).orderBy(desc(bankBills.date), desc(bankBills.id)).limit(limit);
    return rows.map(withDocument);
  }

  async get(userId: number, id: number): Promise<BillWithDocument | null> {
    const [row] = await this.selectWithDocument().where(and(eq(bankBills.userId, userId), eq(bankBills.id, id)));
    return row ? withDocument(row) : null;
  }

  async bySourceRef(userId: number, source: string, sourceRef: string): Promise<BankBillRow | null> {
    const [row] = await this.db.select().from(bankBills).where(and(eq(bankBills.userId, userId), eq(bankBills.source, source), eq(bankBills.sourceRef, sourceRef)));
    return row ?? null;
  }

  /** Inserts, or answers null when the same (source, sourceRef) arrived meanwhile. */
  async insert(row: typeof bankBills.$inferInsert): Promise<BankBillRow | null> {
    const [saved] = await this.db.insert(bankBills).values(row).onConflictDoNothing().returning();
    return saved ?? null;
  }

  async remove(userId: number, id: number): Promise<boolean> {
    const removed = await this.db.delete(bankBills).where(and(eq(bankBills.userId, userId), eq(bankBills.id, id))).returning({ id: bankBills.id });
    return removed.length > 0;
  }

  async fileOf(userId: number, fileId: number): Promise<BillDocument | null> {
    const [row] = await this.db.select({ fileId: files.id, name: files.name, path: files.path }).from(files).where(and(eq(files.userId, userId), eq(files.id, fileId), eq(files.kind, "file")));
    return row ?? null;
  }

  /** A bill's links the person can see (not the removed ones). */
  linksOfBill(billId: number): Promise<BankBillLinkRow[]> {
    return this.db.select().from(bankBillLinks).where(and(eq(bankBillLinks.billId, billId), ne(bankBillLinks.state, "removed"))).orderBy(bankBillLinks.id);
  }

  async transactions(userId: number, ids: number[]): Promise<BankTransactionRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(bankTransactions).where(and(eq(bankTransactions.userId, userId), inArray(bankTransactions.id, ids)));
  }

  /** The visible links of these transactions, with their bills. */
  async linksOfTransactions(userId: number, ids: number[]): Promise<{ link: BankBillLinkRow; bill: BillWithDocument }[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ link: bankBillLinks, bill: bankBills, fileId: files.id, name: files.name, path: files.path })
      .from(bankBillLinks)
      .innerJoin(bankBills, eq(bankBills.id, bankBillLinks.billId))
      .leftJoin(files, and(eq(files.id, bankBills.fileId), eq(files.userId, bankBills.userId)))
      .where(and(eq(bankBills.userId, userId), inArray(bankBillLinks.transactionId, ids), ne(bankBillLinks.state, "removed")))
      .orderBy(bankBillLinks.id);
    return rows.map((row) => ({ link: row.link, bill: withDocument(row) }));
  }

  /** Made reimbursement links of the bills whose made payment is one of these debits, by debit. */
  async reimbursedOf(debitIds: number[]): Promise<{ debitId: number; amountMinor: number }[]> {
    if (debitIds.length === 0) return [];
    const payment = sql`payment`;
    return this.db.all<{ debitId: number; amountMinor: number }>(sql`
      select ${payment}.transaction_id as debitId, coalesce(sum(r.amount_minor), 0) as amountMinor
      from ${bankBillLinks} ${payment}
      join ${bankBillLinks} r on r.bill_id = ${payment}.bill_id and r.role = 'reimbursement' and r.state in ('auto', 'manual')
      where ${payment}.role = 'payment' and ${payment}.state in ('auto', 'manual') and ${payment}.transaction_id in ${debitIds}
      group by ${payment}.transaction_id`);
  }

  async link(userId: number, id: number): Promise<BankBillLinkRow | null> {
    const [row] = await this.db
      .select({ link: bankBillLinks })
      .from(bankBillLinks)
      .innerJoin(bankBills, eq(bankBills.id, bankBillLinks.billId))
      .where(and(eq(bankBillLinks.id, id), eq(bankBills.userId, userId)));
    return row?.link ?? null;
  }

  /** See reimbursement-category.ts: a credit linked as a reimbursement is a health reimbursement. */
  syncReimbursementCategories(transactionIds: readonly number[]): Promise<void> {
    return syncReimbursementCategories(this.db, transactionIds);
  }

  async setState(id: number, state: BankBillLinkRow["state"]): Promise<void> {
    await this.db.update(bankBillLinks).set({ state }).where(eq(bankBillLinks.id, id));
  }

  /**
   * The person's link for (bill, transaction, role), in one transaction: it
   * replaces that pair's earlier state, the bill's other suggestions for the
   * role go, and an automatic link of the role to another transaction is
   * marked removed (the person said which one it is). `exclusive`: the
   * transaction settles this bill alone, so other bills' suggestions of it go.
   */
  async makeManual(row: typeof bankBillLinks.$inferInsert, exclusive: boolean): Promise<BankBillLinkRow> {
    return this.db.transaction(async (tx) => {
      const sameRole = and(eq(bankBillLinks.billId, row.billId), eq(bankBillLinks.role, row.role), ne(bankBillLinks.transactionId, row.transactionId));
      await tx.delete(bankBillLinks).where(and(sameRole, eq(bankBillLinks.state, "suggested")));
      if (exclusive) {
        const othersOfTransaction = and(eq(bankBillLinks.transactionId, row.transactionId), eq(bankBillLinks.role, row.role), ne(bankBillLinks.billId, row.billId));
        await tx.delete(bankBillLinks).where(and(othersOfTransaction, eq(bankBillLinks.state, "suggested")));
      }
      await tx.update(bankBillLinks).set({ state: "removed" }).where(and(sameRole, eq(bankBillLinks.state, "auto")));
      const [saved] = await tx
        .insert(bankBillLinks)
        .values(row)
        .onConflictDoUpdate({ target: [bankBillLinks.billId, bankBillLinks.transactionId, bankBillLinks.role], set: { state: "manual", amountMinor: row.amountMinor, score: row.score, explanation: row.explanation } })
        .returning();
      return saved!;
    });
  }

  /** Made links (payment) of a transaction, to cap what reimbursements one expense may receive. */
  madePaymentOf(billId: number): Promise<BankBillLinkRow[]> {
    return this.db.select().from(bankBillLinks).where(and(eq(bankBillLinks.billId, billId), eq(bankBillLinks.role, "payment"), inArray(bankBillLinks.state, [...MADE_STATES])));
  }
}

function withDocument(row: { bill: BankBillRow; fileId: number | null; name: string | null; path: string | null }): BillWithDocument {
  return { bill: row.bill, document: row.fileId !== null && row.name !== null && row.path !== null ? { fileId: row.fileId, name: row.name, path: row.path } : null };
}
