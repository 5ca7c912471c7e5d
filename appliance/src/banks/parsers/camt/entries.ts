// CAMT.053 entries (Ntry) -> transactions. An entry with several TxDtls is a
// batch: each detail becomes its own transaction, and their amounts must add
// up to the entry's, or the file is refused.

import type { DraftTransaction } from "../importIds";
import { StatementError } from "../types";
import { el, els, txt } from "../xml";
import {
  bankTransactionCode,
  partyName,
  readAmt,
  readDate,
  signOf,
  type CamtAmount,
  type CamtContext,
} from "./common";

interface EntryFacts {
  path: string;
  amount: CamtAmount;
  sign: number;
  bookingDate: string;
  valueDate?: string;
  ref?: string;
}

export function readEntry(ntry: unknown, path: string, context: CamtContext): DraftTransaction[] {
  const facts = entryFacts(ntry, path, context);
  const details = els(ntry, "NtryDtls").flatMap((group) => els(group, "TxDtls"));
  if (details.length <= 1) {
    return [buildTransaction(ntry, details[0], facts, facts.amount.minor * facts.sign, path, undefined)];
  }
  const amounts = details.map((detail, index) => detailAmount(detail, `${path}/NtryDtls/TxDtls[${index + 1}]`, facts, context));
  const total = amounts.reduce((sum, value) => sum + value, 0);
  const entryTotal = facts.amount.minor * facts.sign;
  if (total !== entryTotal) {
    throw new StatementError("camt053", path, `its ${details.length} TxDtls add up to ${total} but the entry amount is ${entryTotal} (minor units of ${facts.amount.currency})`);
  }
  return details.map((detail, index) => {
    const detailPath = `${path}/NtryDtls/TxDtls[${index + 1}]`;
    const transaction = buildTransaction(ntry, detail, facts, amounts[index] ?? 0, detailPath, index);
    transaction.batch = { entryAmountMinor: entryTotal, index, count: details.length, entryRef: facts.ref };
    return transaction;
  });
}

function entryFacts(ntry: unknown, path: string, context: CamtContext): EntryFacts {
  const amount = readAmt(el(ntry, "Amt"), `${path}/Amt`, context);
  const sign = signOf(ntry, path);
  const valueDate = readDate(el(ntry, "ValDt"), `${path}/ValDt`);
  const bookingDate = readDate(el(ntry, "BookgDt"), `${path}/BookgDt`) ?? valueDate;
  if (!bookingDate) throw new StatementError("camt053", `${path}/BookgDt`, "the booking date is missing");
  return { path, amount, sign, bookingDate, valueDate, ref: txt(ntry, "AcctSvcrRef") ?? txt(ntry, "NtryRef") };
}

/** A detail's amount in the entry's currency, signed (its own CdtDbtInd, else the entry's). */
function detailAmount(detail: unknown, path: string, facts: EntryFacts, context: CamtContext): number {
  const candidates = [el(detail, "Amt"), el(detail, "AmtDtls", "TxAmt", "Amt"), el(detail, "AmtDtls", "CntrValAmt", "Amt")];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const amount = readAmt(candidate, `${path}/Amt`, context);
    if (amount.currency === facts.amount.currency) return amount.minor * signOf(detail, path, facts.sign);
  }
  throw new StatementError("camt053", path, `the detail gives no amount in the entry's currency (${facts.amount.currency})`);
}

function buildTransaction(
  ntry: unknown,
  detail: unknown,
  facts: EntryFacts,
  amountMinor: number,
  position: string,
  batchIndex: number | undefined,
): DraftTransaction {
  const counterparty = counterpartyOf(detail, amountMinor);
  const texts = labelTexts(ntry, detail);
  const rawLabel = texts.remittance ?? texts.additional ?? counterparty ?? bankTransactionCode(ntry) ?? "";
  const transaction: DraftTransaction = {
    sourceId: sourceIdOf(ntry, detail, batchIndex),
    bookingDate: facts.bookingDate,
    valueDate: facts.valueDate,
    amountMinor,
    currency: facts.amount.currency,
    label: rawLabel.replace(/\s+/g, " ").trim(),
    rawLabel,
    memo: texts.remittance ? texts.additional : undefined,
    counterparty,
    type: bankTransactionCode(detail) ?? bankTransactionCode(ntry),
    position,
  };
  return withOriginalAmount(transaction, detail);
}

function labelTexts(ntry: unknown, detail: unknown): { remittance?: string; additional?: string } {
  const remittance = els(el(detail, "RmtInf"), "Ustrd").map((line) => txt(line)).filter(Boolean).join(" ");
  const structured = els(el(detail, "RmtInf"), "Strd").map((block) => txt(block, "CdtrRefInf", "Ref")).filter(Boolean).join(" ");
  return {
    remittance: remittance || structured || undefined,
    additional: txt(detail, "AddtlTxInf") ?? txt(ntry, "AddtlNtryInf"),
  };
}

/** The other side: the creditor of a debit, the debtor of a credit. */
function counterpartyOf(detail: unknown, amountMinor: number): string | undefined {
  const parties = el(detail, "RltdPties");
  if (amountMinor < 0) return partyName(el(parties, "Cdtr")) ?? partyName(el(parties, "UltmtCdtr"));
  return partyName(el(parties, "Dbtr")) ?? partyName(el(parties, "UltmtDbtr"));
}

/**
 * The bank's own reference first (AcctSvcrRef), then the payment's ids. A
 * batch detail without its own id gets the entry's id plus its index.
 */
function sourceIdOf(ntry: unknown, detail: unknown, batchIndex: number | undefined): string | undefined {
  const refs = el(detail, "Refs");
  const prefixed = (kind: string, value: string | undefined) => (value ? `${kind}:${value}` : undefined);
  const endToEnd = txt(refs, "EndToEndId");
  const paymentId =
    prefixed("TxId", txt(refs, "TxId")) ??
    (endToEnd && endToEnd.toUpperCase() !== "NOTPROVIDED" ? `EndToEndId:${endToEnd}` : undefined);
  const detailServicer = prefixed("AcctSvcrRef", txt(refs, "AcctSvcrRef"));
  const entryServicer = prefixed("AcctSvcrRef", txt(ntry, "AcctSvcrRef"));
  const entryReference = prefixed("NtryRef", txt(ntry, "NtryRef"));
  if (batchIndex === undefined) return detailServicer ?? entryServicer ?? paymentId ?? entryReference;
  const entryId = entryServicer ?? entryReference;
  return detailServicer ?? paymentId ?? (entryId ? `${entryId}/${batchIndex + 1}` : undefined);
}

/** A payment instructed in another currency (InstdAmt), e.g. a card payment abroad. */
function withOriginalAmount(transaction: DraftTransaction, detail: unknown): DraftTransaction {
  const instructed = el(detail, "AmtDtls", "InstdAmt", "Amt");
  if (!instructed) return transaction;
  const scratch: CamtContext = { warnings: [], rounded: [] };
  try {
    const original = readAmt(instructed, `${transaction.position}/AmtDtls/InstdAmt/Amt`, scratch);
    if (original.currency === transaction.currency) return transaction;
    const sign = transaction.amountMinor < 0 ? -1 : 1;
    return { ...transaction, originalAmountMinor: original.minor * sign, originalCurrency: original.currency };
  } catch {
    return transaction; // an unreadable instructed amount is informative only; the entry amount stands
  }
}
