// Shared CAMT.053 readers: amounts with their currency and sign, dates, names.

import { isoDateOrDateTime } from "../dates";
import { normalizeCurrency } from "../currencies";
import { decimalToMinor } from "../money";
import { StatementError } from "../types";
import { attr, el, txt } from "../xml";

export interface CamtContext {
  warnings: string[];
  rounded: string[];
}

export interface CamtAmount {
  minor: number;
  currency: string;
}

/** <Amt Ccy="EUR">12.34</Amt> -> unsigned minor units and currency. */
export function readAmt(node: unknown, where: string, context: CamtContext): CamtAmount {
  const text = txt(node);
  if (!text) throw new StatementError("camt053", where, "the amount is missing");
  const code = attr(node, "Ccy");
  const currency = normalizeCurrency(code);
  if (!currency) throw new StatementError("camt053", where, `"${code ?? ""}" is not an ISO 4217 currency code (Ccy)`);
  if (!/^\d*(\.\d*)?$/.test(text)) throw new StatementError("camt053", where, `"${text.slice(0, 40)}" is not a decimal amount`);
  const result = decimalToMinor(text, currency);
  if (!result.ok) throw new StatementError("camt053", where, result.reason);
  if (result.rounded) context.rounded.push(where);
  return { minor: result.minor, currency };
}

/** CRDT -> +1, DBIT -> -1; anything else is refused. */
export function signOf(node: unknown, where: string, fallback?: number): number {
  const indicator = txt(node, "CdtDbtInd");
  if (indicator === "CRDT") return 1;
  if (indicator === "DBIT") return -1;
  if (indicator === undefined && fallback !== undefined) return fallback;
  throw new StatementError("camt053", `${where}/CdtDbtInd`, indicator ? `"${indicator}" is neither CRDT nor DBIT` : "the credit/debit indicator is missing");
}

/** <X><Dt>2024-01-31</Dt></X> or <X><DtTm>...</DtTm></X>; undefined when absent. */
export function readDate(node: unknown, where: string): string | undefined {
  if (!node) return undefined;
  const text = txt(node, "Dt") ?? txt(node, "DtTm") ?? txt(node);
  if (!text) return undefined;
  const date = isoDateOrDateTime(text);
  if (!date) throw new StatementError("camt053", where, `"${text.slice(0, 40)}" is not a valid date (expected YYYY-MM-DD)`);
  return date;
}

/** A party's name: <Nm> directly (versions 2 to 7) or under <Pty> (version 8). */
export function partyName(party: unknown): string | undefined {
  return txt(party, "Nm") ?? txt(party, "Pty", "Nm");
}

export function accountIdentifier(account: unknown): { iban?: string; other?: string } {
  return { iban: txt(account, "Id", "IBAN")?.replace(/\s+/g, ""), other: txt(account, "Id", "Othr", "Id") };
}

export function bicOf(agent: unknown): string | undefined {
  return txt(agent, "FinInstnId", "BIC") ?? txt(agent, "FinInstnId", "BICFI");
}

export function bankTransactionCode(node: unknown): string | undefined {
  const code = el(node, "BkTxCd");
  const domain = txt(code, "Domn", "Cd");
  if (domain) {
    return [domain, txt(code, "Domn", "Fmly", "Cd"), txt(code, "Domn", "Fmly", "SubFmlyCd")].filter(Boolean).join("/");
  }
  return txt(code, "Prtry", "Cd");
}
