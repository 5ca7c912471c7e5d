// CAMT.053 (ISO 20022 bank-to-customer statement, versions 02 to 08) ->
// ParsedStatement: one ParsedAccount per <Stmt>, with its balances and entries.

import { normalizeCurrency } from "../currencies";
import { accountKeyOf, assignImportIds, type DraftTransaction } from "../importIds";
import { StatementError, type BalanceKind, type ParsedAccount, type ParsedBalance, type ParseOptions, type ParsedStatement } from "../types";
import { decodeXmlText } from "./decode";
import { attr, el, els, refuseDeclarations, SafeXmlReader, txt } from "../xml";
import { splitEntries, type EntryChunk } from "./chunks";
import { accountIdentifier, bicOf, readAmt, readDate, signOf, type CamtContext } from "./common";
import { readEntry } from "./entries";
import { eventsOf, type StatementEvents } from "../stream";

interface Reading {
  options: ParseOptions;
  context: CamtContext;
  reader: SafeXmlReader;
  /** Entries in document order, consumed statement by statement. */
  entries: EntryChunk[];
  next: number;
}

const BALANCE_KINDS: Record<string, BalanceKind> = {
  OPBD: "opening",
  PRCD: "opening",
  CLBD: "closing",
  OPAV: "opening_available",
  CLAV: "closing_available",
  FWAV: "forward_available",
  ITBD: "interim",
  ITAV: "interim_available",
  INFO: "information",
  XPCD: "expected",
};

const SUPPORTED_VERSIONS = ["02", "03", "04", "05", "06", "07", "08"];

export function* camtEvents(bytes: Uint8Array, options: ParseOptions = {}): StatementEvents {
  yield* eventsOf(parseCamt053(bytes, options));
}

export function parseCamt053(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  const text = decodeXmlText(bytes, "camt053");
  refuseDeclarations(text, "camt053");
  const context: CamtContext = { warnings: [], rounded: [] };
  checkNamespace(text, context);
  const { skeleton, entries } = splitEntries(text);
  const reader = new SafeXmlReader("camt053");
  const report = el(reader.read(skeleton), "Document", "BkToCstmrStmt");
  const statements = els(report, "Stmt");
  if (!report || statements.length === 0) {
    throw new StatementError("camt053", "Document/BkToCstmrStmt", "the message holds no statement (no <Stmt> element)");
  }
  const reading: Reading = { options, context, reader, entries, next: 0 };
  const accounts = statements.map((statement, index) => readStatement(statement, `Stmt[${index + 1}]`, reading));
  if (reading.next !== entries.length) {
    throw new StatementError("camt053", `line ${entries[reading.next]?.line}`, "an entry (<Ntry>) stands outside any statement");
  }
  if (context.rounded.length > 0) {
    context.warnings.push(`${context.rounded.length} amounts had more decimals than their currency and were rounded (first: ${context.rounded[0]})`);
  }
  return { format: "camt053", accounts, warnings: context.warnings };
}

function checkNamespace(text: string, context: CamtContext): void {
  const namespace = /xmlns(?::\w+)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.(\d{2})["']/.exec(text);
  if (!namespace) {
    context.warnings.push("no ISO 20022 camt.053 namespace declared; read as camt.053");
    return;
  }
  if (namespace[1] !== "camt.053") {
    throw new StatementError("camt053", "Document", `this is a ${namespace[1]?.toUpperCase()} message, not a CAMT.053 statement`);
  }
  if (!SUPPORTED_VERSIONS.includes(namespace[2] ?? "")) {
    throw new StatementError("camt053", "Document", `CAMT.053 version 001.${namespace[2]} is not supported (versions 001.02 to 001.08 are)`);
  }
}

function readStatement(statement: unknown, path: string, reading: Reading): ParsedAccount {
  const { context, options } = reading;
  const account = el(statement, "Acct");
  const identifier = accountIdentifier(account);
  const balances = els(statement, "Bal").map((balance, index) => readBalance(balance, `${path}/Bal[${index + 1}]`, context));
  const entryCount = els(statement, "Ntry").reduce((sum: number, run) => sum + Number(attr(run, "count") ?? 1), 0);
  const drafts: DraftTransaction[] = [];
  for (let index = 1; index <= entryCount; index++) {
    const chunk = reading.entries[reading.next++];
    const ntry = chunk ? el(reading.reader.read(chunk.text, chunk.line), "Ntry") : undefined;
    const entryPath = `${path}/Ntry[${index}]`;
    if (isBooked(ntry, entryPath, context)) drafts.push(...readEntry(ntry, entryPath, context));
  }
  const currency =
    normalizeCurrency(txt(account, "Ccy")) ?? drafts[0]?.currency ?? balances[0]?.currency ?? normalizeCurrency(options.defaultCurrency);
  if (!currency) throw new StatementError("camt053", `${path}/Acct/Ccy`, "the account currency is missing");
  const parsed: ParsedAccount = {
    accountId: identifier.other ?? identifier.iban,
    iban: identifier.iban,
    bankId: bicOf(el(account, "Svcr")),
    accountType: txt(account, "Tp", "Cd") ?? txt(account, "Tp", "Prtry"),
    currency,
    name: txt(account, "Nm") ?? txt(account, "Ownr", "Nm"),
    statementId: txt(statement, "Id"),
    periodStart: readDate(el(statement, "FrToDt", "FrDtTm"), `${path}/FrToDt/FrDtTm`),
    periodEnd: readDate(el(statement, "FrToDt", "ToDtTm"), `${path}/FrToDt/ToDtTm`),
    balances,
    transactions: [],
  };
  parsed.transactions = assignImportIds(accountKeyOf(parsed, options.accountId), drafts, context.warnings);
  return parsed;
}

/** Booked entries only: pending (PDNG) and information (INFO) entries may change or vanish. */
function isBooked(ntry: unknown, path: string, context: CamtContext): boolean {
  const status = txt(ntry, "Sts") ?? txt(ntry, "Sts", "Cd");
  if (status === undefined || status === "BOOK") return true;
  context.warnings.push(`${path} has status ${status} (not booked) and was left out`);
  return false;
}

function readBalance(balance: unknown, path: string, context: CamtContext): ParsedBalance {
  const code = txt(balance, "Tp", "CdOrPrtry", "Cd") ?? txt(balance, "Tp", "CdOrPrtry", "Prtry");
  const amount = readAmt(el(balance, "Amt"), `${path}/Amt`, context);
  const date = readDate(el(balance, "Dt"), `${path}/Dt`);
  if (!date) throw new StatementError("camt053", `${path}/Dt`, "the balance date is missing");
  const kind = BALANCE_KINDS[code ?? ""] ?? "information";
  return { kind, code, amountMinor: amount.minor * signOf(balance, path), currency: amount.currency, date };
}
