// Calendar dates as ISO YYYY-MM-DD, checked against the real calendar
// (2012-02-31 is refused, not rolled over to March).

import type { DateOrder } from "./types";

export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Two-digit years: 70-99 are 19xx, 00-69 are 20xx (the usual pivot). */
export function expandYear(digits: string, apostrophe = false): number {
  const value = Number(digits);
  if (digits.length >= 3) return value;
  if (apostrophe) return 2000 + value;
  return value >= 70 ? 1900 + value : 2000 + value;
}

/**
 * OFX date-time: YYYYMMDD[HHMMSS[.XXX]][[+-]h[.mm]:TZ]. The calendar date
 * is taken as written (the bank's own day), without converting time zones.
 */
const OFX_DATE = /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:[.:]\d{1,6})?)?)?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d+)?(?::[A-Za-z]{1,8})?\s*\])?$/;

export function ofxDate(text: string): string | undefined {
  const match = OFX_DATE.exec(text.trim());
  if (!match) return undefined;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** ISO date or date-time (CAMT Dt / DtTm): the date part as written. */
export function isoDateOrDateTime(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return undefined;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export interface DateParts {
  first: number;
  second: number;
  year: number;
  /** "ymd" when the year came first (no ambiguity). */
  yearFirst: boolean;
}

/**
 * Splits "31/12/2024", "12-31-24", "1/ 5'99", "2024-12-31", "31.12.2024",
 * "20241231" into numbers without deciding day/month order yet.
 */
export function splitDate(text: string): DateParts | undefined {
  // A time after the date (some exports add one) does not change the calendar day.
  const value = text.trim().replace(/(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?$/i, "");
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (yearFirst) return { year: Number(yearFirst[1]), first: Number(yearFirst[2]), second: Number(yearFirst[3]), yearFirst: true };
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return { year: Number(compact[1]), first: Number(compact[2]), second: Number(compact[3]), yearFirst: true };
  const other = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*(?:([-/.])\s*'?|')\s*(\d{2}|\d{4})$/.exec(value);
  if (!other) return undefined;
  const apostrophe = value.includes("'");
  return { first: Number(other[1]), second: Number(other[2]), year: expandYear(other[4] ?? "", apostrophe), yearFirst: false };
}

export function datePartsToIso(parts: DateParts, order: DateOrder): string | undefined {
  if (parts.yearFirst) return isoDate(parts.year, parts.first, parts.second);
  if (order === "mdy") return isoDate(parts.year, parts.first, parts.second);
  return isoDate(parts.year, parts.second, parts.first);
}

/**
 * Deduce day/month order from the values: a first number above 12 means
 * day first, a second above 12 means month first. Undefined when the values
 * never tell (every day <= 12) or when they contradict each other.
 */
export function deduceDateOrder(all: DateParts[]): { order?: DateOrder; conflict: boolean } {
  const dayFirst = all.some((parts) => !parts.yearFirst && parts.first > 12);
  const monthFirst = all.some((parts) => !parts.yearFirst && parts.second > 12);
  if (dayFirst && monthFirst) return { conflict: true };
  if (dayFirst) return { order: "dmy", conflict: false };
  if (monthFirst) return { order: "mdy", conflict: false };
  if (all.length > 0 && all.every((parts) => parts.yearFirst)) return { order: "ymd", conflict: false };
  return { conflict: false };
}
