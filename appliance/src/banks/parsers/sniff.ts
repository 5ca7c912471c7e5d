// Which format a file is, from its content first (banks name files
// carelessly) and its extension second. Binary files are refused here.

import { guessBomlessUtf16, readBom, refuseBinary } from "./text";
import { StatementError, type StatementFormat } from "./types";

/** sniffFormat reads no further than this. */
export const HEAD_BYTES = 64 * 1024;

export function sniffFormat(bytes: Uint8Array, fileName: string): StatementFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const head = headText(bytes, extension);
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (/^OFXHEADER\s*:/i.test(start) || /<\?OFX\b/i.test(head) || /<OFX>/i.test(head)) {
    return extension === "qfx" || /<INTU\./i.test(head) ? "qfx" : "ofx";
  }
  if (/BkToCstmrStmt|urn:iso:std:iso:20022:tech:xsd:camt\./.test(head)) return "camt053";
  if (/^!(Type|Account|Option)\b/i.test(start)) return "qif";
  if (start.startsWith("<")) {
    throw new StatementError(expected(extension), "start of file", "this XML/HTML document is neither an OFX statement nor a CAMT.053 statement");
  }
  if (["ofx", "qfx", "qif", "xml"].includes(extension)) {
    throw new StatementError(expected(extension), "start of file", `the file is named .${extension} but does not look like one (no ${expectedMarker(extension)} found)`);
  }
  return "csv";
}

function headText(bytes: Uint8Array, extension: string): string {
  const head = bytes.subarray(0, HEAD_BYTES);
  const bom = readBom(bytes);
  const utf16 = bom.encoding === "utf-16le" || bom.encoding === "utf-16be" ? bom.encoding : guessBomlessUtf16(bytes);
  if (utf16) return new TextDecoder(utf16).decode(head.subarray(0, head.length - (head.length % 2)));
  refuseBinary(bytes, expected(extension));
  return new TextDecoder("latin1").decode(head.subarray(bom.length));
}

function expected(extension: string): StatementFormat | "unknown" {
  if (extension === "ofx" || extension === "qfx" || extension === "qif" || extension === "csv") return extension;
  if (extension === "xml") return "camt053";
  return "unknown";
}

function expectedMarker(extension: string): string {
  if (extension === "qif") return "!Type: header";
  if (extension === "xml") return "CAMT.053 document";
  return "OFXHEADER or <OFX> tag";
}
