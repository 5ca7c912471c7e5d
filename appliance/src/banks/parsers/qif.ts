// QIF (Quicken Interchange Format): "!Type:Bank" / "!Type:CCard" sections of
// records ended by "^", one field per line (D date, T amount, P payee, M memo,
// N number, L category, S/E/$ split lines), optional "!Account" blocks for
// files holding several accounts. Dates come in many styles (12/31/99,
// 31/12/1999, 1/ 5'04, 2004-01-05); day/month order is an option, else
// deduced from the values.

import { detectDecimalSeparator, parseLocalizedAmount } from "./amounts";
import { normalizeCurrency } from "./currencies";
import { datePartsToIso, deduceDateOrder, splitDate, type DateParts } from "./dates";
import { decodeStatementText } from "./encoding";
import { accountKeyOf, assignImportIds, type DraftTransaction } from "./importIds";
import { StatementError, type DateOrder, type ParsedAccount, type ParseOptions, type ParsedStatement } from "./types";

const TRANSACTION_TYPES = new Set(["bank", "ccard", "cash", "oth a", "oth l"]);

interface QifRecord {
  line: number;
  fields: { code: string; value: string; line: number }[];
}

interface QifAccountBlock {
  name?: string;
  type?: string;
  records: QifRecord[];
}

export function parseQif(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  const { text } = decodeStatementText(bytes, "qif");
  const warnings: string[] = [];
  const blocks = readBlocks(text.split(/\r\n|\n|\r/), warnings);
  const records = blocks.flatMap((block) => block.records);
  const order = dateOrderFor(records, options, warnings);
  const decimal = detectDecimalSeparator(records.flatMap((record) => record.fields.filter((f) => f.code === "T" || f.code === "U").map((f) => f.value)));
  const currency = normalizeCurrency(options.defaultCurrency) ?? "EUR";
  const accounts = blocks
    .filter((block) => block.records.length > 0)
    .map((block) => toAccount(block, { order, decimal, currency, options, warnings }));
  return { format: "qif", accounts, warnings };
}

function readBlocks(lines: string[], warnings: string[]): QifAccountBlock[] {
  const blocks: QifAccountBlock[] = [{ records: [] }];
  let section = "";
  let pending: QifRecord = { line: 1, fields: [] };
  let skipped = 0;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    const number = index + 1;
    if (line.startsWith("!")) {
      section = readHeader(line, number, section, blocks, pending);
      pending = { line: number + 1, fields: [] };
    } else if (line.startsWith("^")) {
      if (section === "account") applyAccountFields(blocks, pending);
      else if (TRANSACTION_TYPES.has(section) && pending.fields.length > 0) currentBlock(blocks, section).records.push(pending);
      else if (pending.fields.length > 0) skipped++;
      pending = { line: number + 1, fields: [] };
    } else if (line.trim() !== "") {
      if (pending.fields.length === 0) pending.line = number;
      pending.fields.push({ code: line[0] ?? "", value: line.slice(1), line: number });
    }
  });
  if (pending.fields.length > 0) {
    throw new StatementError("qif", `line ${pending.line}`, "the last record has no closing ^ line; the file looks truncated");
  }
  if (skipped > 0) warnings.push(`${skipped} records of other kinds (categories, classes, investments, memorized) were left out`);
  return blocks;
}

function readHeader(line: string, number: number, section: string, blocks: QifAccountBlock[], pending: QifRecord): string {
  if (pending.fields.length > 0) {
    throw new StatementError("qif", `line ${number}`, `a new section starts before the record from line ${pending.line} ended with ^`);
  }
  const lower = line.toLowerCase();
  if (lower.startsWith("!account")) return "account";
  if (lower.startsWith("!option") || lower.startsWith("!clear")) return section;
  const type = /^!type\s*:\s*(.+)$/i.exec(line)?.[1]?.trim().toLowerCase();
  if (!type) throw new StatementError("qif", `line ${number}`, `"${line.slice(0, 30)}" is not a QIF header`);
  const block = blocks[blocks.length - 1];
  if (block && TRANSACTION_TYPES.has(type)) block.type ??= type;
  return type;
}

function applyAccountFields(blocks: QifAccountBlock[], record: QifRecord): void {
  const name = record.fields.find((field) => field.code === "N")?.value.trim();
  const type = record.fields.find((field) => field.code === "T")?.value.trim().toLowerCase();
  blocks.push({ name, type, records: [] });
}

function currentBlock(blocks: QifAccountBlock[], section: string): QifAccountBlock {
  const block = blocks[blocks.length - 1] as QifAccountBlock;
  block.type ??= section;
  return block;
}

function dateOrderFor(records: QifRecord[], options: ParseOptions, warnings: string[]): DateOrder {
  if (options.qifDateOrder) return options.qifDateOrder;
  const parts = records.flatMap((record) => {
    const date = record.fields.find((field) => field.code === "D");
    const split = date ? splitDate(date.value) : undefined;
    return split ? [split] : [];
  });
  const deduced = deduceDateOrder(parts);
  if (deduced.conflict) {
    throw new StatementError("qif", "dates", "some dates put the day first and others the month first; choose the date order");
  }
  if (deduced.order) return deduced.order;
  if (parts.length > 0) warnings.push("no date tells day from month (all days are 12 or less); month/day/year assumed");
  return "mdy";
}

interface ReadSettings {
  order: DateOrder;
  decimal: "." | ",";
  currency: string;
  options: ParseOptions;
  warnings: string[];
}

function toAccount(block: QifAccountBlock, settings: ReadSettings): ParsedAccount {
  const account: ParsedAccount = {
    accountId: block.name ?? settings.options.accountId,
    accountType: block.type,
    currency: settings.currency,
    name: block.name,
    balances: [],
    transactions: [],
  };
  const drafts = block.records.map((record) => toTransaction(record, settings));
  account.transactions = assignImportIds(accountKeyOf(account, settings.options.accountId), drafts, settings.warnings);
  return account;
}

function toTransaction(record: QifRecord, settings: ReadSettings): DraftTransaction {
  const field = (code: string) => record.fields.find((candidate) => candidate.code === code);
  const dateField = field("D");
  if (!dateField) throw new StatementError("qif", `line ${record.line}`, "the record has no date (D line)");
  const bookingDate = readQifDate(dateField, settings.order);
  const amountField = field("T") ?? field("U");
  if (!amountField) throw new StatementError("qif", `line ${record.line}`, "the record has no amount (T line)");
  const amountMinor = readQifAmount(amountField.value, amountField.line, settings);
  const payee = field("P")?.value.trim();
  const memo = field("M")?.value.trim();
  const rawLabel = payee || memo || "";
  const transaction: DraftTransaction = {
    bookingDate,
    amountMinor,
    currency: settings.currency,
    label: rawLabel.replace(/\s+/g, " ").trim(),
    rawLabel,
    memo: payee ? memo || undefined : undefined,
    checkNumber: field("N")?.value.trim() || undefined,
    sourceCategory: field("L")?.value.trim() || undefined,
    position: `line ${record.line}`,
  };
  const splits = readSplits(record, settings);
  if (splits.length > 0) {
    transaction.splits = splits;
    const total = splits.reduce((sum, split) => sum + split.amountMinor, 0);
    if (total !== amountMinor) settings.warnings.push(`line ${record.line}: the splits add up to ${total}, the total is ${amountMinor}`);
  }
  return transaction;
}

function readQifDate(field: { value: string; line: number }, order: DateOrder): string {
  const parts: DateParts | undefined = splitDate(field.value);
  const date = parts ? datePartsToIso(parts, order) : undefined;
  if (!date) {
    throw new StatementError("qif", `line ${field.line}`, `"${field.value.trim().slice(0, 30)}" is not a date this reader knows (MM/DD/YY, DD/MM/YYYY, M/D'YY, YYYY-MM-DD)`);
  }
  return date;
}

function readQifAmount(text: string, line: number, settings: ReadSettings): number {
  const result = parseLocalizedAmount(text, settings.decimal, settings.currency);
  if (!result.ok) throw new StatementError("qif", `line ${line}`, result.reason);
  if (result.rounded) settings.warnings.push(`line ${line}: ${text.trim()} has more decimals than ${settings.currency} and was rounded`);
  return result.minor;
}

function readSplits(record: QifRecord, settings: ReadSettings): NonNullable<DraftTransaction["splits"]> {
  const splits: NonNullable<DraftTransaction["splits"]> = [];
  for (const field of record.fields) {
    if (field.code === "S") splits.push({ category: field.value.trim() || undefined, amountMinor: 0 });
    const current = splits[splits.length - 1];
    if (field.code === "E" && current) current.memo = field.value.trim() || undefined;
    if (field.code === "$") {
      if (!current) splits.push({ amountMinor: readQifAmount(field.value, field.line, settings) });
      else current.amountMinor = readQifAmount(field.value, field.line, settings);
    }
  }
  return splits;
}
