// What a linking run reads (bills, the transactions in their windows, the
// links touching them) and writes (its links and the marks of what it has
// looked at), in drizzle. Everything is read by date ranges and id chunks,
// so an incremental run reads about what arrived, not the whole history.
import { and, eq, gt, gte, inArray, isNotNull, lte, max, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bankBillLinks, bankBills } from "../banks-bills.schema";
import { bankTransactions } from "../banks.schema";
import { bankLinkingState } from "../linking/linking.schema";
import type { BillFact, LinkFact, ProposedLink, TransactionFact } from "../linking/types";
import { syncReimbursementCategories } from "./reimbursement-category";

/** Ids per `in (...)` list and rows per insert, well under SQLite's limit of bound values. */
const CHUNK = 500;
/** Links per insert, sent as one JSON array read by json_each. */
const INSERT_ROWS = 5_000;

export interface Marks {
  transactionsSeen: number;
  billsSeen: number;
}

const billColumns = {
  id: bankBills.id, vendor: bankBills.vendor, type: bankBills.type, date: bankBills.date, amountMinor: bankBills.amountMinor,
  currency: bankBills.currency, originalAmountMinor: bankBills.originalAmountMinor, originalDate: bankBills.originalDate,
};

const transactionColumns = {
  id: bankTransactions.id, date: bankTransactions.bookingDate, amountMinor: bankTransactions.amountMinor, currency: bankTransactions.currency,
  label: bankTransactions.label, rawLabel: bankTransactions.rawLabel, counterparty: bankTransactions.counterparty, categoryId: bankTransactions.categoryId,
};

type TransactionTuple = [number, string, number, string, string, string, string | null, number | null];

function fromTuple([id, date, amountMinor, currency, label, rawLabel, counterparty, categoryId]: TransactionTuple): TransactionRow {
  return { id, date, amountMinor, currency, label, rawLabel, counterparty, categoryId };
}

type TransactionRow = { id: number; date: string; amountMinor: number; currency: string; label: string; rawLabel: string; counterparty: string | null; categoryId: number | null };

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A bill still missing a made link of a role it needs (payment always; reimbursement for an insurer's statement). */
function stillOpen(): SQL {
  const made = (role: string) => sql`exists (select 1 from ${bankBillLinks} where ${bankBillLinks.billId} = ${bankBills.id} and ${bankBillLinks.role} = ${role} and ${bankBillLinks.state} in ('auto', 'manual'))`;
  return sql`(not ${made("payment")} or (${bankBills.originalAmountMinor} is not null and ${bankBills.amountMinor} > 0 and not ${made("reimbursement")}))`;
}

export class LinkingRepository {
  constructor(private readonly db: Database) {}

  async marks(userId: number): Promise<Marks> {
    const [row] = await this.db.select().from(bankLinkingState).where(eq(bankLinkingState.userId, userId));
    return { transactionsSeen: row?.transactionsSeen ?? 0, billsSeen: row?.billsSeen ?? 0 };
  }

  /** The highest ids now: what this run will have looked at. */
  async tops(userId: number): Promise<Marks> {
    const [transactions] = await this.db.select({ top: max(bankTransactions.id) }).from(bankTransactions).where(eq(bankTransactions.userId, userId));
    const [bills] = await this.db.select({ top: max(bankBills.id) }).from(bankBills).where(eq(bankBills.userId, userId));
    return { transactionsSeen: transactions?.top ?? 0, billsSeen: bills?.top ?? 0 };
  }

  billsBetween(userId: number, afterId: number, upToId: number): Promise<BillFact[]> {
    return this.db.select(billColumns).from(bankBills).where(and(eq(bankBills.userId, userId), gt(bankBills.id, afterId), lte(bankBills.id, upToId)));
  }

  /** The first and last dates of the transactions that arrived between two marks. */
  async arrivedDates(userId: number, afterId: number, upToId: number): Promise<{ from: string; to: string } | null> {
    const [row] = await this.db
      .select({ from: sql<string | null>`min(${bankTransactions.bookingDate})`, to: sql<string | null>`max(${bankTransactions.bookingDate})` })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.userId, userId), gt(bankTransactions.id, afterId), lte(bankTransactions.id, upToId)));
    return row?.from && row.to ? { from: row.from, to: row.to } : null;
  }

  /** Older bills still missing a link whose date (or original date) is between two days. */
  openBillsDated(userId: number, upToId: number, from: string, to: string): Promise<BillFact[]> {
    const dated = or(and(gte(bankBills.date, from), lte(bankBills.date, to)), and(isNotNull(bankBills.originalDate), gte(bankBills.originalDate, from), lte(bankBills.originalDate, to)));
    return this.db.select(billColumns).from(bankBills).where(and(eq(bankBills.userId, userId), lte(bankBills.id, upToId), dated, stillOpen()));
  }

  async billsById(userId: number, ids: number[]): Promise<BillFact[]> {
    const out: BillFact[] = [];
    for (const part of chunks(ids)) out.push(...(await this.db.select(billColumns).from(bankBills).where(and(eq(bankBills.userId, userId), inArray(bankBills.id, part)))));
    return out;
  }

  /**
   * The person's transactions dated inside these [from, to] ranges (sorted, not
   * overlapping). Read as one JSON array per range: a full run reads the whole
   * history, and one string parsed at once costs far less than a row object each.
   */
  async transactionsIn(userId: number, ranges: [string, string][], healthIds: Set<number>): Promise<TransactionFact[]> {
    const out: TransactionFact[] = [];
    for (const [from, to] of ranges) {
      const [row] = await this.db.all<{ rows: string | null }>(sql`
        select json_group_array(json_array(id, booking_date, amount_minor, currency, label, raw_label, counterparty, category_id)) as rows
        from ${bankTransactions} where user_id = ${userId} and booking_date >= ${from} and booking_date <= ${to}`);
      for (const values of JSON.parse(row?.rows ?? "[]") as TransactionTuple[]) out.push(toFact(fromTuple(values), healthIds));
    }
    return out;
  }

  async transactionsById(userId: number, ids: number[], healthIds: Set<number>): Promise<TransactionFact[]> {
    const out: TransactionFact[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.db.select(transactionColumns).from(bankTransactions).where(and(eq(bankTransactions.userId, userId), inArray(bankTransactions.id, part)));
      for (const row of rows) out.push(toFact(row, healthIds));
    }
    return out;
  }

  /** Links of these bills, and links of the person's transactions dated inside these ranges. */
  async linksTouching(userId: number, billIds: number[], ranges: [string, string][]): Promise<LinkFact[]> {
    const columns = { billId: bankBillLinks.billId, transactionId: bankBillLinks.transactionId, role: bankBillLinks.role, state: bankBillLinks.state, amountMinor: bankBillLinks.amountMinor };
    const found = new Map<string, LinkFact>();
    const keep = (rows: LinkFact[]) => rows.forEach((row) => found.set(`${row.billId}|${row.transactionId}|${row.role}`, row));
    for (const part of chunks(billIds)) keep(await this.db.select(columns).from(bankBillLinks).where(inArray(bankBillLinks.billId, part)));
    for (const [from, to] of ranges) {
      keep(await this.db.select(columns).from(bankBillLinks).innerJoin(bankTransactions, eq(bankTransactions.id, bankBillLinks.transactionId))
        .where(and(eq(bankTransactions.userId, userId), gte(bankTransactions.bookingDate, from), lte(bankTransactions.bookingDate, to))));
    }
    return [...found.values()];
  }

  /** Made reimbursement links of bills paid by these debits (they count against each expense). */
  async reimbursementsOfExpenses(debitIds: number[]): Promise<LinkFact[]> {
    const out: LinkFact[] = [];
    for (const part of chunks(debitIds)) {
      out.push(...(await this.db.all<LinkFact>(sql`
        select r.bill_id as billId, r.transaction_id as transactionId, r.role as role, r.state as state, r.amount_minor as amountMinor
        from ${bankBillLinks} p join ${bankBillLinks} r on r.bill_id = p.bill_id and r.role = 'reimbursement'
        where p.role = 'payment' and p.state in ('auto', 'manual') and p.transaction_id in ${part}`)));
      out.push(...(await this.db.select({ billId: bankBillLinks.billId, transactionId: bankBillLinks.transactionId, role: bankBillLinks.role, state: bankBillLinks.state, amountMinor: bankBillLinks.amountMinor })
        .from(bankBillLinks).where(and(eq(bankBillLinks.role, "payment"), inArray(bankBillLinks.transactionId, part)))));
    }
    return out;
  }

  /** In one transaction: the looked-at bills' old suggestions go, the new links go in, the marks move. */
  async save(userId: number, looked: number[], links: ProposedLink[], marks: Marks, now: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const part of chunks(looked)) await tx.delete(bankBillLinks).where(and(eq(bankBillLinks.state, "suggested"), inArray(bankBillLinks.billId, part)));
      for (const part of chunks(links, INSERT_ROWS)) {
        const rows = JSON.stringify(part.map((link) => [link.billId, link.transactionId, link.role, link.state, link.amountMinor, link.score, JSON.stringify(link.explanation)]));
        await tx.run(sql`insert into ${bankBillLinks} (bill_id, transaction_id, role, state, amount_minor, score, explanation, created_at)
          select j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, ${now} from json_each(${rows}) j
          where true on conflict do nothing`);
      }
      const reimbursed = links.filter((link) => link.role === "reimbursement" && link.state !== "suggested").map((link) => link.transactionId);
      await syncReimbursementCategories(tx, reimbursed);
      await tx.insert(bankLinkingState).values({ userId, ...marks, updatedAt: now })
        .onConflictDoUpdate({ target: bankLinkingState.userId, set: { ...marks, updatedAt: now } });
    });
  }
}

function toFact(row: TransactionRow, healthIds: Set<number>): TransactionFact {
  const label = [row.label, row.rawLabel === row.label ? "" : row.rawLabel, row.counterparty ?? ""].join(" ");
  return { id: row.id, date: row.date, amountMinor: row.amountMinor, currency: row.currency, label, health: row.categoryId !== null && healthIds.has(row.categoryId) };
}
