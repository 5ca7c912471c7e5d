import { describe, expect, test } from "bun:test";
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleSettings } from "../../appliance/src/auth/login-throttle";
import { FakeClock, HOUR, MINUTE, SECOND } from "../helpers/fake-clock";

const FREE = DEFAULT_THROTTLE.freeFailures;

function make(settings: Partial<ThrottleSettings> = {}) {
  const clock = new FakeClock();
  return { clock, throttle: new LoginThrottle(clock, { ...DEFAULT_THROTTLE, ...settings }) };
}

/** Waits (on the fake clock) until the client may try again, then fails once more; returns the new wait. */
function waitThenFail(clock: FakeClock, throttle: LoginThrottle, client: string): number {
  clock.advance(throttle.retryAfterSeconds(client) * SECOND);
  expect(throttle.retryAfterSeconds(client)).toBe(0);
  throttle.recordFailure(client);
  return throttle.retryAfterSeconds(client);
}

describe("per-client lockout", () => {
  test("a client's first few failures do not lock it out", () => {
    const { throttle } = make();
    for (let i = 0; i < FREE; i++) {
      throttle.recordFailure("10.0.0.5");
      expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(0);
    }
  });

  test("each failure past the free ones doubles the lock: 1 s, 2 s, 4 s, 8 s, 16 s", () => {
    const { clock, throttle } = make();
    for (let i = 0; i < FREE; i++) throttle.recordFailure("10.0.0.5");
    const waits = Array.from({ length: 5 }, () => waitThenFail(clock, throttle, "10.0.0.5"));
    expect(waits).toEqual([1, 2, 4, 8, 16]);
  });

  test("the wait counts down as time passes and ends exactly when the lock ends", () => {
    const { clock, throttle } = make();
    for (let i = 0; i < FREE + 4; i++) throttle.recordFailure("10.0.0.5"); // locked for 8 s
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(8);
    clock.advance(5_500);
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(3); // 2.5 s left, rounded up
    clock.advance(2_499);
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(1);
    clock.advance(1);
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(0);
  });

  test("the lock never grows past the maximum (15 minutes)", () => {
    const { clock, throttle } = make();
    const maxSeconds = DEFAULT_THROTTLE.maxLockMs / SECOND;
    for (let i = 0; i < FREE; i++) throttle.recordFailure("10.0.0.5");
    const waits = Array.from({ length: 20 }, () => waitThenFail(clock, throttle, "10.0.0.5"));
    expect(Math.max(...waits)).toBe(maxSeconds);
    expect(waits.slice(-5)).toEqual(Array(5).fill(maxSeconds));
  });

  test("a successful sign-in clears the record: the free failures are free again", () => {
    const { clock, throttle } = make();
    for (let i = 0; i < FREE + 2; i++) throttle.recordFailure("10.0.0.5");
    clock.advance(throttle.retryAfterSeconds("10.0.0.5") * SECOND);
    throttle.recordSuccess("10.0.0.5");
    for (let i = 0; i < FREE; i++) throttle.recordFailure("10.0.0.5");
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(0);
    throttle.recordFailure("10.0.0.5");
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(1);
  });

  test("failures are forgotten after an hour without any", () => {
    const { clock, throttle } = make();
    for (let i = 0; i < FREE + 3; i++) throttle.recordFailure("10.0.0.5");
    clock.advance(DEFAULT_THROTTLE.forgetAfterMs + MINUTE);
    throttle.recordFailure("10.0.0.5");
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBe(0);
  });

  test("another client is not locked out by one client's lockout", () => {
    const { throttle } = make();
    for (let i = 0; i < FREE + 10; i++) throttle.recordFailure("10.0.0.5");
    expect(throttle.retryAfterSeconds("10.0.0.5")).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds("10.0.0.6")).toBe(0);
  });
});

describe("global lock against guessing spread over many addresses", () => {
  const LIMIT = DEFAULT_THROTTLE.globalFailureLimit;
  const GLOBAL_MAX_S = DEFAULT_THROTTLE.globalMaxLockMs / SECOND;

  /** One failure from each of `count` fresh addresses (none of them locked on its own). */
  function spray(throttle: LoginThrottle, count: number, wave: number) {
    for (let i = 0; i < count; i++) throttle.recordFailure(`10.${wave % 250}.${Math.floor(i / 250)}.${i % 250}`);
  }

  test("stays open below the limit of failures per minute", () => {
    const { throttle } = make();
    spray(throttle, LIMIT - 1, 0);
    expect(throttle.retryAfterSeconds("192.168.1.20")).toBe(0);
  });

  test("failures spread over more than a minute do not add up", () => {
    const { clock, throttle } = make();
    spray(throttle, LIMIT - 1, 0);
    clock.advance(DEFAULT_THROTTLE.globalWindowMs + SECOND);
    spray(throttle, LIMIT - 1, 1);
    expect(throttle.retryAfterSeconds("192.168.1.20")).toBe(0);
  });

  test("engages after many failures from many addresses, even for a clean client, then lifts", () => {
    const { clock, throttle } = make();
    spray(throttle, LIMIT, 0);
    const wait = throttle.retryAfterSeconds("192.168.1.20");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(GLOBAL_MAX_S);
    clock.advance(wait * SECOND);
    expect(throttle.retryAfterSeconds("192.168.1.20")).toBe(0);
  });

  test("repeated waves lengthen the global lock, but a clean client never waits longer than the cap", () => {
    const { clock, throttle } = make();
    const waits: number[] = [];
    for (let wave = 0; wave < 12; wave++) {
      spray(throttle, LIMIT, wave);
      const wait = throttle.retryAfterSeconds("192.168.1.20");
      waits.push(wait);
      clock.advance(wait * SECOND);
    }
    expect(waits.every((wait) => wait > 0 && wait <= GLOBAL_MAX_S)).toBe(true);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);
    expect(Math.max(...waits)).toBe(GLOBAL_MAX_S);
  });

  test("after a quiet spell the global lock starts small again", () => {
    const { clock, throttle } = make();
    const first = (() => {
      spray(throttle, LIMIT, 0);
      return throttle.retryAfterSeconds("192.168.1.20");
    })();
    for (let wave = 1; wave < 6; wave++) {
      clock.advance(throttle.retryAfterSeconds("192.168.1.20") * SECOND);
      spray(throttle, LIMIT, wave);
    }
    clock.advance(HOUR);
    spray(throttle, LIMIT, 7);
    expect(throttle.retryAfterSeconds("192.168.1.20")).toBe(first);
  });
});

describe("memory stays bounded", () => {
  test("past the tracked-client limit, the client that failed longest ago is forgotten first", () => {
    const { throttle } = make({ maxTrackedClients: 50, globalFailureLimit: Number.POSITIVE_INFINITY });
    for (let i = 0; i < FREE + 5; i++) throttle.recordFailure("10.0.0.1"); // oldest, locked
    for (let i = 0; i < FREE + 5; i++) throttle.recordFailure("10.0.0.2"); // locked, failed later
    for (let i = 0; i < 49; i++) throttle.recordFailure(`172.16.0.${i}`);
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(0);
    expect(throttle.retryAfterSeconds("10.0.0.2")).toBeGreaterThan(0);
  });

  test("a flood from more addresses than the limit keeps at most maxTrackedClients records", () => {
    // The global lock is switched off here so that only the per-client map is exercised.
    const { throttle } = make({ globalFailureLimit: Number.POSITIVE_INFINITY, globalWindowMs: 0 });
    const flood = DEFAULT_THROTTLE.maxTrackedClients + 2_000;
    for (let i = 0; i < flood; i++) throttle.recordFailure(`addr-${i}`);
    const tracked = (throttle as unknown as { clients: Map<string, unknown> }).clients;
    expect(tracked.size).toBe(DEFAULT_THROTTLE.maxTrackedClients);
    expect(tracked.has(`addr-${flood - 1}`)).toBe(true);
    expect(tracked.has("addr-0")).toBe(false);
  });
});
