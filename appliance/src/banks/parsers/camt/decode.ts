// XML bytes -> text, a piece at a time (a 50 MB statement is never one
// string): UTF-8 (the ISO 20022 norm) unless the declaration names
// ISO-8859-1 or Windows-1252; UTF-16 with a byte-order mark.

import { StatementError, type StatementFormat } from "../types";
import type { ByteSource } from "../source";
import { invalidUtf8Error, readBom } from "../text";

const PIECE_BYTES = 256 * 1024;

export function* decodeXmlPieces(source: ByteSource, format: StatementFormat): Generator<string, void, undefined> {
  const head = source.head(200);
  const bom = readBom(head);
  const utf16 = bom.encoding === "utf-16le" || bom.encoding === "utf-16be" ? bom.encoding : undefined;
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(new TextDecoder("latin1").decode(head))?.[1]?.toUpperCase();
  const latin = !utf16 && declared !== undefined && /8859-1|1252|LATIN/.test(declared);
  const decoder = new TextDecoder(utf16 ?? (latin ? "windows-1252" : "utf-8"), { fatal: !latin });
  const refuse = (): StatementError =>
    utf16
      ? new StatementError(format, "document", `the file says ${utf16.toUpperCase()} but holds invalid characters`)
      : invalidUtf8Error(source.all(), format); // only on the way out: naming the line needs the bytes before it
  for (const bytes of source.pieces(PIECE_BYTES)) {
    let piece: string;
    try {
      piece = decoder.decode(bytes, { stream: true });
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
