// The arithmetic of the queue, kept pure so unit tests can check it: how long
// a failed job waits before its next attempt, and how many workers a device
// can afford.

export interface BackoffSettings {
  /** Wait after the first failure. */
  baseMs: number;
  /** No wait is ever longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 10_000, maxMs: 3_600_000 };

/**
 * Exponential backoff with "equal jitter": the wait doubles with each failed
 * attempt (up to maxMs), and its second half is random. The random half keeps
 * a thousand jobs that failed together (a disk unplugged) from all retrying in
 * the same second; the fixed half guarantees a real pause between attempts.
 * `random` is a number in [0, 1), Math.random() outside tests.
 */
export function backoffDelay(failedAttempts: number, random: number, settings: BackoffSettings = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** exponent);
  const clamped = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * clamped);
}

export interface DeviceProfile {
  /** Logical CPU cores. */
  cores: number;
  /** Memory the kernel can give without swapping (MemAvailable), in bytes, at start. */
  availableMemoryBytes: number;
}

export interface PoolSize {
  /** Jobs running at once, of all kinds. */
  workers: number;
  /** Of those, heavy ones (image and video decoding), each of which may hold a few hundred MB. */
  heavyWorkers: number;
}

const GIB = 1024 ** 3;

/**
 * One core stays free for the HTTP server and the UI; each heavy job gets
 * about 1 GB of free memory (a 12 MP decode plus libvips' cache), so a 2 GB Pi
 * runs one image job at a time where an 8 GB one runs several.
 */
export function poolSize(device: DeviceProfile): PoolSize {
  const workers = Math.max(1, Math.floor(device.cores) - 1);
  const byMemory = Math.max(1, Math.floor(device.availableMemoryBytes / GIB));
  return { workers, heavyWorkers: Math.min(workers, byMemory) };
}

/** Pause at maxC; resume once the SoC is this much cooler (hysteresis, so work does not flap at the threshold). */
export const THERMAL_HYSTERESIS_C = 5;

/** Whether heavy work should be paused, given the last decision and a new reading (null: no sensor). */
export function thermalPaused(wasPaused: boolean, celsius: number | null, maxC: number): boolean {
  if (celsius === null || !Number.isFinite(celsius)) return false;
  if (wasPaused) return celsius > maxC - THERMAL_HYSTERESIS_C;
  return celsius >= maxC;
}
