// Output of the statement parsers: a pure description of what a file says,
// with no database ids. Import, dedup and storage build on these types.
// Money is an integer count of minor units plus an ISO 4217 code; calendar
// dates are ISO YYYY-MM-DD (DESIGN.md decision 4).

import { AppError } from "../../shared/errors";

export type StatementFormat = "ofx" | "qfx" | "qif" | "camt053" | "csv";

export interface ParsedStatement {
  format: StatementFormat;
  accounts: ParsedAccount[];
  /** Non-fatal remarks (e.g. "OFX SEVERITY ERROR: ..."), shown in a preview. */
  warnings: string[];
}

/**
 * opening/closing: booked balances (OFX LEDGERBAL is "closing"); available:
 * OFX AVAILBAL. The other kinds are CAMT's (OPAV, CLAV, FWAV, ITBD, ITAV,
 * INFO, XPCD); `code` keeps the source's own code.
 */
export type BalanceKind =
  | "opening"
  | "closing"
  | "available"
  | "opening_available"
  | "closing_available"
  | "forward_available"
  | "interim"
  | "interim_available"
  | "information"
  | "expected";

export interface ParsedBalance {
  kind: BalanceKind;
  amountMinor: number;
  currency: string;
  /** YYYY-MM-DD */
  date: string;
  /** The source's own code when it has one (CAMT OPBD/CLBD/ITBD..., OFX LEDGERBAL/AVAILBAL). */
  code?: string;
}

export interface ParsedAccount {
  /** Account number as the bank writes it (OFX ACCTID, CAMT Acct/Id/Othr/Id). */
  accountId?: string;
  iban?: string;
  /** Bank id (OFX BANKID or BROKERID, QFX INTU.BID, CAMT servicer BIC). */
  bankId?: string;
  /** Branch id (OFX BRANCHID; in France the "code guichet"). */
  branchId?: string;
  /** OFX ACCTTYPE / QIF !Type / CAMT account type when known. */
  accountType?: string;
  currency: string;
  name?: string;
  /** Statement id when the format has one (CAMT Stmt/Id). */
  statementId?: string;
  /** Statement period, YYYY-MM-DD, when the format states it. */
  periodStart?: string;
  periodEnd?: string;
  balances: ParsedBalance[];
  transactions: ParsedTransaction[];
}

export interface ParsedTransaction {
  /**
   * Stable id for dedup within one account, always set:
   * - OFX/QFX: the FITID as written;
   * - CAMT.053: "AcctSvcrRef:…", "TxId:…", "EndToEndId:…" or "NtryRef:…"
   *   (a batch detail without its own id: the entry's id + "/n");
   * - a source id repeated in one file gets "#2", "#3"… on its repeats;
   * - no id in the file (QIF, CSV, OFX without FITID): "hash:" + 32 hex of
   *   sha256(account + date + amount + currency + raw label + occurrence
   *   index among identical rows) — see importIds.ts. The account part is
   *   the file's account id/IBAN, else options.accountId: pass the same
   *   destination account id on every import of a QIF/CSV file.
   */
  importId: string;
  /** True when importId came from the file itself rather than a hash. */
  importIdFromSource: boolean;
  /** YYYY-MM-DD */
  bookingDate: string;
  valueDate?: string;
  /** Negative = debit (money out), positive = credit. */
  amountMinor: number;
  currency: string;
  /** Cleaned-up label for display (whitespace collapsed). */
  label: string;
  /** Label exactly as in the file (used for hashing and rules). */
  rawLabel: string;
  memo?: string;
  counterparty?: string;
  /** OFX TRNTYPE, QIF category-less type, CAMT BkTxCd domain/family, CSV none. */
  type?: string;
  /** Category as written by the source (QIF L field), if any. */
  sourceCategory?: string;
  checkNumber?: string;
  /** Amount in the original currency for foreign-currency card payments. */
  originalAmountMinor?: number;
  originalCurrency?: string;
  /** QIF split lines (S/E/$), amounts in the transaction's currency. */
  splits?: { category?: string; memo?: string; amountMinor: number }[];
  /**
   * Set when one bank entry holds several transactions (CAMT batch entry with
   * several TxDtls): the entry's total, this detail's index (0-based) and count.
   */
  batch?: { entryAmountMinor: number; index: number; count: number; entryRef?: string };
  /** Where it came from: "line 12", "Stmt[1]/Ntry[3]/NtryDtls/TxDtls[2]", "STMTTRN[4]". */
  position: string;
}

export type DateOrder = "dmy" | "mdy" | "ymd";

export type CsvColumnRole =
  | "date"
  | "valueDate"
  | "label"
  | "memo"
  | "amount"
  | "debit"
  | "credit"
  | "balance"
  | "currency"
  | "ignore";

export interface CsvColumnGuess {
  index: number;
  header: string;
  role: CsvColumnRole;
  /** 0..1 */
  confidence: number;
}

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface CsvDetection {
  encoding: CsvEncoding;
  hasBom: boolean;
  delimiter: "," | ";" | "\t" | "|";
  decimalSeparator: "." | ",";
  dateOrder: DateOrder;
  hasHeader: boolean;
  /** Lines before the header (or first data row) that are not part of the table (account details...). */
  skipRows: number;
  columns: CsvColumnGuess[];
  /** First rows after the header, decoded and split, for a preview. */
  sampleRows: string[][];
}

/** Confirmed by the person (from detectCsv, possibly corrected); remembered per account. */
export interface CsvMapping {
  encoding?: CsvEncoding;
  delimiter?: CsvDetection["delimiter"];
  decimalSeparator?: "." | ",";
  dateOrder?: DateOrder;
  hasHeader?: boolean;
  skipRows?: number;
  /** Role of each column by index; columns not listed are ignored. */
  columns: { index: number; role: CsvColumnRole }[];
  /** Currency when no column holds it (default EUR). */
  currency?: string;
  /** Account id the rows belong to; part of the stable hash. */
  accountId?: string;
  /** A debit column holding positive numbers means money out (default true). */
  debitIsPositive?: boolean;
}

export interface ParseOptions {
  csvMapping?: CsvMapping;
  /** Refuse larger input before parsing. Default 50 MB. */
  maxBytes?: number;
  /** QIF day/month order; default: deduced from the values (> 12), else mdy. */
  qifDateOrder?: DateOrder;
  /** Currency for formats that don't say (QIF, CSV). Default EUR. */
  defaultCurrency?: string;
  /** Account id for formats that don't say (QIF, CSV); part of the stable hash. */
  accountId?: string;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** A statement that cannot be read; `where` names the line or element. */
export class StatementError extends AppError {
  constructor(
    readonly format: StatementFormat | "unknown",
    readonly where: string,
    readonly reason: string,
    status = 422,
    code = "statement_invalid",
  ) {
    super(status, code, `${formatName(format)} statement, ${where}: ${reason}`, { format, where, reason });
    this.name = "StatementError";
  }
}

/** The input is over the size limit; refused before any parsing (413 statement_too_large). */
export class StatementTooLargeError extends StatementError {
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      "unknown",
      "whole file",
      `the file is ${sizeBytes} bytes, over the limit of ${limitBytes} bytes`,
      413,
      "statement_too_large",
    );
    this.name = "StatementTooLargeError";
  }
}

function formatName(format: StatementFormat | "unknown"): string {
  const names: Record<string, string> = {
    ofx: "OFX",
    qfx: "QFX",
    qif: "QIF",
    camt053: "CAMT.053",
    csv: "CSV",
    unknown: "Bank",
  };
  return names[format] ?? format;
}
