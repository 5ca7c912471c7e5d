import { getLocale } from '../../i18n';

// Calendar dates (YYYY-MM-DD) shown in the person's language, read as UTC days.

const utc = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

export function formatDay(date: string, style: 'short' | 'medium' = 'medium'): string {
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: 'UTC' }).format(utc(date));
}

/** "Jan 2025" from "2025-01". */
export function formatMonth(month: string, withYear = true): string {
  return new Intl.DateTimeFormat(getLocale(), { month: 'short', ...(withYear ? { year: '2-digit' } : {}), timeZone: 'UTC' }).format(utc(month));
}

export function epochOf(date: string): number {
  return utc(date).getTime();
}
