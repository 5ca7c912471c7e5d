// Bank statement parsers: a pure library (no database). parseStatement
// sniffs the format from the content, refuses what it cannot read with the
// line or element and the reason, and returns accounts, balances and
// transactions in integer minor units with ISO dates.

import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { camtEvents } from "./camt/statement";
import { normalizeCurrency } from "./currencies";
import { detectCsv as detectCsvBytes } from "./csv/detect";
import { parseCsv } from "./csv/parse";
import { ofxEvents } from "./ofx/statements";
import { parseQif } from "./qif";
import { HEAD_BYTES, sniffFormat } from "./sniff";
import { bytesSource, fileSource, type ByteSource } from "./source";
import { collectStatement, eventsOf, type StatementEvent, type StatementEvents } from "./stream";
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
export type { ByteSource, StatementEvent, StatementEvents };
export { bytesSource, fileSource, HEAD_BYTES };
export { currencyExponent, normalizeCurrency } from "./currencies";
export { hashImportId } from "./importIds";

export function parseStatement(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParsedStatement {
  return collectStatement(statementEvents(bytes, fileName, options));
}

/**
 * The statement as a stream of events (see stream.ts): OFX, QFX and CAMT.053
 * are read one transaction at a time, so a large file is never held as
 * objects (and a CAMT file is read from its source a piece at a time); QIF
 * and CSV are read whole, then streamed. Input is checked (size, emptiness,
 * options) before the first event.
 */
export function statementEvents(input: Uint8Array | ByteSource, fileName: string, options: ParseOptions = {}): StatementEvents {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  refuseOversized(source.size, options.maxBytes);
  if (source.size === 0) throw new StatementError("unknown", "whole file", "the file is empty");
  const format = sniffFormat(source.head(HEAD_BYTES), fileName);
  refuseUnknownCurrency(format, "defaultCurrency", options.defaultCurrency);
  refuseUnknownCurrency(format, "csvMapping.currency", options.csvMapping?.currency);
  switch (format) {
    case "ofx":
    case "qfx":
      return ofxEvents(source.all(), format, options);
    case "camt053":
      return camtEvents(source, options);
    case "qif":
      return eventsOf(parseQif(source.all(), options));
    case "csv":
      return eventsOf(parseCsv(source.all(), options.csvMapping, options));
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
