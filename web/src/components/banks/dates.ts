import { getLocale } from '../../i18n';

// Calendar dates (YYYY-MM-DD) shown in the person's language, read as UTC days.

const utc = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

/** "Mar 4, 2024"; short: "Mar 4" this year, "Mar 4, 2024" before. */
export function formatDay(date: string, style: 'short' | 'medium' = 'medium'): string {
  const thisYear = date.startsWith(String(new Date().getUTCFullYear()));
  const options: Intl.DateTimeFormatOptions = style === 'short' && thisYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: 'UTC' }).format(utc(date));
}

/** "Jan 2025" from "2025-01" (or "Jan"). */
export function formatMonth(month: string, withYear = true): string {
  return new Intl.DateTimeFormat(getLocale(), { month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(utc(month));
}

export function epochOf(date: string): number {
  return utc(date).getTime();
}
