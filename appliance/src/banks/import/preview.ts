// What an import will do, before anything is written: per account of the
// statement, where it goes (an existing account, a new one, or "pick one"),
// and how many transactions are new, already known, or skipped and why.
import type { BankAccountRow } from "../banks.schema";
import type { CsvDetection, CsvMapping, ParsedAccount, ParsedBalance, ParsedStatement } from "../parsers";
import type { UnsureMatch } from "./dedup";

/** Where one statement account goes: an existing account, or a new one (its import key fixed once). */
export type AccountChoice = { accountId: number } | { create: { name: string; importKey: string } };

/** The preview's own memory between revisions (stored as JSON on the import row). */
export interface PreviewState {
  choices: (AccountChoice | null)[];
  /** A mapping the person sent; else the account's remembered one, else the detection's. */
  mapping: CsvMapping | null;
  include: string[];
}

export interface PreviewCounts {
  new: number;
  known: number;
  knownById: number;
  knownByMatch: number;
  skipped: number;
  unsure: number;
}

export interface PreviewAccount {
  index: number;
  statement: {
    accountId: string | null;
    iban: string | null;
    bankId: string | null;
    currency: string;
    name: string | null;
    periodStart: string | null;
    periodEnd: string | null;
    transactions: number;
    balances: ParsedBalance[];
  };
  /** existing: matched (or chosen); new: an account will be created; pick: the person must choose. */
  match: "existing" | "new" | "pick";
  account: { id: number; name: string } | null;
  newAccountName: string | null;
  counts: PreviewCounts;
  unsure: UnsureMatch[];
  skipped: { importId: string; bookingDate: string; amountMinor: number; label: string; reason: string }[];
}

export interface ImportPreview {
  warnings: string[];
  csv: { detection: CsvDetection; mapping: CsvMapping } | null;
  accounts: PreviewAccount[];
  totals: { new: number; known: number; skipped: number; unsure: number };
}

export interface StoredPreview extends ImportPreview {
  state: PreviewState;
}

/** Lists in a preview are cut here; the counts always cover everything. */
export const LISTED_MAX = 200;

function statementOf(parsed: ParsedAccount, transactions: number): PreviewAccount["statement"] {
  return {
    accountId: parsed.accountId ?? null,
    iban: parsed.iban ?? null,
    bankId: parsed.bankId ?? null,
    currency: parsed.currency,
    name: parsed.name ?? null,
    periodStart: parsed.periodStart ?? null,
    periodEnd: parsed.periodEnd ?? null,
    transactions,
    balances: parsed.balances,
  };
}

/** What a preview needs of an account's dedup: counts and the doubtful ones. */
export interface DedupCounts {
  fresh: { length: number };
  knownById: number;
  knownByMatch: number;
  unsure: UnsureMatch[];
}

export function describeAccount(index: number, parsed: ParsedAccount, transactions: number, choice: AccountChoice | null, target: BankAccountRow | null, dedup: DedupCounts): PreviewAccount {
  const left = dedup.unsure.filter((match) => !match.included);
  const known = dedup.knownById + dedup.knownByMatch;
  return {
    index,
    statement: statementOf(parsed, transactions),
    match: choice === null ? "pick" : "create" in choice ? "new" : "existing",
    account: target ? { id: target.id, name: target.name } : null,
    newAccountName: choice && "create" in choice ? choice.create.name : null,
    counts: { new: dedup.fresh.length, known, knownById: dedup.knownById, knownByMatch: dedup.knownByMatch, skipped: left.length, unsure: dedup.unsure.length },
    unsure: dedup.unsure.slice(0, LISTED_MAX),
    skipped: left.slice(0, LISTED_MAX).map((match) => ({
      importId: match.importId,
      bookingDate: match.bookingDate,
      amountMinor: match.amountMinor,
      label: match.label,
      reason: `may repeat transaction ${match.likely.id} of ${match.likely.bookingDate} "${match.likely.label}" (same amount, ${match.daysApart} day(s) apart); include it to import it`,
    })),
  };
}

export function totalsOf(accounts: PreviewAccount[]): ImportPreview["totals"] {
  const sum = (pick: (counts: PreviewCounts) => number) => accounts.reduce((total, account) => total + pick(account.counts), 0);
  return { new: sum((c) => c.new), known: sum((c) => c.known), skipped: sum((c) => c.skipped), unsure: sum((c) => c.unsure) };
}

export function mappingFromDetection(detection: CsvDetection): CsvMapping {
  return {
    encoding: detection.encoding,
    delimiter: detection.delimiter,
    decimalSeparator: detection.decimalSeparator,
    dateOrder: detection.dateOrder,
    hasHeader: detection.hasHeader,
    skipRows: detection.skipRows,
    columns: detection.columns.filter((column) => column.role !== "ignore").map(({ index, role }) => ({ index, role })),
  };
}

export type { ParsedStatement };
