// Amounts as people's exports write them: "1 234,56", "1.234,56", "-12.30",
// "(12.30)", "12,30 €", "1'234.50", "12.30-". The decimal mark is decided
// once per file (from all its values), then each value is read exactly.

import { digitsToMinor, clip, type AmountResult } from "./money";

const SYMBOLS = /[€$£¥]|\b(?:EUR|USD|GBP|CHF|CAD|AUD|JPY)\b/gi;
const GROUPING = /[\s\u00a0\u202f']/g;

/** Comma when values end in ",d" or ",dd" (or "1.234,56"), point otherwise. */
export function detectDecimalSeparator(values: string[]): "." | "," {
  let comma = 0;
  let point = 0;
  for (const raw of values) {
    const value = raw.replace(SYMBOLS, "").replace(GROUPING, "").replace(/[-+()]/g, "");
    if (/,\d{1,2}$/.test(value) || /\.\d{3},\d*$/.test(value)) comma++;
    else if (/\.\d{1,2}$/.test(value) || /,\d{3}\.\d*$/.test(value)) point++;
  }
  return comma > point ? "," : ".";
}

/** True when the text looks like an amount at all (used to guess column roles). */
export function looksLikeAmount(text: string): boolean {
  const value = text.replace(SYMBOLS, "").replace(GROUPING, "").trim();
  return /^[-+(]?\d[\d.,]*\)?-?$/.test(value) || /^[-+(]?[.,]\d+\)?$/.test(value);
}

export function parseLocalizedAmount(text: string, decimal: "." | ",", currency: string): AmountResult {
  let value = text.replace(SYMBOLS, "").replace(GROUPING, "").trim();
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (value.endsWith("-")) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  if (value.startsWith("-")) negative = !negative;
  value = value.replace(/^[-+]/, "");
  const [whole = "", fraction = "", extra] = value.split(decimal);
  const thousands = decimal === "," ? "." : ",";
  // Thousands separators only between groups of three digits ("1.234,56", not "12.30" read as comma-decimal).
  const grouped = whole.includes(thousands) ? /^\d{1,3}(?:[.,]\d{3})+$/.test(whole) : /^\d*$/.test(whole);
  if (extra !== undefined || !grouped || !/^\d*$/.test(fraction) || (whole === "" && fraction === "")) {
    return { ok: false, reason: `"${clip(text)}" is not an amount` };
  }
  return digitsToMinor(negative, whole.split(thousands).join(""), fraction, currency);
}
