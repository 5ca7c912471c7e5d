// A CAMT.053 statement's parts outside its entries: the account, its
// balances, the message's namespace; and which entries are booked.

import { normalizeCurrency } from "../currencies";
import { StatementError, type BalanceKind, type ParsedAccount, type ParsedBalance, type ParseOptions } from "../types";
import { el, els, txt } from "../xml";
import { accountIdentifier, bicOf, readAmt, readDate, signOf, type CamtContext } from "./common";

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


/** True when the namespace is ISO 20022's; refuses other messages and versions. */
export function checkNamespace(namespace: string): boolean {
  const match = /^urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.(\d{2})$/.exec(namespace.trim());
  if (!match) return false;
  if (match[1] !== "camt.053") {
    throw new StatementError("camt053", "Document", `this is a ${match[1]?.toUpperCase()} message, not a CAMT.053 statement`);
  }
  if (!SUPPORTED_VERSIONS.includes(match[2] ?? "")) {
    throw new StatementError("camt053", "Document", `CAMT.053 version 001.${match[2]} is not supported (versions 001.02 to 001.08 are)`);
  }
  return true;
}

/** A statement's account, from the elements before its entries. */
export function readAccount(statement: unknown, path: string, context: CamtContext, options: ParseOptions, entryCurrency: string | undefined): ParsedAccount {
  const account = el(statement, "Acct");
  const identifier = accountIdentifier(account);
  const balances = readBalances(statement, path, context);
  const currency = normalizeCurrency(txt(account, "Ccy")) ?? entryCurrency ?? balances[0]?.currency ?? normalizeCurrency(options.defaultCurrency);
  if (!currency) throw new StatementError("camt053", `${path}/Acct/Ccy`, "the account currency is missing");
  return {
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
}

export function readBalances(statement: unknown, path: string, context: CamtContext): ParsedBalance[] {
  return els(statement, "Bal").map((balance, index) => readBalance(balance, `${path}/Bal[${index + 1}]`, context));
}

/** Booked entries only: pending (PDNG) and information (INFO) entries may change or vanish. */
export function isBooked(ntry: unknown, path: string, context: CamtContext): boolean {
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
