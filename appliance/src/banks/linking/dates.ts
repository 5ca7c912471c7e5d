// Calendar dates (YYYY-MM-DD) as day numbers, so windows are integer ranges.
// Read with integer arithmetic (days from the civil date): a full linking run
// converts every transaction's date, and Date parsing is far slower.
const DAY_MS = 86_400_000;

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's days_from_civil). */
export function dayOf(date: string): number {
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  const year = digits(date, 0, 4) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (not 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(text) && dateOf(dayOf(text)) === text;
}
