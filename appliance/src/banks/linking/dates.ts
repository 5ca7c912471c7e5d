// Calendar dates (YYYY-MM-DD) as day numbers, so windows are integer ranges.
const DAY_MS = 86_400_000;

export function dayOf(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (not 2024-02-30). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(text) && dateOf(dayOf(text)) === text;
}
