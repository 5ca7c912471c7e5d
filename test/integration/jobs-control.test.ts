// The queue's controls: thermal pause, retry of failures, restart recovery
// and the live summary feed, on a real libsql file.
import { afterEach, describe, expect, test } from "bun:test";
import { createJobs, PermanentJobError, type JobsSummary } from "../../appliance/src/jobs";
import { silentLogger } from "../../appliance/src/shared/logger";
import { systemClock } from "../../appliance/src/shared/ports";
import { DAY, FakeClock, HOUR, MINUTE } from "../helpers/fake-clock";
import { gate, openTestQueue, rowsOf, until, type TestQueue } from "./jobs-helpers";

let queue: TestQueue;
afterEach(async () => queue?.dispose());

const kindOf = (summary: JobsSummary, kind: string) => summary.kinds.find((k) => k.kind === kind)!;

describe("thermal pause", () => {
  test("heavy jobs wait while the SoC is at 80 °C or more, light ones do not; work resumes only 5 °C cooler", async () => {
    let celsius = 84;
    let reads = 0;
    queue = await openTestQueue({ temperature: async () => (reads++, celsius), thermalCheckMs: 5 });
    const ran: string[] = [];
    queue.jobs.register("test.thumb", async (payload: string) => void ran.push(payload), { heavy: true });
    queue.jobs.register("test.index", async (payload: string) => void ran.push(payload));
    await queue.jobs.enqueue({ kind: "test.thumb", subject: "a", payload: "thumb" });
    await queue.jobs.enqueue({ kind: "test.index", subject: "a", payload: "index" });
    await queue.jobs.start();
    await until(() => ran.includes("index"));
    const hot = await queue.jobs.summary();
    expect(hot).toMatchObject({ thermalPaused: true, temperatureC: 84, maxTemperatureC: 80 });
    expect(kindOf(hot, "test.thumb").queued).toBe(1);

    // Cooler, but not 5 °C below the threshold: still paused.
    celsius = 77;
    const seen = reads;
    await until(() => reads >= seen + 3);
    expect(ran).toEqual(["index"]);
    expect((await queue.jobs.summary()).thermalPaused).toBe(true);

    celsius = 74;
    await until(() => ran.includes("thumb"));
    await queue.jobs.idle();
    expect((await queue.jobs.summary()).thermalPaused).toBe(false);
  });

  test("a sensor that fails to read does not stop the work", async () => {
    queue = await openTestQueue({ temperature: async () => Promise.reject(new Error("no sensor")), thermalCheckMs: 5 });
    let ran = false;
    queue.jobs.register("test.thumb", async () => void (ran = true), { heavy: true });
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.thumb", subject: "a" });
    await queue.jobs.idle();
    expect(ran).toBe(true);
  });
});

describe("retrying failures", () => {
  async function failOnce(kind: string, subject: string) {
    let calls = 0;
    queue.jobs.register(kind, async () => {
      calls += 1;
      if (calls === 1) throw new PermanentJobError("unreadable");
    });
    await queue.jobs.enqueue({ kind, subject });
    return () => calls;
  }

  test("a failed job retried by hand runs again from a fresh start and is no longer listed", async () => {
    queue = await openTestQueue();
    const calls = await failOnce("test.thumb", "file:1");
    await queue.jobs.start();
    await queue.jobs.idle();
    const [failure] = await queue.jobs.failures();
    await queue.jobs.retry(failure!.id);
    await queue.jobs.idle();
    expect(calls()).toBe(2);
    expect(await queue.jobs.failures()).toEqual([]);
    expect(kindOf(await queue.jobs.summary(), "test.thumb")).toMatchObject({ failed: 0, doneLastHour: 1 });
  });

  test("retrying all failures of one kind leaves the other kinds' failures alone", async () => {
    queue = await openTestQueue();
    const thumbCalls = await failOnce("test.thumb", "file:1");
    await failOnce("test.text", "file:1");
    await queue.jobs.start();
    await queue.jobs.idle();
    expect(await queue.jobs.retryFailed("test.thumb")).toBe(1);
    await queue.jobs.idle();
    expect(thumbCalls()).toBe(2);
    expect((await queue.jobs.failures()).map((f) => f.kind)).toEqual(["test.text"]);
  });

  test("only a failed job can be retried: unknown → not found, done → conflict", async () => {
    queue = await openTestQueue();
    queue.jobs.register("test.ok", async () => {});
    await queue.jobs.start();
    await queue.jobs.enqueue({ kind: "test.ok", subject: "x" });
    await queue.jobs.idle();
    const [done] = await rowsOf(queue.database, "test.ok");
    await expect(queue.jobs.retry(Number(done!.id))).rejects.toMatchObject({ status: 409 });
    await expect(queue.jobs.retry(999_999)).rejects.toMatchObject({ status: 404 });
  });
});

describe("restart", () => {
  test("a job left running (the process died) is queued again at start and runs again", async () => {
    queue = await openTestQueue();
    const release = gate();
    queue.jobs.register("test.slow", async () => release.promise);
    await queue.jobs.enqueue({ kind: "test.slow", subject: "file:3", payload: { path: "/a.jpg" } });
    await queue.jobs.start();
    await until(async () => (await rowsOf(queue.database, "test.slow"))[0]?.state === "running");
    // A second queue on the same file stands for the next process after a power cut.
    const next = createJobs({ db: queue.database.db, clock: systemClock, logger: silentLogger, temperature: async () => null });
    const payloads: unknown[] = [];
    next.register("test.slow", async (payload, context) => void payloads.push({ payload, attempt: context.attempt }));
    await next.start();
    await next.idle();
    await next.stop();
    release.open();
    expect(payloads).toEqual([{ payload: { path: "/a.jpg" }, attempt: 2 }]);
  });

  test("a job that took the service down on every attempt is failed, not run forever", async () => {
    queue = await openTestQueue();
    await queue.jobs.enqueue({ kind: "test.bomb", subject: "file:4" });
    await queue.database.client.execute("update jobs set state = 'running', attempts = 2");
    let calls = 0;
    queue.jobs.register("test.bomb", async () => void (calls += 1), { maxAttempts: 2 });
    await queue.jobs.start();
    await queue.jobs.idle();
    expect(calls).toBe(0);
    expect((await queue.jobs.failures())[0]?.reason).toBe("The service stopped 2 times while this job ran");
  });

  test("stopping the service puts running jobs back without counting the attempt", async () => {
    queue = await openTestQueue();
    queue.jobs.register("test.slow", (_payload, context) => new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve())));
    await queue.jobs.enqueue({ kind: "test.slow", subject: "x" });
    await queue.jobs.start();
    await until(async () => (await rowsOf(queue.database, "test.slow"))[0]?.state === "running");
    await queue.jobs.stop();
    expect(await rowsOf(queue.database, "test.slow")).toMatchObject([{ state: "queued", attempts: 0 }]);
  });
});

describe("summary", () => {
  test("the rate is jobs per minute since the work began, within the last 5 minutes", async () => {
    const clock = new FakeClock();
    queue = await openTestQueue({ clock });
    queue.jobs.register("test.thumb", async () => {});
    await queue.jobs.enqueueMany(Array.from({ length: 3 }, (_, i) => ({ kind: "test.thumb", subject: String(i) })));
    await queue.jobs.start();
    await queue.jobs.idle();
    // Three just now: averaged over the shortest span (30 s), not over 5 minutes.
    expect(kindOf(await queue.jobs.summary(), "test.thumb")).toMatchObject({ doneLastHour: 3, ratePerMinute: 6 });
    clock.advance(2 * MINUTE);
    expect(kindOf(await queue.jobs.summary(), "test.thumb").ratePerMinute).toBe(1.5);
    clock.advance(4 * MINUTE);
    expect(kindOf(await queue.jobs.summary(), "test.thumb")).toMatchObject({ doneLastHour: 3, ratePerMinute: 0 });
    clock.advance(HOUR);
    expect(kindOf(await queue.jobs.summary(), "test.thumb")).toMatchObject({ doneLastHour: 0, queued: 0 });
  });
});

describe("housekeeping", () => {
  test("done jobs are forgotten after an hour, failures after 30 days (at start, then every 10 minutes)", async () => {
    const clock = new FakeClock();
    queue = await openTestQueue({ clock });
    queue.jobs.register("test.ok", async () => {});
    queue.jobs.register("test.bad", async () => Promise.reject(new PermanentJobError("unreadable")));
    await queue.jobs.enqueueMany([{ kind: "test.ok", subject: "a" }, { kind: "test.bad", subject: "b" }]);
    await queue.jobs.start();
    await queue.jobs.idle();
    const restart = async () => {
      const next = createJobs({ db: queue.database.db, clock, logger: silentLogger, temperature: async () => null });
      await next.start();
      await next.stop();
      const { rows } = await queue.database.client.execute("select kind, state from jobs order by id");
      return rows.map((row) => `${row.kind} ${row.state}`);
    };
    clock.advance(59 * MINUTE);
    expect(await restart()).toEqual(["test.ok done", "test.bad failed"]);
    clock.advance(2 * MINUTE);
    expect(await restart()).toEqual(["test.bad failed"]);
    clock.advance(30 * DAY);
    expect(await restart()).toEqual([]);
  });
});

describe("live summary", () => {
  /** Reads server-sent events from a feed stream, as text. */
  function reader(stream: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    const chunks = stream.getReader();
    let text = "";
    return {
      async next(predicate: (text: string) => boolean): Promise<string> {
        while (!predicate(text)) {
          const { value, done } = await chunks.read();
          if (done) throw new Error("stream ended");
          text += decoder.decode(value);
        }
        return text;
      },
      cancel: () => chunks.cancel(),
    };
  }

  const summaries = (text: string): JobsSummary[] =>
    [...text.matchAll(/^event: summary\ndata: (.*)$/gm)].map((match) => JSON.parse(match[1]!));

  test("the feed sends the summary at once, then each change, and a heartbeat comment", async () => {
    queue = await openTestQueue({ events: { intervalMs: 20, heartbeatMs: 30 } });
    const release = gate();
    queue.jobs.register("test.thumb", async () => release.promise);
    await queue.jobs.start();
    const controller = new AbortController();
    const events = reader(queue.jobs.feed.open(controller.signal));
    expect(summaries(await events.next((text) => summaries(text).length >= 1))[0]!.kinds).toMatchObject([{ kind: "test.thumb", queued: 0, running: 0 }]);
    await queue.jobs.enqueueMany(Array.from({ length: 3 }, (_, i) => ({ kind: "test.thumb", subject: String(i) })));
    let text = await events.next((all) => summaries(all).some((s) => kindOf(s, "test.thumb").running === 1));
    release.open();
    text = await events.next((all) => summaries(all).some((s) => kindOf(s, "test.thumb").doneLastHour === 3));
    // A quiet feed still speaks (a comment line the browser ignores), so no proxy or Bun closes it as idle.
    text = await events.next((all) => all.includes(": heartbeat\n\n"));
    // Only changes are sent: no two summaries in a row are the same.
    const sent = summaries(text).map((summary) => JSON.stringify(summary));
    expect(sent.every((json, i) => i === 0 || json !== sent[i - 1])).toBe(true);
    controller.abort();
    await events.cancel();
  });
});
