// Reading Banks: accounts with their balances and totals per currency, the
// transactions list (filters, keyset paging: stable while rows arrive), a
// transaction's note, and exports.
import { NotFoundError, ValidationError } from "../shared/errors";
import type { BanksRepository, Cursor, TransactionFilters } from "./banks.repository";
import type { BankAccountRow, BankTransactionRow } from "./banks.schema";
import type { ManualCategories } from "./categories";
import type { ExportSource } from "./export";

export interface AccountBalance {
  amountMinor: number;
  currency: string;
  /** The day the balance is as of (the last statement or the last transaction); null for an empty account. */
  date: string | null;
  /** statement: anchored on a bank's closing balance; computed: the sum of the imported transactions only. */
  source: "statement" | "computed";
}

export interface AccountSummary {
  account: BankAccountRow;
  balance: AccountBalance;
  lastStatement: { date: string; amountMinor: number } | null;
  transactionCount: number;
}

export interface TransactionPage {
  transactions: BankTransactionRow[];
  nextCursor: string | null;
}

export const PAGE_MAX = 500;

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.bookingDate}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  const [bookingDate, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!bookingDate || !/^\d{4}-\d\d-\d\d$/.test(bookingDate) || !id || !/^[1-9]\d{0,15}$/.test(id)) {
    throw new ValidationError("cursor", "This cursor is not one the list gave.");
  }
  return { bookingDate, id: Number(id) };
}

export class BanksService {
  constructor(
    private readonly repository: BanksRepository,
    private readonly categories: ManualCategories,
  ) {}

  async accounts(userId: number): Promise<{ accounts: AccountSummary[]; totals: { currency: string; amountMinor: number }[] }> {
    const summaries: AccountSummary[] = [];
    for (const account of await this.repository.accounts(userId)) summaries.push(await this.summarize(account));
    const totals = new Map<string, number>();
    for (const { balance } of summaries) totals.set(balance.currency, (totals.get(balance.currency) ?? 0) + balance.amountMinor);
    return { accounts: summaries, totals: [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor })) };
  }

  private async summarize(account: BankAccountRow): Promise<AccountSummary> {
    const closing = await this.repository.latestClosing(account.id);
    const after = await this.repository.totalsAfter(account.id, closing?.date ?? "");
    const count = closing ? (await this.repository.totalsAfter(account.id, "")).count : after.count;
    const balance: AccountBalance = closing
      ? { amountMinor: closing.amountMinor + after.sum, currency: account.currency, date: maxDate(closing.date, after.lastDate), source: "statement" }
      : { amountMinor: after.sum, currency: account.currency, date: after.lastDate, source: "computed" };
    return { account, balance, lastStatement: closing, transactionCount: count };
  }

  async transactions(userId: number, filters: TransactionFilters, cursor: string | undefined, limit: number): Promise<TransactionPage> {
    if (filters.accountId !== undefined && !(await this.repository.account(userId, filters.accountId))) throw new NotFoundError("No such account.");
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.repository.listTransactions(userId, filters, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { transactions: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** A category chosen by hand is the person's (never overridden; the classifier learns it); clearing it gives the row back to rules and the classifier. */
  async updateTransaction(userId: number, id: number, fields: { note?: string | null; categoryId?: number | null }): Promise<BankTransactionRow> {
    const before = await this.repository.transaction(userId, id);
    if (!before) throw new NotFoundError("No such transaction.");
    if (fields.categoryId != null) await this.categories.assertUsable(userId, fields.categoryId);
    const change = { ...fields, ...(fields.categoryId !== undefined ? manualCategory(fields.categoryId, this.categories.manualReason) : {}) };
    if (Object.keys(change).length === 0) return before;
    const row = await this.repository.updateTransaction(userId, id, change);
    if (!row) throw new NotFoundError("No such transaction.");
    if (fields.categoryId !== undefined) await this.categories.learn(userId, before, row);
    return row;
  }

  async account(userId: number, id: number): Promise<BankAccountRow> {
    const row = await this.repository.account(userId, id);
    if (!row) throw new NotFoundError("No such account.");
    return row;
  }

  /** What an export reads: one account's transactions or every account's, page by page. */
  async exportSource(userId: number, accountId: number | undefined): Promise<ExportSource> {
    const accounts = accountId === undefined ? await this.repository.accounts(userId) : [await this.account(userId, accountId)];
    return {
      accounts,
      closingOf: (id) => this.repository.latestClosing(id),
      rangeOf: (id) => this.repository.dateRange(id),
      pages: (id) => this.allTransactions(userId, id),
    };
  }

  /** Every transaction (of one account or all), newest first, read in pages so memory stays flat. */
  async *allTransactions(userId: number, accountId: number | undefined): AsyncGenerator<BankTransactionRow[]> {
    let after: Cursor | null = null;
    for (;;) {
      const rows = await this.repository.listTransactions(userId, { accountId }, after, PAGE_MAX);
      if (rows.length === 0) return;
      yield rows;
      const last = rows[rows.length - 1]!;
      after = { bookingDate: last.bookingDate, id: last.id };
    }
  }
}

function manualCategory(categoryId: number | null, manualReason: string) {
  return categoryId === null
    ? { categoryId: null, categorySource: null, categoryReason: null }
    : { categoryId, categorySource: "manual" as const, categoryReason: manualReason };
}

function maxDate(a: string, b: string | null): string {
  return b !== null && b > a ? b : a;
}
