// RFC 4180 splitting: quoted fields may hold the delimiter, doubled quotes
// and line breaks; each row remembers the line it starts on. Fields are
// sliced out of the text whole (never built a character at a time), so a
// 100,000-row export costs little more than its own text.

import { StatementError } from "../types";

export interface CsvRow {
  cells: string[];
  line: number;
}

export interface SplitOptions {
  /** Stop after this many rows (detection looks at the head only). */
  maxRows?: number;
  /** Detection tolerates an unterminated quote (the head may cut a field). */
  lenient?: boolean;
}

interface Cursor {
  text: string;
  index: number;
  line: number;
  delimiter: number;
  lenient: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function splitCsv(text: string, delimiter: string, options: SplitOptions = {}): CsvRow[] {
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const cursor: Cursor = { text, index: 0, line: 1, delimiter: delimiter.charCodeAt(0), lenient: options.lenient ?? false };
  const rows: CsvRow[] = [];
  while (cursor.index < text.length && rows.length < maxRows) {
    const row = readRow(cursor);
    if (row.cells.some((cell) => cell.trim() !== "")) rows.push(row);
  }
  return rows;
}

function readRow(cursor: Cursor): CsvRow {
  const row: CsvRow = { cells: [], line: cursor.line };
  for (;;) {
    row.cells.push(startsQuoted(cursor) ? readQuoted(cursor) : readPlain(cursor));
    const code = cursor.text.charCodeAt(cursor.index);
    cursor.index++;
    if (code === cursor.delimiter) continue;
    if (code === CR && cursor.text.charCodeAt(cursor.index) === LF) cursor.index++;
    if (code === CR || code === LF) cursor.line++;
    return row; // end of line or of text
  }
}

/** A field is quoted when its first non-blank character is a quote. */
function startsQuoted(cursor: Cursor): boolean {
  let index = cursor.index;
  while (cursor.text.charCodeAt(index) === 32) index++;
  if (cursor.text.charCodeAt(index) !== QUOTE) return false;
  cursor.index = index;
  return true;
}

function readPlain(cursor: Cursor): string {
  const { text } = cursor;
  const start = cursor.index;
  let index = start;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === cursor.delimiter || code === LF || code === CR) break;
  }
  cursor.index = index;
  return text.slice(start, index);
}

function readQuoted(cursor: Cursor): string {
  const { text } = cursor;
  const startLine = cursor.line;
  const parts: string[] = [];
  let from = cursor.index + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return unterminated(cursor, startLine, parts, from);
    cursor.line += countLineBreaks(text, from, quote);
    parts.push(text.slice(from, quote));
    if (text.charCodeAt(quote + 1) !== QUOTE) {
      cursor.index = quote + 1;
      return parts.join("") + readPlain(cursor); // text after the closing quote, if any, is kept
    }
    parts.push('"');
    from = quote + 2;
  }
}

function unterminated(cursor: Cursor, startLine: number, parts: string[], from: number): string {
  if (!cursor.lenient) throw new StatementError("csv", `line ${startLine}`, "a quoted field is never closed; the file looks truncated");
  cursor.index = cursor.text.length;
  return parts.join("") + cursor.text.slice(from);
}

function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let index = text.indexOf("\n", from); index >= 0 && index < to; index = text.indexOf("\n", index + 1)) breaks++;
  return breaks;
}
