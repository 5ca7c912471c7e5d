// A thousand wrong passphrases from one client: the throttle engages, says how
// long to wait, and the box keeps serving everyone else meanwhile.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { DEFAULT_THROTTLE } from "../../appliance/src/auth";
import { errorOf, runPool } from "../helpers/http";
import { jsonRequest, login, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const ATTEMPTS = 1_000;
const IN_FLIGHT = 20;

interface Outcome {
  status: number;
  retryAfterHeader: string | null;
  error: { code: string; message: string; retryAfter?: unknown } | null;
}

describe("a flood of failed sign-ins from one client", () => {
  let box: TestAppliance;
  let cookie: string;
  let outcomes: Outcome[] = [];
  let healthDuringFlood: number[] = [];

  beforeAll(async () => {
    box = await startTestAppliance();
    cookie = await setupOwner(box.base);
    let flooding = true;
    const watcher = (async () => {
      const statuses: number[] = [];
      while (flooding) {
        statuses.push((await fetch(`${box.base}/api/system/health`)).status);
        await Bun.sleep(25);
      }
      return statuses;
    })();
    outcomes = await runPool(ATTEMPTS, IN_FLIGHT, async (i) => {
      const response = await login(box.base, { name: OWNER.name, passphrase: `guess number ${i}` });
      const error = response.status === 200 ? null : await errorOf(response);
      return { status: response.status, retryAfterHeader: response.headers.get("retry-after"), error };
    });
    flooding = false;
    healthDuringFlood = await watcher;
  }, 120_000);
  afterAll(() => box.dispose());

  test("no guess gets in, and every refusal is a 401 or a 429", () => {
    expect(outcomes).toHaveLength(ATTEMPTS);
    expect(outcomes.filter((o) => o.status === 200)).toHaveLength(0);
    expect(outcomes.every((o) => o.status === 401 || o.status === 429)).toBe(true);
  });

  test("the throttle engages: most attempts are refused with 429 too_many_attempts without being checked", () => {
    const limited = outcomes.filter((o) => o.status === 429);
    const checked = outcomes.filter((o) => o.status === 401);
    expect(limited.length).toBeGreaterThan(ATTEMPTS * 0.9);
    expect(checked.length).toBeLessThan(ATTEMPTS * 0.1);
    expect(limited.every((o) => o.error?.code === "too_many_attempts")).toBe(true);
  });

  test("a 429 says when to try again, the same in the Retry-After header, the body and the message", () => {
    for (const o of outcomes.filter((x) => x.status === 429)) {
      const seconds = Number(o.retryAfterHeader);
      expect(Number.isInteger(seconds) && seconds > 0).toBe(true);
      expect(o.error?.retryAfter).toBe(seconds);
      expect(o.error?.message).toBe(`Too many attempts, try again in ${seconds} s.`);
    }
  });

  test("the box answered its health check throughout the flood and after it", async () => {
    expect(healthDuringFlood.length).toBeGreaterThan(0);
    expect(healthDuringFlood.every((status) => status === 200)).toBe(true);
    expect((await fetch(`${box.base}/api/system/health`)).status).toBe(200);
  });

  test("a session opened before the flood still works", async () => {
    expect((await fetch(`${box.base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
  });

  test("the locked-out client is refused even with the right passphrase until the wait is over", async () => {
    // Time has passed since the flood: make sure a lock of at least 2 s is running (whatever the machine's speed),
    // by failing again whenever the client may try, then try the right passphrase at once.
    let retryAfter = 0;
    for (let attempt = 0; attempt < 20 && retryAfter < 2; attempt++) {
      const wrong = await login(box.base, { name: OWNER.name, passphrase: "still the wrong one" });
      retryAfter = wrong.status === 429 ? Number(wrong.headers.get("retry-after")) : 0;
      if (wrong.status === 429 && retryAfter < 2) await Bun.sleep(retryAfter * 1000 + 50);
    }
    expect(retryAfter).toBeGreaterThanOrEqual(2);
    const response = await login(box.base);
    expect(response.status).toBe(429);
    expect(response.headers.get("set-cookie")).toBeNull();
  }, 60_000);
});

describe("simultaneous guesses from one client", () => {
  // A box each, so that one test's failures (and the global lock they may cause) cannot help the other.
  let box: TestAppliance;
  let cookie: string;
  beforeEach(async () => {
    box = await startTestAppliance();
    cookie = await setupOwner(box.base);
  });
  afterEach(() => box.dispose());

  test("cannot bypass the throttle by all arriving before the first one is checked", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(box.base, { name: OWNER.name, passphrase: `guess ${i}` }).then((r) => r.status)),
    );
    const checked = statuses.filter((status) => status === 401).length;
    // The free failures, plus a little slack for attempts already being hashed when the lock falls.
    expect(checked).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures + 2);
    expect(statuses.filter((status) => status === 429).length).toBe(100 - checked);
  }, 60_000);

  test("nor can simultaneous guesses of the current passphrase from a signed-in session", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${box.base}/api/auth/passphrase`, jsonRequest("POST", { current: `guess ${i}`, next: "a brand new passphrase" }, { cookie })).then(
          (r) => r.status,
        ),
      ),
    );
    const checked = statuses.filter((status) => status === 403).length;
    expect(checked).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures + 2);
    expect(statuses.filter((status) => status === 429).length).toBe(50 - checked);
  }, 60_000);
});

/** Fails sign-in `count` times, one at a time, each claiming to come from `forwardedFor(i)`; returns the statuses. */
async function failSequentially(base: string, count: number, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await login(base, { name: OWNER.name, passphrase: `guess ${i}` }, { "x-forwarded-for": forwardedFor(i) });
    statuses.push(response.status);
  }
  return statuses;
}

describe("X-Forwarded-For and the throttle", () => {
  test("without a trusted proxy, inventing a new X-Forwarded-For each time does not dodge the lock", async () => {
    const box = await startTestAppliance();
    try {
      await setupOwner(box.base);
      const statuses = await failSequentially(box.base, DEFAULT_THROTTLE.freeFailures + 3, (i) => `203.0.113.${i + 1}`);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await box.dispose();
    }
  }, 30_000);

  test("behind a trusted proxy, one person's lockout does not lock out the rest of the household", async () => {
    const box = await startTestAppliance({ env: { COZY_TRUST_PROXY: "true" } });
    try {
      await setupOwner(box.base);
      const statuses = await failSequentially(box.base, DEFAULT_THROTTLE.freeFailures + 3, () => "203.0.113.7");
      expect(statuses.at(-1)).toBe(429);
      const household = await login(box.base, OWNER, { "x-forwarded-for": "192.168.1.20" });
      expect(household.status).toBe(200);
    } finally {
      await box.dispose();
    }
  }, 30_000);
});
