// The job queue on a real libsql file: idempotent enqueueing, priorities,
// retries, permanent failures, timeouts, caps, thermal pause, recovery.
import { afterEach, describe, expect, test } from "bun:test";
import { PermanentJobError, type JobContext } from "../../appliance/src/jobs";
import { gate, openTestQueue, rowsOf, until, type TestQueue } from "./jobs-helpers";

let queue: TestQueue;
afterEach(async () => queue?.dispose());

describe("enqueueing", () => {
  test("a burst of 1,000 enqueues for the same subject yields one job, with the last payload and the highest priority", async () => {
    queue = await openTestQueue();
    const seen: unknown[] = [];
    queue.jobs.register("test.thumb", async (payload) => void seen.push(payload));
    await Promise.all(Array.from({ length: 1000 }, (_, i) => queue.jobs.enqueue({ kind: "test.thumb", subject: "file:7", payload: { n: i }, priority: i === 500 ? 10 : 0 })));
    const rows = await rowsOf(queue.database, "test.thumb");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.priority).toBe(10);
    await queue.jobs.start();
    await queue.jobs.idle();
    expect(seen).toEqual([{ n: 999 }]);
  });

  test("enqueueMany checks every request before writing any of them", async () => {
    queue = await openTestQueue();
    await queue.jobs.enqueueMany(Array.from({ length: 50 }, (_, i) => ({ kind: "test.index", subject: `file:${i}` })));
    expect(await rowsOf(queue.database, "test.index")).toHaveLength(50);
    const tooBig = { kind: "test.index", subject: "file:big", payload: "x".repeat(70 * 1024) };
    await expect(queue.jobs.enqueueMany([{ kind: "test.index", subject: "file:new" }, tooBig])).rejects.toThrow(/payload/);
    expect(await rowsOf(queue.database, "test.index")).toHaveLength(50);
  });

  test("a change while the job runs queues one more run after it (the change is not lost)", async () => {
    queue = await openTestQueue();
    const release = gate();
    const runs: number[] = [];
    queue.jobs.register("test.thumb", async (payload: { version: number }) => {
      runs.push(payload.version);
      if (runs.length === 1) await release.promise;
    });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.thumb", subject: "file:1", payload: { version: 1 } });
    await until(() => runs.length === 1);
    for (let version = 2; version <= 5; version++) await queue.jobs.enqueue({ kind: "test.thumb", subject: "file:1", payload: { version } });
    release.open();
    await queue.jobs.idle();
    expect(runs).toEqual([1, 5]);
  });

  test("bad requests are refused (kind syntax, subject length) or made sane (priority, delay)", async () => {
    queue = await openTestQueue();
    await expect(queue.jobs.enqueue({ kind: "Bad Kind!", subject: "x" })).rejects.toThrow(/kind/);
    await expect(queue.jobs.enqueue({ kind: "test.ok", subject: "" })).rejects.toThrow(/subject/);
    await expect(queue.jobs.enqueue({ kind: "test.ok", subject: "x".repeat(1025) })).rejects.toThrow(/subject/);
    await queue.jobs.enqueue({ kind: "test.ok", subject: "odd", priority: Number.NaN, delayMs: Number.POSITIVE_INFINITY, payload: () => 1 });
    expect(await rowsOf(queue.database, "test.ok")).toMatchObject([{ priority: 0, payload: "null" }]);
    expect(Number((await rowsOf(queue.database, "test.ok"))[0]!.run_after)).toBeLessThanOrEqual(Date.now());
    expect(() => queue.jobs.register("test.twice", async () => {})).not.toThrow();
    expect(() => queue.jobs.register("test.twice", async () => {})).toThrow(/already/);
  });
});

describe("running", () => {
  test("higher priority runs first, then oldest first", async () => {
    queue = await openTestQueue({ device: { cores: 2, availableMemoryBytes: 8 * 1024 ** 3 } });
    const order: string[] = [];
    queue.jobs.register("test.order", async (payload: string) => void order.push(payload));
    for (const [subject, priority] of [["a", 0], ["b", 5], ["c", 10], ["d", 0], ["e", 5]] as const) {
      await queue.jobs.enqueue({ kind: "test.order", subject, payload: subject, priority });
    }
    await queue.jobs.start();
    await queue.jobs.idle();
    expect(order).toEqual(["c", "b", "e", "a", "d"]);
  });

  test("among equal priorities, kinds take turns: a long backlog of one kind does not starve another", async () => {
    queue = await openTestQueue({ device: { cores: 2, availableMemoryBytes: 8 * 1024 ** 3 } });
    const order: string[] = [];
    queue.jobs.register("test.thumbs", async (payload: string) => void order.push(payload));
    queue.jobs.register("test.sync", async (payload: string) => void order.push(payload));
    await queue.jobs.enqueueMany(["t1", "t2", "t3", "t4", "t5"].map((name) => ({ kind: "test.thumbs", subject: name, payload: name })));
    await queue.jobs.enqueueMany(["s1", "s2"].map((name) => ({ kind: "test.sync", subject: name, payload: name })));
    await queue.jobs.start();
    await queue.jobs.idle();
    expect(order).toEqual(["t1", "s1", "t2", "s2", "t3", "t4", "t5"]);
  });

  test("a delayed job waits for its time", async () => {
    queue = await openTestQueue();
    const ran: string[] = [];
    queue.jobs.register("test.later", async (payload: string) => void ran.push(payload));
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.later", subject: "later", payload: "later", delayMs: 60_000 });
    await queue.jobs.enqueue({ kind: "test.later", subject: "now", payload: "now" });
    await queue.jobs.idle();
    expect(ran).toEqual(["now"]);
    expect((await queue.jobs.summary()).kinds.find((k) => k.kind === "test.later")?.queued).toBe(1);
  });

  test("a failing job is retried with backoff and succeeds; it is not listed as failed", async () => {
    queue = await openTestQueue();
    const attempts: number[] = [];
    queue.jobs.register("test.flaky", async (_payload, context: JobContext) => {
      attempts.push(context.attempt);
      if (context.attempt < 3) throw new Error("disk busy");
    });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.flaky", subject: "s" });
    await queue.jobs.idle();
    // idle() returns while a retry waits out its backoff; the retry still comes.
    await until(async () => (await rowsOf(queue.database, "test.flaky"))[0]?.state === "done");
    expect(attempts).toEqual([1, 2, 3]);
    const kind = (await queue.jobs.summary()).kinds.find((k) => k.kind === "test.flaky")!;
    expect(kind).toMatchObject({ doneLastHour: 1, failed: 0, queued: 0, running: 0 });
    expect(await queue.jobs.failures()).toEqual([]);
  });

  test("a permanent failure (a corrupt file) fails once with its reason and is never retried", async () => {
    queue = await openTestQueue();
    let calls = 0;
    queue.jobs.register("test.corrupt", async () => {
      calls += 1;
      throw new PermanentJobError("Not a JPEG: the file ends after 512 bytes");
    });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.corrupt", subject: "file:9" });
    await queue.jobs.idle();
    expect(calls).toBe(1);
    const [failure] = await queue.jobs.failures("test.corrupt");
    expect(failure).toMatchObject({ kind: "test.corrupt", subject: "file:9", reason: "Not a JPEG: the file ends after 512 bytes", attempts: 1 });
    expect((await rowsOf(queue.database, "test.corrupt"))[0]!.state).toBe("failed");
  });

  test("a job that keeps failing stops after maxAttempts, failed with the last reason", async () => {
    queue = await openTestQueue();
    let calls = 0;
    queue.jobs.register("test.broken", async () => {
      calls += 1;
      throw new Error(`attempt ${calls} failed`);
    }, { maxAttempts: 3 });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.broken", subject: "x" });
    await until(async () => (await rowsOf(queue.database, "test.broken"))[0]?.state === "failed");
    await queue.jobs.idle();
    expect(calls).toBe(3);
    expect((await queue.jobs.failures())[0]).toMatchObject({ reason: "attempt 3 failed", attempts: 3 });
  });

  test("a job past its timeout is aborted through its signal and counted as a failed attempt", async () => {
    queue = await openTestQueue();
    const signals: AbortSignal[] = [];
    queue.jobs.register("test.hang", async (_payload, context: JobContext) => {
      signals.push(context.signal);
      await new Promise((resolve) => context.signal.addEventListener("abort", resolve));
    }, { timeoutMs: 50, maxAttempts: 2 });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.hang", subject: "pdf:1" });
    await until(async () => (await rowsOf(queue.database, "test.hang"))[0]?.state === "failed");
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect((await queue.jobs.failures())[0]?.reason).toBe("Timed out after 50 ms");
  });
});

describe("caps", () => {
  /** Runs `count` jobs of a kind whose handlers wait until released, and answers the most seen at once. */
  async function peakConcurrency(kind: string, count: number, options: { concurrency?: number; heavy?: boolean }) {
    let now = 0;
    let peak = 0;
    const release = gate();
    queue.jobs.register(kind, async () => {
      now += 1;
      peak = Math.max(peak, now);
      await release.promise;
      now -= 1;
    }, options);
    await queue.jobs.enqueueMany(Array.from({ length: count }, (_, i) => ({ kind, subject: String(i) })));
    await queue.jobs.start();
    // Every slot the caps allow is taken before anything finishes.
    await until(async () => (await queue.jobs.summary()).kinds.find((k) => k.kind === kind)!.running === peak && peak > 0);
    await Bun.sleep(50);
    release.open();
    await queue.jobs.idle();
    return peak;
  }

  test("a kind never runs more jobs at once than its concurrency", async () => {
    queue = await openTestQueue({ device: { cores: 8, availableMemoryBytes: 16 * 1024 ** 3 } });
    expect(await peakConcurrency("test.capped", 10, { concurrency: 2 })).toBe(2);
  });

  test("all kinds together never exceed the workers (cores - 1)", async () => {
    queue = await openTestQueue({ device: { cores: 4, availableMemoryBytes: 16 * 1024 ** 3 } });
    expect(await peakConcurrency("test.wide", 10, { concurrency: 10 })).toBe(3);
  });

  test("heavy jobs are capped by free memory: about one per GB", async () => {
    queue = await openTestQueue({ device: { cores: 8, availableMemoryBytes: 2.2 * 1024 ** 3 } });
    expect(await peakConcurrency("test.heavy", 10, { concurrency: 10, heavy: true })).toBe(2);
  });
});
