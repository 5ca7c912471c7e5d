// Text encodings of QIF and CSV exports: UTF-8 with or without BOM, UTF-16
// LE/BE (with BOM, or recognised by its NUL bytes), Windows-1252. A file whose
// lines mix UTF-8 and another encoding (two exports pasted together) is
// refused, naming the first line that is not UTF-8.

import { StatementError, type CsvEncoding, type StatementFormat } from "./types";
import { firstInvalidUtf8, guessBomlessUtf16, hex, readBom, refuseBinary } from "./text";

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  hasBom: boolean;
}

export function decodeStatementText(bytes: Uint8Array, format: StatementFormat, forced?: CsvEncoding): DecodedText {
  const bom = readBom(bytes);
  const utf16 = bom.encoding === "utf-16le" || bom.encoding === "utf-16be" ? bom.encoding : guessBomlessUtf16(bytes);
  const encoding = forced ?? utf16;
  if (encoding === "utf-16le" || encoding === "utf-16be") return decodeUtf16(bytes, encoding, bom.length > 0, format);
  refuseBinary(bytes, format);
  const body = bytes.subarray(bom.encoding === "utf-8" ? 3 : 0);
  const detected = forced ?? detectByteEncoding(body, format);
  return { text: new TextDecoder(detected).decode(body), encoding: detected, hasBom: bom.encoding === "utf-8" };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", hasBom: boolean, format: StatementFormat): DecodedText {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding, hasBom };
  } catch {
    throw new StatementError(format, "whole file", `the file is ${encoding.toUpperCase()} but holds invalid characters (or is cut in the middle of one)`);
  }
}

/** UTF-8 when every line is valid UTF-8; Windows-1252 when no line uses UTF-8's multi-byte sequences. */
function detectByteEncoding(bytes: Uint8Array, format: StatementFormat): "utf-8" | "windows-1252" {
  if (isUtf8(bytes)) return "utf-8"; // the common case, checked natively before looking line by line
  let firstUtf8Line = 0;
  let firstInvalid: { line: number; byte: number; column: number } | undefined;
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const slice = bytes.subarray(start, end);
    const invalid = firstInvalidUtf8(slice);
    if (invalid >= 0) firstInvalid ??= { line, byte: slice[invalid] ?? 0, column: invalid + 1 };
    else if (!firstUtf8Line && slice.some((byte) => byte > 0x7f)) firstUtf8Line = line;
    if (firstInvalid && firstUtf8Line) break;
    start = end + 1;
    line++;
  }
  if (!firstInvalid) return "utf-8";
  if (firstUtf8Line) {
    throw new StatementError(
      format,
      `line ${firstInvalid.line}`,
      `the file mixes encodings: line ${firstUtf8Line} is UTF-8 but line ${firstInvalid.line} is not (byte 0x${hex(firstInvalid.byte)} at column ${firstInvalid.column})`,
    );
  }
  return "windows-1252";
}
