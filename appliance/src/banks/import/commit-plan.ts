// The statements of one import's commit, run as one libsql batch (one SQLite
// transaction): claim the preview, create or complete the accounts, insert
// the new transactions (a repeated import id is ignored by the UNIQUE
// index), keep the statement balances, and recompute running balances.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bankAccounts, bankBalances, bankImports, bankTransactions } from "../banks.schema";
import type { ParsedBalance, ParsedTransaction } from "../parsers";

export interface NewAccount {
  name: string;
  bankId: string | null;
  accountNumber: string | null;
  iban: string | null;
  currency: string;
  type: string | null;
  importKey: string;
}

export interface PlannedAccount {
  existingId: number | null;
  create: NewAccount | null;
  /** Identifiers the existing account lacked, learnt from this statement. */
  fill: { iban?: string; accountNumber?: string; bankId?: string };
  /** The confirmed CSV mapping to remember (JSON), or null to leave it. */
  csvMapping: string | null;
  transactions: ParsedTransaction[];
  balances: ParsedBalance[];
}

export interface CommitPlan {
  userId: number;
  importId: number;
  now: number;
  counts: { newCount: number; knownCount: number; skippedCount: number };
  accounts: PlannedAccount[];
}

/** 17 values a row: 400 rows stay far below SQLite's limit of bound variables. */
const ROWS_PER_INSERT = 400;

function accountRef(account: PlannedAccount): SQL | number {
  if (account.existingId !== null) return account.existingId;
  return sql`(select id from ${bankAccounts} where ${bankAccounts.importKey} = ${account.create!.importKey})`;
}

function claimStatements(db: Database, plan: CommitPlan) {
  return [
    db
      .update(bankImports)
      .set({ state: "committed", committedAt: plan.now, storedPath: null, ...plan.counts })
      .where(sql`${bankImports.id} = ${plan.importId} and ${bankImports.state} = 'preview'`),
    // SQLite has no way to abort a batch on a condition but an error: json() of
    // a non-JSON string raises one, so a second commit of one preview writes nothing.
    db.run(sql`select json('import already committed or cancelled') where changes() = 0`),
  ];
}

function accountStatements(db: Database, account: PlannedAccount, userId: number, now: number) {
  if (account.create) return [db.insert(bankAccounts).values({ ...account.create, userId, csvMapping: account.csvMapping, createdAt: now })];
  const fields = { ...account.fill, ...(account.csvMapping ? { csvMapping: account.csvMapping } : {}) };
  if (Object.keys(fields).length === 0) return [];
  return [db.update(bankAccounts).set(fields).where(eq(bankAccounts.id, account.existingId!))];
}

function transactionStatements(db: Database, account: PlannedAccount, plan: CommitPlan) {
  const ref = accountRef(account);
  const statements = [];
  for (let start = 0; start < account.transactions.length; start += ROWS_PER_INSERT) {
    const rows = account.transactions.slice(start, start + ROWS_PER_INSERT).map((tx) => ({
      userId: plan.userId,
      accountId: ref as number,
      importId: tx.importId,
      bookingDate: tx.bookingDate,
      valueDate: tx.valueDate ?? null,
      amountMinor: tx.amountMinor,
      currency: tx.currency,
      label: tx.label,
      rawLabel: tx.rawLabel,
      memo: tx.memo ?? null,
      counterparty: tx.counterparty ?? null,
      type: tx.type ?? null,
      importBatchId: plan.importId,
      createdAt: plan.now,
    }));
    statements.push(db.insert(bankTransactions).values(rows).onConflictDoNothing());
  }
  return statements;
}

function balanceStatements(db: Database, account: PlannedAccount) {
  const ref = accountRef(account);
  return account.balances.map((balance) =>
    db
      .insert(bankBalances)
      .values({ accountId: ref as number, date: balance.date, kind: balance.kind, amountMinor: balance.amountMinor, currency: balance.currency })
      .onConflictDoUpdate({ target: [bankBalances.accountId, bankBalances.date, bankBalances.kind], set: { amountMinor: balance.amountMinor } }),
  );
}

/**
 * Balance after each transaction: the latest closing balance anchors the
 * running sum (ordered by date, then id). Rows already right are not rewritten.
 */
export function runningBalanceStatement(db: Database, ref: SQL | number) {
  return db.run(sql`
    update bank_transactions set balance_after_minor = o.cum + a.offset_minor
    from (select id, sum(amount_minor) over (order by booking_date, id) as cum from bank_transactions where account_id = ${ref}) as o,
      (select b.amount_minor - coalesce((select sum(t.amount_minor) from bank_transactions t
          where t.account_id = b.account_id and t.booking_date <= b.date), 0) as offset_minor
        from bank_balances b where b.account_id = ${ref} and b.kind = 'closing' order by b.date desc limit 1) as a
    where bank_transactions.id = o.id and bank_transactions.balance_after_minor is not o.cum + a.offset_minor`);
}

export function commitStatements(db: Database, plan: CommitPlan) {
  const statements: unknown[] = [...claimStatements(db, plan)];
  for (const account of plan.accounts) {
    statements.push(...accountStatements(db, account, plan.userId, plan.now));
    statements.push(...transactionStatements(db, account, plan));
    statements.push(...balanceStatements(db, account));
    statements.push(runningBalanceStatement(db, accountRef(account)));
  }
  return statements;
}
