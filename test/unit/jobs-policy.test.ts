import { describe, expect, test } from "bun:test";
import { backoffDelay, poolSize, thermalPaused } from "../../appliance/src/jobs/jobs.policy";
import { lowPriorityCommand } from "../../appliance/src/jobs/low-priority";

const GIB = 1024 ** 3;
const SETTINGS = { baseMs: 10_000, maxMs: 3_600_000 };

describe("retry backoff", () => {
  test("the wait doubles with each failed attempt: 10 s, 20 s, 40 s, 80 s (before jitter)", () => {
    const ceilings = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 1, SETTINGS));
    expect(ceilings).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  test("jitter spreads the wait over its upper half, never below half of it", () => {
    expect(backoffDelay(3, 0, SETTINGS)).toBe(20_000);
    expect(backoffDelay(3, 0.5, SETTINGS)).toBe(30_000);
    expect(backoffDelay(3, 0.999, SETTINGS)).toBeLessThanOrEqual(40_000);
    const waits = new Set(Array.from({ length: 100 }, (_, i) => backoffDelay(3, i / 100, SETTINGS)));
    // A thousand jobs failing together do not all come back in the same second.
    expect(waits.size).toBe(100);
  });

  test("the wait never exceeds the cap, even after very many failures", () => {
    expect(backoffDelay(20, 1, SETTINGS)).toBe(3_600_000);
    expect(backoffDelay(10_000, 1, SETTINGS)).toBe(3_600_000);
    expect(backoffDelay(10_000, 0, SETTINGS)).toBe(1_800_000);
  });

  test("odd inputs still give a sane wait", () => {
    expect(backoffDelay(0, 1, SETTINGS)).toBe(10_000);
    expect(backoffDelay(1, -3, SETTINGS)).toBe(5_000);
    expect(backoffDelay(1, 7, SETTINGS)).toBe(10_000);
  });
});

describe("pool size", () => {
  test("one core stays free for the UI: a Pi 4 (4 cores) runs 3 jobs at once", () => {
    expect(poolSize({ cores: 4, availableMemoryBytes: 8 * GIB }).workers).toBe(3);
  });

  test("a single or dual core machine still runs one job", () => {
    expect(poolSize({ cores: 1, availableMemoryBytes: 8 * GIB }).workers).toBe(1);
    expect(poolSize({ cores: 2, availableMemoryBytes: 8 * GIB }).workers).toBe(1);
  });

  test("heavy jobs get about 1 GB of free memory each: a 2 GB Pi runs fewer than an 8 GB one", () => {
    expect(poolSize({ cores: 4, availableMemoryBytes: 1.4 * GIB }).heavyWorkers).toBe(1);
    expect(poolSize({ cores: 4, availableMemoryBytes: 2.5 * GIB }).heavyWorkers).toBe(2);
    expect(poolSize({ cores: 4, availableMemoryBytes: 7 * GIB }).heavyWorkers).toBe(3);
  });

  test("at least one heavy worker, even when memory is short", () => {
    expect(poolSize({ cores: 4, availableMemoryBytes: 200 * 1024 ** 2 }).heavyWorkers).toBe(1);
  });
});

describe("thermal pause", () => {
  test("pauses at the threshold and resumes only 5 °C cooler", () => {
    let paused = false;
    const steps = [70, 79.9, 80, 78, 75.1, 75, 79, 81].map((celsius) => (paused = thermalPaused(paused, celsius, 80)));
    expect(steps).toEqual([false, false, true, true, true, false, false, true]);
  });

  test("a machine without a sensor never pauses", () => {
    expect(thermalPaused(false, null, 80)).toBe(false);
    expect(thermalPaused(true, null, 80)).toBe(false);
    expect(thermalPaused(false, Number.NaN, 80)).toBe(false);
  });
});

describe("low priority command", () => {
  test("external tools run through nice and ionice where they exist, with the command unchanged at the end", () => {
    const argv = lowPriorityCommand(["ffprobe", "-v", "error", "a b.mp4"]);
    expect(argv.slice(-4)).toEqual(["ffprobe", "-v", "error", "a b.mp4"]);
    if (Bun.which("nice")) expect(argv.slice(0, 3)).toEqual([Bun.which("nice")!, "-n", "10"]);
  });

  test("the prefixed command really runs, at a lower CPU priority", () => {
    const result = Bun.spawnSync(lowPriorityCommand(["sh", "-c", "nice"]));
    expect(result.exitCode).toBe(0);
    if (!Bun.which("nice")) return;
    const ours = Number(Bun.spawnSync(["nice"]).stdout.toString().trim());
    expect(Number(result.stdout.toString().trim())).toBe(Math.min(19, ours + 10));
  });
});
