// XML bytes -> text, a piece at a time (a 50 MB statement is never one
// string): UTF-8 (the ISO 20022 norm) unless the declaration names
// ISO-8859-1 or Windows-1252; UTF-16 with a byte-order mark.

import { StatementError, type StatementFormat } from "../types";
import { invalidUtf8Error, readBom } from "../text";

const PIECE_BYTES = 256 * 1024;

export function* decodeXmlPieces(bytes: Uint8Array, format: StatementFormat): Generator<string, void, undefined> {
  const bom = readBom(bytes);
  const utf16 = bom.encoding === "utf-16le" || bom.encoding === "utf-16be" ? bom.encoding : undefined;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toUpperCase();
  const latin = !utf16 && declared !== undefined && /8859-1|1252|LATIN/.test(declared);
  const decoder = new TextDecoder(utf16 ?? (latin ? "windows-1252" : "utf-8"), { fatal: !latin });
  const refuse = (): StatementError =>
    utf16
      ? new StatementError(format, "document", `the file says ${utf16.toUpperCase()} but holds invalid characters`)
      : invalidUtf8Error(bytes, format);
  for (let offset = 0; offset < bytes.length; offset += PIECE_BYTES) {
    let piece: string;
    try {
      piece = decoder.decode(bytes.subarray(offset, offset + PIECE_BYTES), { stream: true });
    } catch {
      throw refuse();
    }
    yield piece;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw refuse();
  }
  if (rest !== "") yield rest;
}
