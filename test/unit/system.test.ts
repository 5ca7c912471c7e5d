import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSystemProbe, MetricsHistory, parseThrottled, SystemService } from "../../appliance/src/system";
import type { CommandRunner, FileReader } from "../../appliance/src/shared/ports";
import { FakeClock, MINUTE, SECOND } from "../helpers/fake-clock";
import { noPiFiles, noPrograms, PI4_MODEL, piFiles, vcgencmdRunner } from "../helpers/raspberry-pi";

describe("parseThrottled (vcgencmd get_throttled)", () => {
  test("0x0: a healthy Pi, nothing now and nothing since boot", () => {
    const flags = parseThrottled("throttled=0x0");
    expect(flags).not.toBeNull();
    expect(Object.values(flags ?? {}).some(Boolean)).toBe(false);
  });

  test("0x50005: under-voltage and throttling now, and both occurred since boot", () => {
    expect(parseThrottled("throttled=0x50005\n")).toEqual({
      underVoltage: true,
      frequencyCapped: false,
      throttled: true,
      softTemperatureLimit: false,
      underVoltageOccurred: true,
      frequencyCappedOccurred: false,
      throttledOccurred: true,
      softTemperatureLimitOccurred: false,
    });
  });

  test("0x80008: soft temperature limit now and since boot; 0x20000: frequency capped earlier only", () => {
    const hot = parseThrottled("throttled=0x80008");
    expect(hot?.softTemperatureLimit).toBe(true);
    expect(hot?.softTemperatureLimitOccurred).toBe(true);
    expect(hot?.underVoltage).toBe(false);
    const past = parseThrottled("throttled=0x20000");
    expect(past?.frequencyCapped).toBe(false);
    expect(past?.frequencyCappedOccurred).toBe(true);
  });

  test("upper-case hex digits are read too", () => {
    expect(parseThrottled("throttled=0xE0000")?.throttledOccurred).toBe(true);
  });

  for (const garbage of ["", "error: VCHI initialization failed", "throttled=", "throttled=0x", "throttled=zz", "0x50005"]) {
    test(`garbage ${JSON.stringify(garbage)} gives null`, () => {
      expect(parseThrottled(garbage)).toBeNull();
    });
  }
});

function makeService(files: FileReader, runner: CommandRunner, dataDir: string) {
  const clock = new FakeClock();
  const probe = createSystemProbe(files, runner);
  const history = new MetricsHistory(probe, clock);
  return new SystemService({ probe, history, clock, version: "9.9.9-test", dataDir, startedAt: clock.now() - 90 * SECOND });
}

describe("SystemService.info on a Raspberry Pi", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cozy-unit-system-"));

  test("names the device from the device tree, without its trailing NUL", async () => {
    const info = await makeService(piFiles(), vcgencmdRunner("0x0"), dataDir).info();
    expect(info.device).toEqual({ model: PI4_MODEL, source: "device-tree" });
  });

  test("reports throttling flags from vcgencmd", async () => {
    const runner = vcgencmdRunner("0x50005");
    const info = await makeService(piFiles(), runner, dataDir).info();
    expect(runner.calls).toContainEqual(["vcgencmd", "get_throttled"]);
    expect(info.throttling?.underVoltage).toBe(true);
    expect(info.throttling?.throttledOccurred).toBe(true);
    expect(info.throttling?.softTemperatureLimit).toBe(false);
  });

  test("reads the SoC temperature from the thermal zone, in degrees", async () => {
    const info = await makeService(piFiles(), vcgencmdRunner("0x0"), dataDir).info();
    expect(info.temperature.celsius).toBe(48.3);
  });

  test("a failing vcgencmd (non-zero exit) gives no throttling rather than wrong flags", async () => {
    const info = await makeService(piFiles(), vcgencmdRunner("0x50005", 255), dataDir).info();
    expect(info.throttling).toBeNull();
  });

  test("reports the version and the service uptime from the clock", async () => {
    const info = await makeService(piFiles(), vcgencmdRunner("0x0"), dataDir).info();
    expect(info.version).toBe("9.9.9-test");
    expect(info.uptime.serviceSeconds).toBe(90);
    expect(info.disk?.path).toBe(dataDir);
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
});

describe("SystemService.info elsewhere (no device tree, no vcgencmd)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cozy-unit-system-"));

  test("names the device after the CPU and reports no throttling", async () => {
    const info = await makeService(noPiFiles(), noPrograms, dataDir).info();
    expect(info.device.source).toBe("cpu");
    expect(info.device.model).toBe(info.cpu.model);
    expect(info.device.model.length).toBeGreaterThan(0);
    expect(info.throttling).toBeNull();
  });

  test("an empty device-tree model (only a NUL) also falls back to the CPU", async () => {
    const files: FileReader = { readText: async (path) => (path === "/proc/device-tree/model" ? "\0" : null) };
    const info = await makeService(files, noPrograms, dataDir).info();
    expect(info.device.source).toBe("cpu");
  });

  test("a data folder that does not exist gives no disk figures instead of an error", async () => {
    const info = await makeService(noPiFiles(), noPrograms, join(dataDir, "missing")).info();
    expect(info.disk).toBeNull();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
});

describe("MetricsHistory", () => {
  const probe = createSystemProbe(piFiles(), vcgencmdRunner("0x0"));

  test("a sample carries the clock's time, a load in [0,100] and the temperature", async () => {
    const clock = new FakeClock();
    const sample = await new MetricsHistory(probe, clock).sample();
    expect(sample.t).toBe(clock.now());
    expect(sample.loadPercent).toBeGreaterThanOrEqual(0);
    expect(sample.loadPercent).toBeLessThanOrEqual(100);
    expect(sample.temperatureCelsius).toBe(48.3);
  });

  test("keeps the newest window/interval samples, oldest first", async () => {
    const clock = new FakeClock();
    const history = new MetricsHistory(probe, clock, 5 * SECOND, MINUTE);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      clock.advance(5 * SECOND);
      times.push((await history.sample()).t);
    }
    expect(history.capacity).toBe(MINUTE / (5 * SECOND));
    expect(history.list().map((sample) => sample.t)).toEqual(times.slice(-history.capacity));
  });

  test("the ring stays bounded even when sampled faster than the interval", async () => {
    const clock = new FakeClock();
    const history = new MetricsHistory(probe, clock, 5 * SECOND, MINUTE);
    for (let i = 0; i < 40; i++) await history.sample(); // all within the window: only the ring can drop them
    expect(history.list()).toHaveLength(history.capacity);
  });

  test("samples older than the window are not listed, the latest stays known", async () => {
    const clock = new FakeClock();
    const history = new MetricsHistory(probe, clock, 5 * SECOND, MINUTE);
    await history.sample();
    const last = await history.sample();
    clock.advance(MINUTE + SECOND);
    expect(history.list()).toEqual([]);
    expect(history.latest()).toEqual(last);
  });
});
