// The system screen's data, from the real machine the tests run on (and a
// simulated Raspberry Pi for what only a Pi has).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { statfs } from "node:fs/promises";
import { totalmem } from "node:os";
import pkg from "../../package.json" with { type: "json" };
import { PI4_MODEL, piFiles, vcgencmdRunner } from "../helpers/raspberry-pi";
import { setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const TEN_MINUTES = 10 * 60_000;

interface SystemInfo {
  version: string;
  device: { model: string; source: string };
  cpu: { model: string; cores: number; loadPercent: number | null; loadAverage: number[] };
  temperature: { celsius: number | null };
  throttling: Record<string, boolean> | null;
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  disk: { path: string; totalBytes: number; usedBytes: number; freeBytes: number } | null;
  network: { name: string; mac: string; addresses: { address: string; family: string }[] }[];
}

let box: TestAppliance;
let cookie: string;
beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
});
afterAll(() => box.dispose());

const signedIn = (path: string) => fetch(`${box.base}${path}`, { headers: { cookie } });

describe("GET /api/system/health", () => {
  test("answers anyone with the status and the version, and nothing more", async () => {
    const response = await fetch(`${box.base}/api/system/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", version: pkg.version });
  });
});

describe("GET /api/system/info", () => {
  let info: SystemInfo;
  beforeAll(async () => {
    const response = await signedIn("/api/system/info");
    expect(response.status).toBe(200);
    info = (await response.json()) as SystemInfo;
  });

  test("reports the version from package.json", () => {
    expect(info.version).toBe(pkg.version);
  });

  test("reports the machine's memory (within 1% of what the OS says)", () => {
    expect(info.memory.totalBytes).toBeGreaterThan(0);
    expect(Math.abs(info.memory.totalBytes - totalmem()) / totalmem()).toBeLessThan(0.01);
    expect(info.memory.usedBytes + info.memory.availableBytes).toBe(info.memory.totalBytes);
  });

  test("reports the disk that holds the data folder", async () => {
    expect(info.disk?.path).toBe(box.dataDir);
    expect(info.disk?.totalBytes).toBeGreaterThan(0);
    const stats = await statfs(box.dataDir);
    expect(info.disk?.totalBytes).toBe(stats.blocks * stats.bsize);
    expect(info.disk?.freeBytes).toBeLessThanOrEqual(info.disk?.totalBytes ?? 0);
  });

  test("reports at least one CPU core and a load in [0,100]", () => {
    expect(info.cpu.cores).toBeGreaterThanOrEqual(1);
    expect(info.cpu.model.length).toBeGreaterThan(0);
    if (info.cpu.loadPercent !== null) {
      expect(info.cpu.loadPercent).toBeGreaterThanOrEqual(0);
      expect(info.cpu.loadPercent).toBeLessThanOrEqual(100);
    }
    expect(info.cpu.loadAverage).toHaveLength(3);
  });

  test("lists network interfaces with their addresses, never the loopback", () => {
    expect(Array.isArray(info.network)).toBe(true);
    for (const nic of info.network) {
      expect(nic.name.length).toBeGreaterThan(0);
      for (const address of nic.addresses) {
        expect(["IPv4", "IPv6"]).toContain(address.family);
        expect(["127.0.0.1", "::1"]).not.toContain(address.address);
      }
    }
  });

  test("gives a temperature in degrees or null when the machine has no sensor", () => {
    const { celsius } = info.temperature;
    expect(celsius === null || (typeof celsius === "number" && celsius > -40 && celsius < 150)).toBe(true);
  });
});

describe("GET /api/system/metrics", () => {
  test("gives recent samples, each with a time in the last 10 minutes and a load in [0,100]", async () => {
    const response = await signedIn("/api/system/metrics");
    expect(response.status).toBe(200);
    const metrics = (await response.json()) as {
      intervalSeconds: number;
      windowSeconds: number;
      samples: { t: number; loadPercent: number | null; temperatureCelsius: number | null }[];
    };
    expect(metrics.windowSeconds * 1000).toBe(TEN_MINUTES);
    expect(metrics.intervalSeconds).toBeGreaterThan(0);
    expect(metrics.samples.length).toBeGreaterThanOrEqual(1);
    const now = Date.now();
    for (const sample of metrics.samples) {
      expect(sample.t).toBeLessThanOrEqual(now);
      expect(sample.t).toBeGreaterThan(now - TEN_MINUTES);
      expect(sample.loadPercent).toBeGreaterThanOrEqual(0);
      expect(sample.loadPercent).toBeLessThanOrEqual(100);
    }
  });
});

describe("on a Raspberry Pi", () => {
  let pi: TestAppliance;
  let piCookie: string;
  beforeAll(async () => {
    pi = await startTestAppliance({ files: piFiles(), runner: vcgencmdRunner("0x50005") });
    piCookie = await setupOwner(pi.base);
  });
  afterAll(() => pi.dispose());

  test("the device is named from the device tree, with throttling and SoC temperature", async () => {
    const info = (await (await fetch(`${pi.base}/api/system/info`, { headers: { cookie: piCookie } })).json()) as SystemInfo;
    expect(info.device).toEqual({ model: PI4_MODEL, source: "device-tree" });
    expect(info.throttling?.underVoltage).toBe(true);
    expect(info.throttling?.underVoltageOccurred).toBe(true);
    expect(info.throttling?.frequencyCapped).toBe(false);
    expect(info.temperature.celsius).toBe(48.3);
  });
});
