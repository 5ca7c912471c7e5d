// Reads the machine through systeminformation, /proc, /sys and vcgencmd.
// Every source may be missing (a VM has no thermal zone, only a Raspberry Pi
// has a device tree model and vcgencmd): a missing source answers null.
import { statfs } from "node:fs/promises";
import si from "systeminformation";
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

export function createSystemProbe(files: FileReader, runner: CommandRunner): SystemProbe {
  return {
    async loadPercent() {
      const load = await si.currentLoad();
      return Number.isFinite(load.currentLoad) ? Math.round(load.currentLoad * 10) / 10 : null;
    },
    async temperatureCelsius() {
      const milli = Number((await files.readText(THERMAL_ZONE))?.trim());
      if (Number.isFinite(milli) && milli !== 0) return Math.round(milli / 100) / 10;
      const reading = await si.cpuTemperature();
      return typeof reading.main === "number" && reading.main > 0 ? reading.main : null;
    },
    async deviceModel() {
      const model = (await files.readText(DEVICE_TREE_MODEL))?.replaceAll("\0", "").trim();
      return model || null;
    },
    async cpu() {
      const cpu = await si.cpu();
      const model = [cpu.manufacturer, cpu.brand].filter((part) => part && part !== "unknown").join(" ");
      return { model: model || "Unknown CPU", cores: cpu.cores };
    },
    async memory() {
      const mem = await si.mem();
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
