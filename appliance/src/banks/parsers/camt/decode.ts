// XML bytes -> text: UTF-8 (the ISO 20022 norm) unless the declaration names
// ISO-8859-1 or Windows-1252; UTF-16 with a byte-order mark.

import { StatementError, type StatementFormat } from "../types";
import { decodeUtf8Strict, readBom } from "../text";

export function decodeXmlText(bytes: Uint8Array, format: StatementFormat): string {
  const bom = readBom(bytes);
  if (bom.encoding === "utf-16le" || bom.encoding === "utf-16be") {
    try {
      return new TextDecoder(bom.encoding, { fatal: true }).decode(bytes);
    } catch {
      throw new StatementError(format, "document", `the file says ${bom.encoding.toUpperCase()} but holds invalid characters`);
    }
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toUpperCase();
  if (declared && /8859-1|1252|LATIN/.test(declared)) return new TextDecoder("windows-1252").decode(bytes);
  return decodeUtf8Strict(bytes.subarray(bom.length), format);
}
