// What a CSV export looks like, guessed from its bytes: encoding, delimiter,
// decimal mark, date order, header row, and a proposed role for each column.

import { detectDecimalSeparator, looksLikeAmount } from "../amounts";
import { deduceDateOrder, splitDate, type DateParts } from "../dates";
import { decodeStatementText } from "../encoding";
import { StatementError, type CsvColumnGuess, type CsvDetection, type CsvEncoding, type DateOrder } from "../types";
import { guessRoles, roleFromHeader } from "./roles";
import { splitCsv, type CsvRow } from "./split";

const DELIMITERS = [";", ",", "\t", "|"] as const;
type Delimiter = (typeof DELIMITERS)[number];
const HEAD_ROWS = 200;

export function detectCsv(bytes: Uint8Array, forcedEncoding?: CsvEncoding): CsvDetection {
  const decoded = decodeStatementText(bytes, "csv", forcedEncoding);
  return detectCsvText(decoded.text, decoded.encoding, decoded.hasBom);
}

export function detectCsvText(text: string, encoding: CsvEncoding, hasBom: boolean): CsvDetection {
  const { delimiter, rows, width } = chooseDelimiter(text);
  const skipRows = Math.max(0, rows.findIndex((row) => isTableRow(row, width)));
  const table = rows.slice(skipRows).map((row) => row.cells);
  const hasHeader = isHeaderRow(table[0] ?? [], table.slice(1));
  const headers = hasHeader ? (table[0] ?? []).map((cell) => cell.trim()) : (table[0] ?? []).map((_, index) => `Column ${index + 1}`);
  const body = hasHeader ? table.slice(1) : table;
  const columns = guessRoles(headers, body);
  const decimalSeparator = decimalFor(columns, body, delimiter);
  return {
    encoding,
    hasBom,
    delimiter,
    decimalSeparator,
    dateOrder: dateOrderFor(columns, body, decimalSeparator),
    hasHeader,
    skipRows: rows[skipRows]?.line ? rows[skipRows].line - 1 : 0,
    columns,
    sampleRows: body.slice(0, 5),
  };
}

/** The delimiter that splits most rows into the same number (> 1) of fields. */
function chooseDelimiter(text: string): { delimiter: Delimiter; rows: CsvRow[]; width: number } {
  let best: { delimiter: Delimiter; rows: CsvRow[]; width: number; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const rows = splitCsv(text, delimiter, { maxRows: HEAD_ROWS, lenient: true });
    const { width, share } = modalWidth(rows);
    const score = width > 1 ? share * 1000 + width : 0;
    if (score > (best?.score ?? 0)) best = { delimiter, rows, width, score };
  }
  if (!best) {
    throw new StatementError("csv", "line 1", "no delimiter (; , tab |) splits the lines into columns: this is not a CSV statement");
  }
  return best;
}

/** A row of the table proper: the usual width, at least half its cells filled (preamble lines are mostly empty). */
function isTableRow(row: CsvRow, width: number): boolean {
  const filled = row.cells.filter((cell) => cell.trim() !== "").length;
  return row.cells.length === width && filled >= Math.ceil(width / 2);
}

function modalWidth(rows: CsvRow[]): { width: number; share: number } {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  let width = 0;
  let count = 0;
  for (const [candidate, seen] of counts) {
    if (seen > count || (seen === count && candidate > width)) [width, count] = [candidate, seen];
  }
  return { width, share: rows.length > 0 ? count / rows.length : 0 };
}

/** A header row has no dates or amounts, while the rows below do (or it names known columns). */
function isHeaderRow(first: string[], rest: string[][]): boolean {
  const valueLike = (cell: string) => splitDate(cell.trim()) !== undefined || (cell.trim() !== "" && looksLikeAmount(cell));
  if (first.some(valueLike)) return false;
  if (first.some((cell) => roleFromHeader(cell) !== undefined)) return true;
  return rest.some((row) => row.some(valueLike));
}

function decimalFor(columns: CsvColumnGuess[], body: string[][], delimiter: Delimiter): "." | "," {
  const money = columns.filter((column) => ["amount", "debit", "credit", "balance"].includes(column.role));
  const values = body.flatMap((row) => money.map((column) => (row[column.index] ?? "").trim())).filter(Boolean);
  const decided = values.some((value) => /[.,]\d{1,2}\)?-?$/.test(value.replace(/[^\d.,()-]/g, "")));
  if (!decided) return delimiter === ";" ? "," : ".";
  return detectDecimalSeparator(values);
}

function dateOrderFor(columns: CsvColumnGuess[], body: string[][], decimal: "." | ","): DateOrder {
  const dateColumns = columns.filter((column) => column.role === "date" || column.role === "valueDate");
  const parts = body.flatMap((row) =>
    dateColumns.flatMap((column) => {
      const split = splitDate((row[column.index] ?? "").trim());
      return split ? [split as DateParts] : [];
    }),
  );
  const deduced = deduceDateOrder(parts);
  if (deduced.order) return deduced.order;
  return decimal === "," ? "dmy" : "mdy";
}
