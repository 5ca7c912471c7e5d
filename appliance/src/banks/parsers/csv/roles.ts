// Proposed column roles, from header names (English and French) first, then
// from the shape of the values (dates, amounts, currency codes, free text).
// The person confirms or corrects them; nothing here is final.

import { looksLikeAmount } from "../amounts";
import { isCurrency } from "../currencies";
import { splitDate } from "../dates";
import type { CsvColumnGuess, CsvColumnRole } from "../types";

/** Header patterns, tried in this order on the accent-free, lower-case header. */
const HEADER_PATTERNS: [CsvColumnRole, RegExp][] = [
  ["valueDate", /^(date (de )?valeur|value ?date|valuta|date val)/],
  ["date", /^(date|jour|booking date|transaction date|posting date|posted|dated)\b/],
  ["debit", /^(debit|debits|montant debit|withdrawals?|paid out|money out|sorties?|depenses?)\b/],
  ["credit", /^(credit|credits|montant credit|deposits?|paid in|money in|entrees?|recettes?)\b/],
  ["balance", /^(solde|balance|running balance)\b/],
  ["amount", /^(montant|amount|somme|valeur|value|transaction amount)\b/],
  ["currency", /^(devise|currency|monnaie|ccy)\b/],
  ["label", /^(libelle|description|label|payee|beneficiaire|details?|narrative|intitule|nature|operation|transaction|name|merchant|counterparty|tiers)\b/],
  ["memo", /^(memo|notes?|reference|ref|informations?|info|commentaires?|comments?|motif)\b/],
];

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function roleFromHeader(header: string): CsvColumnRole | undefined {
  const name = normalizeHeader(header);
  return HEADER_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0];
}

interface ColumnShape {
  index: number;
  header: string;
  filled: number;
  dates: number;
  amounts: number;
  negatives: number;
  currencies: number;
  averageLength: number;
}

export function shapeOf(index: number, header: string, rows: string[][]): ColumnShape {
  const values = rows.map((row) => (row[index] ?? "").trim()).filter((value) => value !== "");
  return {
    index,
    header,
    filled: values.length,
    dates: values.filter((value) => splitDate(value) !== undefined).length,
    amounts: values.filter((value) => looksLikeAmount(value) && splitDate(value) === undefined).length,
    negatives: values.filter((value) => /^-|-$|^\(/.test(value)).length,
    currencies: values.filter((value) => isCurrency(value.toUpperCase())).length,
    averageLength: values.reduce((sum, value) => sum + value.length, 0) / Math.max(1, values.length),
  };
}

/** One guess per column: header names at 0.9, value shapes at 0.6 or less. */
export function guessRoles(headers: string[], rows: string[][]): CsvColumnGuess[] {
  const shapes = headers.map((header, index) => shapeOf(index, header, rows));
  const guesses: CsvColumnGuess[] = shapes.map((shape) => ({ index: shape.index, header: shape.header, role: "ignore", confidence: 0.3 }));
  const taken = new Set<CsvColumnRole>();
  for (const guess of guesses) {
    const role = roleFromHeader(guess.header);
    if (!role || !fitsValues(role, shapes[guess.index] as ColumnShape)) continue;
    const finalRole = role === "label" && taken.has("label") ? "memo" : role;
    if (taken.has(finalRole) && finalRole !== "memo") continue;
    Object.assign(guess, { role: finalRole, confidence: 0.9 });
    taken.add(finalRole);
  }
  guessFromShapes(guesses, shapes, taken);
  return guesses;
}

/** A header name counts unless most values disagree (a "Date" column of amounts is not a date). */
function fitsValues(role: CsvColumnRole, shape: ColumnShape): boolean {
  if (shape.filled === 0) return role === "debit" || role === "credit" || role === "memo" || role === "label";
  if (role === "date" || role === "valueDate") return shape.dates / shape.filled >= 0.5;
  if (role === "amount" || role === "debit" || role === "credit" || role === "balance") return shape.amounts / shape.filled >= 0.5;
  if (role === "currency") return shape.currencies / shape.filled >= 0.5;
  return true;
}

function guessFromShapes(guesses: CsvColumnGuess[], shapes: ColumnShape[], taken: Set<CsvColumnRole>): void {
  const free = (predicate: (shape: ColumnShape) => boolean) =>
    shapes.filter((shape) => guesses[shape.index]?.role === "ignore" && shape.filled > 0 && predicate(shape));
  const assign = (shape: ColumnShape | undefined, role: CsvColumnRole, confidence: number) => {
    if (!shape || taken.has(role) || guesses[shape.index]?.role !== "ignore") return;
    Object.assign(guesses[shape.index] as CsvColumnGuess, { role, confidence });
    taken.add(role);
  };
  const dates = free((shape) => shape.dates / shape.filled >= 0.9);
  assign(dates[0], "date", 0.6);
  assign(dates[1], "valueDate", 0.5);
  assign(free((shape) => shape.currencies / shape.filled >= 0.9)[0], "currency", 0.6);
  guessMoneyColumns(free((shape) => shape.amounts / shape.filled >= 0.9), assign, taken);
  const texts = free((shape) => shape.amounts / shape.filled < 0.5 && shape.dates / shape.filled < 0.5);
  texts.sort((a, b) => b.averageLength - a.averageLength);
  assign(texts[0], "label", 0.5);
}

type Assign = (shape: ColumnShape | undefined, role: CsvColumnRole, confidence: number) => void;

/** Signed values make an amount; two half-empty numeric columns make debit and credit; what is left may be a balance. */
function guessMoneyColumns(numeric: ColumnShape[], assign: Assign, taken: Set<CsvColumnRole>): void {
  const hasMoney = () => taken.has("amount") || taken.has("debit") || taken.has("credit");
  if (!hasMoney()) {
    const sparse = numeric.filter((shape) => shape.filled < numeric.reduce((max, other) => Math.max(max, other.filled), 0));
    if (sparse.length >= 2 && numeric.length >= 2 && !numeric.some((shape) => shape.negatives > 0 && !sparse.includes(shape))) {
      assign(sparse[0], "debit", 0.4);
      assign(sparse[1], "credit", 0.4);
    } else {
      assign(numeric.find((shape) => shape.negatives > 0) ?? numeric[0], "amount", 0.5);
    }
  }
  for (const shape of numeric) assign(shape, "balance", 0.4); // the first numeric column left over, if any
}
