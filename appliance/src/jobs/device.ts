// What the queue reads from the machine at start: its cores, its free memory
// and, while working, the SoC temperature.
import { readFileSync } from "node:fs";
import { availableParallelism, freemem } from "node:os";
import type { DeviceProfile } from "./jobs.policy";
import type { TemperatureReader } from "./thermal";

const THERMAL_ZONE = "/sys/class/thermal/thermal_zone0/temp";

/** MemAvailable from /proc/meminfo (what can be used without swapping); os.freemem() elsewhere. */
function availableMemoryBytes(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync("/proc/meminfo", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return freemem();
}

export function readDeviceProfile(): DeviceProfile {
  return { cores: availableParallelism(), availableMemoryBytes: availableMemoryBytes() };
}

/** The SoC temperature from the kernel's first thermal zone, null where there is none (a VM). */
export const thermalZoneTemperature: TemperatureReader = async () => {
  const milli = Number((await Bun.file(THERMAL_ZONE).text().catch(() => "")).trim());
  return Number.isFinite(milli) && milli !== 0 ? milli / 1000 : null;
};
