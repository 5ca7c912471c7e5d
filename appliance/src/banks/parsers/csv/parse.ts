// CSV rows -> transactions, with a mapping the person confirmed (from
// detectCsv, possibly corrected). Refuses a row with a date it cannot read
// or without an amount, naming the line; skips rows with neither.

import { parseLocalizedAmount } from "../amounts";
import { normalizeCurrency } from "../currencies";
import { datePartsToIso, splitDate } from "../dates";
import { decodeStatementText } from "../encoding";
import { accountKeyOf, assignImportIds, type DraftTransaction } from "../importIds";
import {
  StatementError,
  type CsvColumnRole,
  type CsvMapping,
  type DateOrder,
  type ParsedAccount,
  type ParsedBalance,
  type ParseOptions,
  type ParsedStatement,
} from "../types";
import { detectCsvText } from "./detect";
import { splitCsv, type CsvRow } from "./split";

interface Settings {
  delimiter: string;
  decimal: "." | ",";
  order: DateOrder;
  currency: string;
  roles: Map<CsvColumnRole, number[]>;
  warnings: string[];
}

export function parseCsv(bytes: Uint8Array, mapping: CsvMapping | undefined, options: ParseOptions = {}): ParsedStatement {
  const decoded = decodeStatementText(bytes, "csv", mapping?.encoding);
  const detection = detectCsvText(decoded.text, decoded.encoding, decoded.hasBom);
  const columns = mapping?.columns ?? detection.columns.map(({ index, role }) => ({ index, role }));
  const settings: Settings = {
    delimiter: mapping?.delimiter ?? detection.delimiter,
    decimal: mapping?.decimalSeparator ?? detection.decimalSeparator,
    order: mapping?.dateOrder ?? detection.dateOrder,
    currency: normalizeCurrency(mapping?.currency ?? options.defaultCurrency) ?? "EUR",
    roles: rolesOf(columns),
    warnings: [],
  };
  requireRoles(settings.roles);
  const skipRows = mapping?.skipRows ?? detection.skipRows;
  const hasHeader = mapping?.hasHeader ?? detection.hasHeader;
  const rows = splitCsv(decoded.text, settings.delimiter).filter((row) => row.line > skipRows);
  const dataRows = hasHeader ? rows.slice(1) : rows;
  const drafts = dataRows.flatMap((row) => readRow(row, settings));
  const account: ParsedAccount = {
    accountId: mapping?.accountId ?? options.accountId,
    currency: settings.currency,
    balances: closingBalance(dataRows, drafts, settings),
    transactions: [],
  };
  account.transactions = assignImportIds(accountKeyOf(account, options.accountId), drafts, settings.warnings);
  return { format: "csv", accounts: [account], warnings: settings.warnings };
}

function rolesOf(columns: CsvMapping["columns"]): Map<CsvColumnRole, number[]> {
  const roles = new Map<CsvColumnRole, number[]>();
  for (const { index, role } of columns) roles.set(role, [...(roles.get(role) ?? []), index]);
  return roles;
}

function requireRoles(roles: Map<CsvColumnRole, number[]>): void {
  if (!roles.has("date")) throw new StatementError("csv", "column mapping", "no column is marked as the date");
  if (!roles.has("amount") && !roles.has("debit") && !roles.has("credit")) {
    throw new StatementError("csv", "column mapping", "no column is marked as the amount (or debit/credit)");
  }
}

function cellsOf(row: CsvRow, settings: Settings, role: CsvColumnRole): string[] {
  return (settings.roles.get(role) ?? []).map((index) => (row.cells[index] ?? "").trim()).filter(Boolean);
}

function readRow(row: CsvRow, settings: Settings): DraftTransaction[] {
  const dateText = cellsOf(row, settings, "date")[0];
  const amountMinor = readAmount(row, settings);
  if (amountMinor === undefined && (!dateText || !splitDate(dateText))) {
    settings.warnings.push(`line ${row.line} has no date and no amount and was skipped`);
    return [];
  }
  if (!dateText) throw new StatementError("csv", `line ${row.line}`, "the row has an amount but no date");
  if (amountMinor === undefined) throw new StatementError("csv", `line ${row.line}`, "the row has no amount");
  const rawLabel = cellsOf(row, settings, "label").join(" ");
  const valueText = cellsOf(row, settings, "valueDate")[0];
  const currencyText = cellsOf(row, settings, "currency")[0];
  const currency = currencyText ? normalizeCurrency(currencyText) : settings.currency;
  if (!currency) throw new StatementError("csv", `line ${row.line}`, `"${currencyText}" is not an ISO 4217 currency code`);
  return [
    {
      bookingDate: readDate(dateText, row.line, settings.order),
      valueDate: valueText ? readDate(valueText, row.line, settings.order) : undefined,
      amountMinor,
      currency,
      label: rawLabel.replace(/\s+/g, " ").trim(),
      rawLabel,
      memo: cellsOf(row, settings, "memo").join(" ") || undefined,
      position: `line ${row.line}`,
    },
  ];
}

const ORDER_NAMES: Record<DateOrder, string> = { dmy: "dd/mm/yyyy", mdy: "mm/dd/yyyy", ymd: "yyyy-mm-dd" };

function readDate(text: string, line: number, order: DateOrder): string {
  const parts = splitDate(text);
  const date = parts ? datePartsToIso(parts, order) : undefined;
  if (!date) throw new StatementError("csv", `line ${line}`, `"${text.slice(0, 30)}" is not a date in ${ORDER_NAMES[order]} order`);
  return date;
}

/** The signed amount: one amount column, or credit minus debit (a debit is money out whatever its sign). */
function readAmount(row: CsvRow, settings: Settings): number | undefined {
  const amount = cellsOf(row, settings, "amount")[0];
  if (amount !== undefined) return money(amount, row.line, settings);
  const debit = cellsOf(row, settings, "debit")[0];
  const credit = cellsOf(row, settings, "credit")[0];
  if (debit === undefined && credit === undefined) return undefined;
  const out = debit === undefined ? 0 : Math.abs(money(debit, row.line, settings));
  const incoming = credit === undefined ? 0 : Math.abs(money(credit, row.line, settings));
  return incoming - out;
}

function money(text: string, line: number, settings: Settings): number {
  const result = parseLocalizedAmount(text, settings.decimal, settings.currency);
  if (!result.ok) throw new StatementError("csv", `line ${line}`, result.reason);
  if (result.rounded) settings.warnings.push(`line ${line}: ${text} has more decimals than ${settings.currency} and was rounded`);
  return result.minor;
}

/** The balance beside the latest movement (files run oldest-first or newest-first). */
function closingBalance(rows: CsvRow[], drafts: DraftTransaction[], settings: Settings): ParsedBalance[] {
  if (!settings.roles.has("balance") || drafts.length === 0) return [];
  const withDates = rows.filter((row) => cellsOf(row, settings, "date").length > 0);
  const newestFirst = (drafts[0]?.bookingDate ?? "") > (drafts[drafts.length - 1]?.bookingDate ?? "");
  const row = newestFirst ? withDates[0] : withDates[withDates.length - 1];
  const text = row ? cellsOf(row, settings, "balance")[0] : undefined;
  const date = newestFirst ? drafts[0]?.bookingDate : drafts[drafts.length - 1]?.bookingDate;
  if (!row || !text || !date) return [];
  return [{ kind: "closing", amountMinor: money(text, row.line, settings), currency: settings.currency, date }];
}
