// A clock the test moves by hand, to check expiry and throttle timing without
// sleeping. Everything else in the tests is real.
import type { Clock } from "../../appliance/src/shared/ports";

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export class FakeClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 15, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
