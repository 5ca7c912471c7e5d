// Calendar arithmetic on ISO dates (YYYY-MM-DD, UTC): the ends of the days,
// weeks (Sunday) or months a balance chart has a point for.

export type Step = "day" | "week" | "month";

const DAY_MS = 86_400_000;

export function toDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return toDate(ms(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/** The same day `years` earlier (29 February becomes 1 March). */
export function yearsBefore(date: string, years: number): string {
  const day = new Date(ms(date));
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return toDate(day.getTime());
}

/** The first day of the month `months` before the month of `date`. */
export function monthStart(date: string, monthsBefore = 0): string {
  const day = new Date(ms(`${date.slice(0, 7)}-01`));
  day.setUTCMonth(day.getUTCMonth() - monthsBefore);
  return toDate(day.getTime());
}

function monthEnd(date: string): string {
  const day = new Date(ms(`${date.slice(0, 7)}-01`));
  day.setUTCMonth(day.getUTCMonth() + 1);
  return toDate(day.getTime() - DAY_MS);
}

function weekEnd(date: string): string {
  const weekday = new Date(ms(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, (7 - weekday) % 7);
}

/** The step that keeps a range readable: days up to 3 months, weeks up to 2 years, then months. */
export function defaultStep(from: string, to: string): Step {
  const span = daysBetween(from, to);
  return span <= 92 ? "day" : span <= 731 ? "week" : "month";
}

/** The last day of each step from `from` to `to`; the last point is `to` itself (a month in progress ends today). */
export function stepEnds(from: string, to: string, step: Step): string[] {
  const ends: string[] = [];
  const next = step === "day" ? (d: string) => d : step === "week" ? weekEnd : monthEnd;
  for (let end = next(from); end < to; end = next(addDays(end, 1))) ends.push(end);
  ends.push(to);
  return ends;
}
