// The statements of one import's commit, run as one libsql batch (one SQLite
// transaction): claim the preview, create or complete the accounts, insert
// the new transactions (a repeated import id is ignored by the UNIQUE
// index), keep the statement balances, and recompute running balances.
import type { InStatement, InValue } from "@libsql/client";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bankAccounts, bankImports } from "../banks.schema";
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
  transactions: FreshRows;
  balances: ParsedBalance[];
}

export interface CommitPlan {
  userId: number;
  importId: number;
  now: number;
  counts: { newCount: number; knownCount: number; skippedCount: number };
  accounts: PlannedAccount[];
}

/** Rows per INSERT (one JSON argument, about 300 KB). */
const ROWS_PER_INSERT = 2_000;

/**
 * The transactions an import will write, kept as the JSON its INSERTs read
 * (about 100 bytes a row) rather than as objects (about 500): 100,000 rows
 * stay about 10 MB between the reading of the file and the commit.
 */
export class FreshRows {
  length = 0;
  private readonly chunks: string[] = [];
  private rows: string[] = [];

  push(tx: ParsedTransaction): void {
    const row = [tx.importId, tx.bookingDate, tx.valueDate ?? null, tx.amountMinor, tx.currency, tx.label, tx.rawLabel, tx.memo ?? null, tx.counterparty ?? null, tx.type ?? null];
    this.rows.push(JSON.stringify(row));
    this.length++;
    if (this.rows.length === ROWS_PER_INSERT) this.seal();
  }

  /** Hands over the rows as JSON arrays of at most ROWS_PER_INSERT rows each, and forgets them (freed once written). */
  takeJsonChunks(): string[] {
    this.seal();
    return this.chunks.splice(0);
  }

  private seal(): void {
    if (this.rows.length > 0) this.chunks.push(`[${this.rows.join(",")}]`);
    this.rows = [];
  }
}

/**
 * The account's id in SQL: a number, or for an account this very batch
 * creates, found by its import key. Plain SQL text and arguments: an import
 * of 100,000 rows must not build 100,000 query-builder objects.
 */
function accountRef(account: PlannedAccount): { sql: string; args: InValue[] } {
  if (account.existingId !== null) return { sql: "?", args: [account.existingId] };
  return { sql: "(select id from bank_accounts where import_key = ?)", args: [account.create!.importKey] };
}

function compiled(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InValue[] };
}

function claimStatements(db: Database, plan: CommitPlan): InStatement[] {
  return [
    compiled(
      db
        .update(bankImports)
        .set({ state: "committed", committedAt: plan.now, storedPath: null, ...plan.counts })
        .where(and(eq(bankImports.id, plan.importId), eq(bankImports.state, "preview"))),
    ),
    // SQLite has no way to abort a batch on a condition but an error: json() of
    // a non-JSON string raises one, so a second commit of one preview writes nothing.
    { sql: "select json('import already committed or cancelled') where changes() = 0", args: [] },
  ];
}

function accountStatements(db: Database, account: PlannedAccount, userId: number, now: number): InStatement[] {
  if (account.create) return [compiled(db.insert(bankAccounts).values({ ...account.create, userId, csvMapping: account.csvMapping, createdAt: now }))];
  const fields = { ...account.fill, ...(account.csvMapping ? { csvMapping: account.csvMapping } : {}) };
  if (Object.keys(fields).length === 0) return [];
  return [compiled(db.update(bankAccounts).set(fields).where(eq(bankAccounts.id, account.existingId!)))];
}

const TRANSACTION_COLUMNS =
  "user_id, account_id, import_id, booking_date, value_date, amount_minor, currency, label, raw_label, memo, counterparty, type, import_batch_id, created_at";
const ROW_FIELDS = Array.from({ length: 10 }, (_, i) => `json_extract(j.value, '$[${i}]')`).join(", ");

/**
 * The rows go in as one JSON argument read by json_each: a VALUES list with
 * thousands of bound variables compiles to a large prepared statement per
 * chunk, which libsql frees only when the garbage collector gets to it
 * (measured: about 1.6 KB a row, 160 MB for 100,000 rows).
 */
function transactionStatements(account: PlannedAccount, plan: CommitPlan): InStatement[] {
  const ref = accountRef(account);
  // "where true": an INSERT ... SELECT needs it before ON CONFLICT. A repeated import id is left alone by the UNIQUE index.
  const sql = `insert into bank_transactions (${TRANSACTION_COLUMNS}) select ?, ${ref.sql}, ${ROW_FIELDS}, ?, ? from json_each(?) as j where true on conflict do nothing`;
  return account.transactions.takeJsonChunks().map((rows) => ({ sql, args: [plan.userId, ...ref.args, plan.importId, plan.now, rows] }));
}

function balanceStatements(account: PlannedAccount): InStatement[] {
  const ref = accountRef(account);
  return account.balances.map((balance) => ({
    sql: `insert into bank_balances (account_id, date, kind, amount_minor, currency) values (${ref.sql}, ?, ?, ?, ?)
      on conflict (account_id, date, kind) do update set amount_minor = excluded.amount_minor`,
    args: [...ref.args, balance.date, balance.kind, balance.amountMinor, balance.currency],
  }));
}

/**
 * Balance after each transaction: the latest closing balance anchors the
 * running sum (ordered by date, then id). Rows already right are not rewritten.
 */
export function runningBalanceStatement(ref: { sql: string; args: InValue[] }): InStatement {
  return {
    sql: `update bank_transactions set balance_after_minor = o.cum + a.offset_minor
    from (select id, sum(amount_minor) over (order by booking_date, id) as cum from bank_transactions where account_id = ${ref.sql}) as o,
      (select b.amount_minor - coalesce((select sum(t.amount_minor) from bank_transactions t
          where t.account_id = b.account_id and t.booking_date <= b.date), 0) as offset_minor
        from bank_balances b where b.account_id = ${ref.sql} and b.kind = 'closing' order by b.date desc limit 1) as a
    where bank_transactions.id = o.id and bank_transactions.balance_after_minor is not o.cum + a.offset_minor`,
    args: [...ref.args, ...ref.args],
  };
}

export function commitStatements(db: Database, plan: CommitPlan): InStatement[] {
  const statements = claimStatements(db, plan);
  for (const account of plan.accounts) {
    statements.push(...accountStatements(db, account, plan.userId, plan.now));
    statements.push(...transactionStatements(account, plan));
    statements.push(...balanceStatements(account));
    statements.push(runningBalanceStatement(accountRef(account)));
  }
  return statements;
}
