// OFX/QFX tree -> ParsedStatement: bank (STMTRS), credit card (CCSTMTRS)
// and the cash side of investment statements (INVSTMTRS/INVBANKTRAN).

import { normalizeCurrency } from "../currencies";
import { ofxDate } from "../dates";
import { accountKeyOf, ImportIdAssigner, type DraftTransaction } from "../importIds";
import { collectStatement, type StatementEvent, type StatementEvents } from "../stream";
import { clip, convertMinor, decimalToMinor } from "../money";
import {
  StatementError,
  type BalanceKind,
  type ParsedAccount,
  type ParsedBalance,
  type ParseOptions,
  type ParsedStatement,
} from "../types";
import { decodeOfx } from "./decode";
import { child, childValue, findAll, readOfxSteps, type OfxNode, type OnClose } from "./sgml";

type OfxFormat = "ofx" | "qfx";
const STATEMENT_NAMES = new Set(["STMTRS", "CCSTMTRS", "INVSTMTRS"]);

interface OpenStatement {
  account: ParsedAccount;
  ids: ImportIdAssigner;
}

interface Context {
  format: OfxFormat;
  options: ParseOptions;
  warnings: string[];
  /** Positions of amounts that had more decimals than their currency. */
  rounded: string[];
  /** Events read but not yet handed out. */
  queue: StatementEvent[];
  /** Statements whose header is out and whose transactions are being read. */
  open: Map<OfxNode, OpenStatement>;
  /** Transactions seen so far per statement element (for STMTTRN[n] positions). */
  counts: Map<OfxNode, number>;
  accounts: number;
}

export function parseOfx(bytes: Uint8Array, format: OfxFormat, options: ParseOptions = {}): ParsedStatement {
  return collectStatement(ofxEvents(bytes, format, options));
}

/**
 * Reads an OFX body as a stream: each STMTTRN is read as soon as it closes
 * and dropped from the tree, once its statement's currency and account
 * (which OFX puts before the transactions) are known; a statement in another
 * order is read whole when it closes.
 */
export function* ofxEvents(bytes: Uint8Array, format: OfxFormat, options: ParseOptions = {}): StatementEvents {
  const decoded = decodeOfx(bytes, format);
  const context: Context = { format, options, warnings: [], rounded: [], queue: [], open: new Map(), counts: new Map(), accounts: 0 };
  const steps = readOfxSteps(decoded.body, format, decoded.bodyLine, onClose(context));
  let step = steps.next();
  for (; !step.done; step = steps.next()) yield* drain(context);
  const ofx = child(step.value, "OFX");
  if (!ofx) throw new StatementError(format, `line ${decoded.bodyLine}`, "no <OFX> element found");
  for (const statement of findStatements(ofx)) finishStatement(statement, context); // closed only by an outer end tag
  yield* drain(context);
  collectStatusWarnings(ofx, context.warnings);
  if (context.rounded.length > 0) {
    context.warnings.push(`${context.rounded.length} amounts had more decimals than their currency and were rounded (first: ${context.rounded[0]})`);
  }
  if (context.accounts === 0 && findAll(ofx, "ACCTINFO").length > 0) {
    context.warnings.push("this OFX file lists accounts but holds no statement");
  }
  yield { kind: "end", format, warnings: context.warnings };
}

function* drain(context: Context): StatementEvents {
  for (const event of context.queue) yield event;
  context.queue.length = 0;
}

/** Takes each streamable STMTTRN, and each statement, out of the tree as it closes. */
function onClose(context: Context): OnClose {
  return (node, ancestors) => {
    if (STATEMENT_NAMES.has(node.name)) {
      finishStatement(node, context);
      return true;
    }
    const parent = ancestors[ancestors.length - 1];
    if (node.name !== "STMTTRN" || (parent?.name !== "BANKTRANLIST" && parent?.name !== "INVBANKTRAN")) return false;
    const statement = ancestors.findLast((ancestor) => STATEMENT_NAMES.has(ancestor.name));
    const open = statement && (context.open.get(statement) ?? openEarly(statement, context));
    if (!statement || !open) return false;
    const draft = readTransaction(node, nextOrdinal(statement, context), open.account.currency, context);
    context.queue.push({ kind: "transaction", transaction: open.ids.assign(draft) });
    return true;
  };
}

/** Opens a statement at its first transaction when its currency and account element came first. */
function openEarly(statement: OfxNode, context: Context): OpenStatement | undefined {
  const currency = normalizeCurrency(childValue(statement, "CURDEF"));
  if (!currency || !accountElement(statement)) return undefined;
  return openStatement(statement, currency, context);
}

function openStatement(node: OfxNode, currency: string, context: Context): OpenStatement {
  const from = accountElement(node);
  const account: ParsedAccount = {
    accountId: childValue(from, "ACCTID"),
    bankId: childValue(from, "BANKID") ?? childValue(from, "BROKERID") ?? intuitBankId(node),
    branchId: childValue(from, "BRANCHID"),
    accountType: childValue(from, "ACCTTYPE")?.toUpperCase() ?? defaultAccountType(node.name),
    currency,
    balances: [],
    transactions: [],
  };
  const open: OpenStatement = { account, ids: new ImportIdAssigner(accountKeyOf(account, context.options.accountId), context.warnings) };
  context.open.set(node, open);
  context.queue.push({ kind: "account", account });
  return open;
}

function accountElement(statement: OfxNode): OfxNode | undefined {
  return child(statement, "BANKACCTFROM") ?? child(statement, "CCACCTFROM") ?? child(statement, "INVACCTFROM");
}

function nextOrdinal(statement: OfxNode, context: Context): number {
  const ordinal = (context.counts.get(statement) ?? 0) + 1;
  context.counts.set(statement, ordinal);
  return ordinal;
}

function findStatements(node: OfxNode, found: OfxNode[] = []): OfxNode[] {
  for (const candidate of node.children) {
    if (STATEMENT_NAMES.has(candidate.name)) found.push(candidate);
    else findStatements(candidate, found);
  }
  return found;
}

function collectStatusWarnings(ofx: OfxNode, warnings: string[]): void {
  for (const status of findAll(ofx, "STATUS")) {
    if (childValue(status, "SEVERITY")?.toUpperCase() !== "ERROR") continue;
    const code = childValue(status, "CODE") ?? "?";
    const message = childValue(status, "MESSAGE") ?? "no message";
    warnings.push(`the bank reported error ${code} at line ${status.line}: ${message}`);
  }
}

/** A statement has closed: its header if not out yet, the transactions left in the tree, then its end. */
function finishStatement(node: OfxNode, context: Context): void {
  const open = context.open.get(node) ?? openStatement(node, statementCurrency(node, context), context);
  const { account } = open;
  const tranList = child(node, "BANKTRANLIST") ?? child(node, "INVTRANLIST");
  account.bankId ??= intuitBankId(node);
  account.periodStart = ofxDate(childValue(tranList, "DTSTART") ?? "");
  account.periodEnd = ofxDate(childValue(tranList, "DTEND") ?? "");
  account.balances = readBalances(node, account.currency, context);
  for (const trn of transactionNodes(tranList, context)) {
    const draft = readTransaction(trn, nextOrdinal(node, context), account.currency, context);
    context.queue.push({ kind: "transaction", transaction: open.ids.assign(draft) });
  }
  context.queue.push({ kind: "accountEnd", account });
  context.open.delete(node);
  context.counts.delete(node);
  context.accounts++;
}

function defaultAccountType(statementName: string): string | undefined {
  if (statementName === "CCSTMTRS") return "CREDITCARD";
  if (statementName === "INVSTMTRS") return "INVESTMENT";
  return undefined;
}

/** QFX files carry Intuit's bank id beside the statement. */
function intuitBankId(statement: OfxNode): string | undefined {
  return findAll(statement, "INTU.BID")[0]?.value?.trim() || undefined;
}

function statementCurrency(node: OfxNode, context: Context): string {
  const declared = childValue(node, "CURDEF");
  if (declared) {
    const currency = normalizeCurrency(declared);
    if (currency) return currency;
    throw new StatementError(context.format, `line ${child(node, "CURDEF")?.line}`, `CURDEF "${clip(declared)}" is not an ISO 4217 currency code`);
  }
  const fromTransaction = findAll(node, "CURSYM").map((symbol) => normalizeCurrency(symbol.value))[0];
  const fallback = fromTransaction ?? normalizeCurrency(context.options.defaultCurrency);
  if (fallback) {
    context.warnings.push(`the statement at line ${node.line} gives no currency (CURDEF); ${fallback} assumed`);
    return fallback;
  }
  throw new StatementError(context.format, `line ${node.line}`, "the statement gives no currency (CURDEF is missing)");
}

function transactionNodes(tranList: OfxNode | undefined, context: Context): OfxNode[] {
  if (!tranList) return [];
  const nodes: OfxNode[] = [];
  let trades = 0;
  for (const entry of tranList.children) {
    if (entry.name === "STMTTRN") nodes.push(entry);
    else if (entry.name === "INVBANKTRAN") nodes.push(...entry.children.filter((inner) => inner.name === "STMTTRN"));
    else if (entry.children.length > 0) trades++;
  }
  if (trades > 0) {
    context.warnings.push(`${trades} investment transactions (buys, sells, income) are not bank movements and were left out`);
  }
  return nodes;
}

function readTransaction(trn: OfxNode, ordinal: number, currency: string, context: Context): DraftTransaction {
  const position = `STMTTRN[${ordinal}] (line ${trn.line})`;
  const bookingDate = requiredDate(trn, "DTPOSTED", position, context.format);
  const money = readAmount(trn, currency, position, context);
  const name = childValue(trn, "NAME") ?? childValue(child(trn, "PAYEE"), "NAME");
  const memo = childValue(trn, "MEMO");
  const rawLabel = name ?? memo ?? "";
  const valueDate = ofxDate(childValue(trn, "DTAVAIL") ?? childValue(trn, "VALUEDATE") ?? "");
  return {
    sourceId: childValue(trn, "FITID"),
    bookingDate,
    valueDate,
    ...money,
    label: rawLabel.replace(/\s+/g, " ").trim(),
    rawLabel,
    memo: name ? memo : undefined,
    type: childValue(trn, "TRNTYPE")?.toUpperCase(),
    checkNumber: childValue(trn, "CHECKNUM"),
    position,
  };
}

function requiredDate(node: OfxNode, name: string, position: string, format: OfxFormat): string {
  const text = childValue(node, name);
  if (!text) throw new StatementError(format, position, `${name} (the date) is missing`);
  const date = ofxDate(text);
  if (!date) {
    const line = child(node, name)?.line;
    throw new StatementError(format, `line ${line}, ${name}`, `"${clip(text)}" is not a valid date (expected YYYYMMDD[HHMMSS])`);
  }
  return date;
}

type Money = Pick<DraftTransaction, "amountMinor" | "currency" | "originalAmountMinor" | "originalCurrency">;

function readAmount(trn: OfxNode, currency: string, position: string, context: Context): Money {
  const format = context.format;
  const text = childValue(trn, "TRNAMT");
  if (!text) throw new StatementError(format, position, "TRNAMT (the amount) is missing");
  const where = `line ${child(trn, "TRNAMT")?.line}, TRNAMT`;
  const foreign = child(trn, "CURRENCY");
  const foreignCurrency = normalizeCurrency(childValue(foreign, "CURSYM"));
  const rate = childValue(foreign, "CURRATE");
  if (foreignCurrency && rate && foreignCurrency !== currency) {
    const original = minorOrThrow(text, foreignCurrency, where, context);
    const converted = convertMinor(original, foreignCurrency, rate, currency);
    if (converted === undefined) throw new StatementError(format, position, `CURRATE "${clip(rate)}" is not a rate`);
    return { amountMinor: converted, currency, originalAmountMinor: original, originalCurrency: foreignCurrency };
  }
  const amountMinor = minorOrThrow(text, currency, where, context);
  return { amountMinor, currency, ...originalCurrency(trn, amountMinor, currency) };
}

/** ORIGCURRENCY: the amount is already in the account currency; CURRATE gives the original. */
function originalCurrency(trn: OfxNode, amountMinor: number, currency: string): Partial<Money> {
  const original = child(trn, "ORIGCURRENCY");
  const symbol = normalizeCurrency(childValue(original, "CURSYM"));
  const rate = childValue(original, "CURRATE");
  if (!symbol || symbol === currency) return {};
  const originalAmountMinor = rate ? convertMinor(amountMinor, currency, rate, symbol, true) : undefined;
  return { originalCurrency: symbol, originalAmountMinor };
}

function minorOrThrow(text: string, currency: string, where: string, context: Context): number {
  const result = decimalToMinor(text, currency);
  if (!result.ok) throw new StatementError(context.format, where, result.reason);
  if (result.rounded) context.rounded.push(where);
  return result.minor;
}

function readBalances(statement: OfxNode, currency: string, context: Context): ParsedBalance[] {
  const asOf = childValue(statement, "DTASOF");
  const investment = child(statement, "INVBAL");
  const candidates: [OfxNode | undefined, BalanceKind][] = [
    [child(statement, "LEDGERBAL"), "closing"],
    [child(statement, "AVAILBAL"), "available"],
  ];
  const balances = candidates.flatMap(([node, kind]) => readBalance(node, kind, currency, context) ?? []);
  const cash = childValue(investment, "AVAILCASH");
  const cashDate = ofxDate(asOf ?? "");
  if (investment && cash && cashDate) {
    const where = `line ${child(investment, "AVAILCASH")?.line}, AVAILCASH`;
    balances.push({ kind: "available", code: "AVAILCASH", amountMinor: minorOrThrow(cash, currency, where, context), currency, date: cashDate });
  }
  return balances;
}

function readBalance(node: OfxNode | undefined, kind: BalanceKind, currency: string, context: Context): ParsedBalance | undefined {
  if (!node) return undefined;
  const amountText = childValue(node, "BALAMT");
  const dateText = childValue(node, "DTASOF");
  if (!amountText && !dateText) return undefined; // an empty placeholder, as some banks send
  if (!amountText) throw new StatementError(context.format, `line ${node.line}, ${node.name}`, "the balance has a date but no amount (BALAMT)");
  const date = requiredDate(node, "DTASOF", `line ${node.line}, ${node.name}`, context.format);
  const amountMinor = minorOrThrow(amountText, currency, `line ${child(node, "BALAMT")?.line}, BALAMT`, context);
  return { kind, code: node.name, amountMinor, currency, date };
}
