// Bytes -> text: byte-order marks, UTF-8 validity, Windows-1252, and the
// clear refusal of binary files (a photo or a zip renamed .ofx).

import type { CsvEncoding, StatementFormat } from "./types";
import { StatementError } from "./types";

export interface BomInfo {
  encoding?: "utf-8" | "utf-16le" | "utf-16be";
  length: number;
}

export function readBom(bytes: Uint8Array): BomInfo {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return { length: 0 };
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
export function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  const pairs = sample / 2;
  if (oddNuls > pairs * 0.8 && evenNuls === 0) return "utf-16le";
  if (evenNuls > pairs * 0.8 && oddNuls === 0) return "utf-16be";
  return undefined;
}

const MAGIC: [string, number[]][] = [
  ["a PDF document", [0x25, 0x50, 0x44, 0x46]],
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a ZIP archive (or an office document)", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
];

/** Refuses files that are not text: known signatures, NUL bytes, control bytes. */
export function refuseBinary(bytes: Uint8Array, format: StatementFormat | "unknown"): void {
  for (const [name, signature] of MAGIC) {
    if (signature.every((byte, index) => bytes[index] === byte)) {
      throw new StatementError(format, "start of file", `this is ${name}, not a bank statement`);
    }
  }
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index] ?? 0;
    if (byte === 0) throw binaryError(format, sample, index);
    if (byte < 9 || (byte > 13 && byte < 32) || byte === 127) control++;
  }
  if (control > Math.max(2, sample.length * 0.01)) throw binaryError(format, sample, 0);
}

function binaryError(format: StatementFormat | "unknown", sample: Uint8Array, offset: number): StatementError {
  const head = Array.from(sample.subarray(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
  return new StatementError(
    format,
    `byte ${offset}`,
    `the file holds binary data (it starts with ${head}), not the text of a bank statement`,
  );
}

/** Decodes UTF-8 strictly; on failure names the line and byte of the first invalid sequence. */
export function decodeUtf8Strict(bytes: Uint8Array, format: StatementFormat): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidUtf8Error(bytes, format);
  }
}

/** The refusal of bytes that are not UTF-8, naming the line and byte of the first invalid sequence. */
export function invalidUtf8Error(bytes: Uint8Array, format: StatementFormat): StatementError {
  const offset = firstInvalidUtf8(bytes);
  if (offset < 0) return new StatementError(format, "end of file", "the file ends inside a UTF-8 character; it looks truncated");
  return new StatementError(format, `line ${lineOfOffset(bytes, offset)}`, `byte 0x${hex(bytes[offset])} is not valid UTF-8`);
}

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return -1;
}

function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || index + length > bytes.length) return 0;
  for (let next = 1; next < length; next++) {
    const byte = bytes[index + next] ?? 0;
    if ((byte & 0xc0) !== 0x80) return 0;
  }
  const second = bytes[index + 1] ?? 0;
  if (lead === 0xe0 && second < 0xa0) return 0; // overlong
  if (lead === 0xed && second > 0x9f) return 0; // surrogate
  if (lead === 0xf0 && second < 0x90) return 0; // overlong
  if (lead === 0xf4 && second > 0x8f) return 0; // beyond U+10FFFF
  return length;
}

export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

export function decode(bytes: Uint8Array, encoding: CsvEncoding): string {
  return new TextDecoder(encoding, { fatal: encoding !== "windows-1252", ignoreBOM: false }).decode(bytes);
}

export function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).toUpperCase().padStart(2, "0");
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The predefined XML entities and numeric references only; nothing is ever expanded from the file. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body.startsWith("#x")) return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith("#")) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
