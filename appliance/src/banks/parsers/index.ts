// Bank statement parsers: a pure library (no database). parseStatement
// sniffs the format from the content, refuses what it cannot read with the
// line or element and the reason, and returns accounts, balances and
// transactions in integer minor units with ISO dates.

import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { parseCamt053 } from "./camt/statement";
import { normalizeCurrency } from "./currencies";
import { detectCsv as detectCsvBytes } from "./csv/detect";
import { parseCsv } from "./csv/parse";
import { parseOfx } from "./ofx/statements";
import { parseQif } from "./qif";
import { sniffFormat } from "./sniff";
import {
  DEFAULT_MAX_BYTES,
  StatementError,
  StatementTooLargeError,
  type CsvDetection,
  type CsvEncoding,
  type ParseOptions,
  type ParsedStatement,
  type StatementFormat,
} from "./types";

export * from "./types";
export { sniffFormat };
export { currencyExponent, normalizeCurrency } from "./currencies";
export { hashImportId } from "./importIds";

export function parseStatement(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParsedStatement {
  refuseOversized(bytes.byteLength, options.maxBytes);
  if (bytes.byteLength === 0) throw new StatementError("unknown", "whole file", "the file is empty");
  const format = sniffFormat(bytes, fileName);
  refuseUnknownCurrency(format, "defaultCurrency", options.defaultCurrency);
  refuseUnknownCurrency(format, "csvMapping.currency", options.csvMapping?.currency);
  switch (format) {
    case "ofx":
    case "qfx":
      return parseOfx(bytes, format, options);
    case "camt053":
      return parseCamt053(bytes, options);
    case "qif":
      return parseQif(bytes, options);
    case "csv":
      return parseCsv(bytes, options.csvMapping, options);
  }
}

/**
 * Guesses how a CSV export is written (encoding, delimiter, decimal mark,
 * date order, header, column roles) for the person to confirm; the
 * confirmed CsvMapping then goes to parseStatement as options.csvMapping.
 */
export function detectCsv(bytes: Uint8Array, options: { maxBytes?: number; encoding?: CsvEncoding } = {}): CsvDetection {
  refuseOversized(bytes.byteLength, options.maxBytes);
  if (bytes.byteLength === 0) throw new StatementError("csv", "whole file", "the file is empty");
  return detectCsvBytes(bytes, options.encoding);
}

/** Like parseStatement, but checks the file's size on disk before reading a byte of it. */
export async function parseStatementFile(path: string, options: ParseOptions = {}): Promise<ParsedStatement> {
  const { size } = await stat(path);
  refuseOversized(size, options.maxBytes);
  const bytes = await Bun.file(path).bytes();
  return parseStatement(bytes, basename(path), options);
}

function refuseUnknownCurrency(format: StatementFormat, option: string, code: string | undefined): void {
  if (code !== undefined && !normalizeCurrency(code)) {
    throw new StatementError(format, `option ${option}`, `"${code}" is not an ISO 4217 currency code`);
  }
}

/** Refuses input over the limit (default 50 MB), saying how large it is. */
export function refuseOversized(sizeBytes: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (sizeBytes > maxBytes) throw new StatementTooLargeError(sizeBytes, maxBytes);
}
