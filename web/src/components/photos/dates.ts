import { getLocale } from '../../i18n';

// Dates as the person reads them: a photo's own day and time where it was
// taken (its recorded UTC offset), else in the viewer's time zone.

function shifted(takenAt: number, offset: number | null): { date: Date; timeZone: string | undefined } {
  if (offset === null) return { date: new Date(takenAt), timeZone: undefined };
  // Shift by the recorded offset and read it as UTC: the wall-clock time where the photo was taken.
  return { date: new Date(takenAt + offset * 60_000), timeZone: 'UTC' };
}

/** "Sat 15 June 2024" */
export function formatDay(takenAt: number, offset: number | null): string {
  const { date, timeZone } = shifted(takenAt, offset);
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

/** "Saturday 15 June 2024, 14:03" */
export function formatTaken(takenAt: number, offset: number | null): string {
  const { date, timeZone } = shifted(takenAt, offset);
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'full', timeStyle: 'short', timeZone }).format(date);
}

/** A summary day "2024-06-15" → "Sat 15 June" (with the year when it is not this year). */
export function formatDayKey(day: string, now = new Date()): string {
  const date = new Date(`${day}T12:00:00Z`);
  const sameYear = date.getUTCFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'short', day: 'numeric', month: 'long', year: sameYear ? undefined : 'numeric', timeZone: 'UTC' }).format(date);
}

/** "2024-06" → "June 2024" */
export function formatMonthKey(month: string): string {
  const text = new Intl.DateTimeFormat(getLocale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 83_000 → "1:23" */
export function formatVideoLength(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** 0.004 → "1/250 s", 2 → "2 s" */
export function formatExposureTime(seconds: number): string {
  if (seconds >= 1) return `${Number(seconds.toFixed(1))} s`;
  return `1/${Math.round(1 / seconds)} s`;
}
