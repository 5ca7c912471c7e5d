// Reads the machine through systeminformation, /proc, /sys and vcgencmd.
// Every source may be missing (a VM has no thermal zone, only a Raspberry Pi
// has a device tree model and vcgencmd): a missing source answers null.
import { statfs } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import type { CommandRunner, FileReader } from "../shared/ports";
import type { MetricsSource } from "./metrics-history";
import { parseThrottled, type Throttling } from "./system.model";

export interface SystemProbe extends MetricsSource {
  deviceModel(): Promise<string | null>;
  cpu(): Promise<{ model: string; cores: number }>;
  memory(): Promise<{ totalBytes: number; usedBytes: number; availableBytes: number }>;
  disk(path: string): Promise<{ totalBytes: number; usedBytes: number; freeBytes: number } | null>;
  throttling(): Promise<Throttling | null>;
}

const THERMAL_ZONE = "/sys/class/thermal/thermal_zone0/temp";
const DEVICE_TREE_MODEL = "/proc/device-tree/model";

/**
 * CPU load since the previous call, from the kernel's per-core time counters.
 * systeminformation's currentLoad() computes the same but takes ~100 ms a
 * call here, too much for a sampler that runs every 5 s on a Pi.
 */
function cpuLoadMeter(): () => Promise<number | null> {
  const totals = () => cpus().reduce((sum, cpu) => {
    const t = cpu.times;
    return { busy: sum.busy + t.user + t.nice + t.sys + t.irq, all: sum.all + t.user + t.nice + t.sys + t.irq + t.idle };
  }, { busy: 0, all: 0 });
  let previous = totals();
  return async (): Promise<number | null> => {
    const current = totals();
    const all = current.all - previous.all;
    const busy = current.busy - previous.busy;
    previous = current;
    // Called again within one kernel tick: fall back to the 1-minute load average.
    const percent = all > 0 ? (busy / all) * 100 : Math.min(100, (loadavg()[0]! / cpus().length) * 100);
    return Math.round(percent * 10) / 10;
  };
}

/**
 * systeminformation is loaded on first use, after the service already
 * answers: it is a large module, and parsing it at start would delay the
 * moment the box is reachable (on a Pi, by a noticeable fraction of a second).
 */
const systemInformation = once(async () => (await import("systeminformation")).default);

/** Remembers the first answer: the CPU does not change while the service runs. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= read());
}

export function createSystemProbe(files: FileReader, runner: CommandRunner): SystemProbe {
  // systeminformation looks for a temperature by running external tools; where
  // it finds none (a VM), asking again every few seconds would only spawn processes.
  let siTemperatureAvailable = true;
  return {
    loadPercent: cpuLoadMeter(),
    async temperatureCelsius() {
      const milli = Number((await files.readText(THERMAL_ZONE))?.trim());
      if (Number.isFinite(milli) && milli !== 0) return Math.round(milli / 100) / 10;
      if (!siTemperatureAvailable) return null;
      const reading = await (await systemInformation()).cpuTemperature();
      const celsius = typeof reading.main === "number" && reading.main > 0 ? reading.main : null;
      siTemperatureAvailable = celsius !== null;
      return celsius;
    },
    deviceModel: once(async () => {
      const model = (await files.readText(DEVICE_TREE_MODEL))?.replaceAll("\0", "").trim();
      return model || null;
    }),
    cpu: once(async () => {
      const cpu = await (await systemInformation()).cpu();
      const model = [cpu.manufacturer, cpu.brand].filter((part) => part && part !== "unknown").join(" ");
      return { model: model || "Unknown CPU", cores: cpu.cores };
    }),
    async memory() {
      const mem = await (await systemInformation()).mem();
      return { totalBytes: mem.total, usedBytes: mem.total - mem.available, availableBytes: mem.available };
    },
    async disk(path) {
      try {
        const stats = await statfs(path);
        const totalBytes = stats.blocks * stats.bsize;
        const freeBytes = stats.bavail * stats.bsize;
        return { totalBytes, freeBytes, usedBytes: totalBytes - stats.bfree * stats.bsize };
      } catch {
        return null;
      }
    },
    async throttling() {
      const result = await runner.run("vcgencmd", ["get_throttled"], 2000).catch(() => null);
      return result && result.exitCode === 0 ? parseThrottled(result.stdout) : null;
    },
  };
}
