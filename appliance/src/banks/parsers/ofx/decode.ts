// OFX bytes -> text. OFX 1.x declares ENCODING/CHARSET in its header
// (USASCII + 1252, UTF-8), OFX 2.x in its XML declaration; banks often
// declare one and send another, so valid UTF-8 with non-ASCII bytes wins
// over a declared 1252, and anything else falls back to Windows-1252.

import { StatementError, type StatementFormat } from "../types";
import { decodeUtf8Strict, guessBomlessUtf16, readBom } from "../text";
import { refuseDeclarations } from "../xml";

export interface OfxText {
  /** Text from the <OFX> tag on. */
  body: string;
  /** Line number of the <OFX> tag, for error positions. */
  bodyLine: number;
  version?: string;
  encoding: "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";
}

export function decodeOfx(bytes: Uint8Array, format: StatementFormat): OfxText {
  const bom = readBom(bytes).encoding;
  const utf16 = bom === "utf-16le" || bom === "utf-16be" ? bom : guessBomlessUtf16(bytes);
  if (utf16) return splitBody(new TextDecoder(utf16).decode(bytes), format, utf16);
  const headText = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const declared = declaredCharset(headText);
  const utf8 = strictUtf8(bytes); // ASCII is valid UTF-8 too
  if (utf8 !== undefined) return splitBody(utf8, format, "utf-8");
  if (declared === "utf-8") decodeUtf8Strict(bytes, format); // throws, naming the line of the bad byte
  return splitBody(new TextDecoder("windows-1252").decode(bytes), format, "windows-1252");
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function splitBody(text: string, format: StatementFormat, encoding: OfxText["encoding"]): OfxText {
  const start = text.search(/<OFX>/i);
  if (start < 0) {
    throw new StatementError(format, "line 1", "no <OFX> element found: this is not an OFX file");
  }
  const header = text.slice(0, start);
  refuseDeclarations(header, format); // the body's reader refuses them too
  const bodyLine = header.split("\n").length;
  return { body: text.slice(start), bodyLine, version: headerVersion(header), encoding };
}

function declaredCharset(head: string): "utf-8" | "windows-1252" | undefined {
  const xmlEncoding = /<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  const sgmlEncoding = /^\s*ENCODING\s*:\s*(\S+)/im.exec(head)?.[1];
  const sgmlCharset = /^\s*CHARSET\s*:\s*(\S+)/im.exec(head)?.[1];
  const names = [xmlEncoding, sgmlEncoding, sgmlCharset].map((name) => (name ?? "").toUpperCase());
  if (names.some((name) => name === "UTF-8" || name === "UTF8")) return "utf-8";
  if (names.some((name) => /1252|8859|LATIN/.test(name))) return "windows-1252";
  return undefined;
}

function headerVersion(header: string): string | undefined {
  return /VERSION\s*[:=]\s*"?(\d+)/i.exec(header)?.[1];
}
