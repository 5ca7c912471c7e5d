// RFC 4180 splitting: quoted fields may hold the delimiter, doubled quotes
// and line breaks; each row remembers the line it starts on.

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

interface SplitState {
  rows: CsvRow[];
  cells: string[];
  field: string;
  line: number;
  rowLine: number;
  quoted: boolean;
  quoteLine: number;
}

export function splitCsv(text: string, delimiter: string, options: SplitOptions = {}): CsvRow[] {
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const state: SplitState = { rows: [], cells: [], field: "", line: 1, rowLine: 1, quoted: false, quoteLine: 0 };
  let index = 0;
  while (index < text.length && state.rows.length < maxRows) {
    index = state.quoted ? stepQuoted(state, text, index) : stepPlain(state, text, index, delimiter);
  }
  if (state.rows.length < maxRows) {
    if (state.quoted && !options.lenient) {
      throw new StatementError("csv", `line ${state.quoteLine}`, "a quoted field is never closed; the file looks truncated");
    }
    if (state.field !== "" || state.cells.length > 0) endRow(state);
  }
  return state.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ""));
}

function stepQuoted(state: SplitState, text: string, index: number): number {
  const char = text[index];
  if (char === '"' && text[index + 1] === '"') {
    state.field += '"';
    return index + 2;
  }
  if (char === '"') state.quoted = false;
  else state.field += char;
  if (char === "\n") state.line++;
  return index + 1;
}

function stepPlain(state: SplitState, text: string, index: number, delimiter: string): number {
  const char = text[index] as string;
  if (char === '"' && state.field.trim() === "") {
    state.quoted = true;
    state.quoteLine = state.line;
    state.field = "";
  } else if (char === delimiter) {
    state.cells.push(state.field);
    state.field = "";
  } else if (char === "\n" || char === "\r") {
    endRow(state);
    state.line++;
    state.rowLine = state.line;
    return char === "\r" && text[index + 1] === "\n" ? index + 2 : index + 1;
  } else state.field += char;
  return index + 1;
}

function endRow(state: SplitState): void {
  state.cells.push(state.field);
  state.rows.push({ cells: state.cells, line: state.rowLine });
  state.cells = [];
  state.field = "";
}
