// Starting servers for the benchmark and reading their figures.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dir, "../..");

export async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

export interface Started {
  pid: number;
  port: number;
  dataDir: string;
  startupMs: number;
  stop(): Promise<void>;
}

/** Spawns `bun <script>` and measures the time to its first 200 from `healthPath`. */
export async function startServer(script: string, healthPath: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const dataDir = env.COZY_DATA_DIR ?? mkdtempSync(join(tmpdir(), "cozy-bench-"));
  const started = performance.now();
  const child = Bun.spawn([process.execPath, join(ROOT, script)], {
    env: { ...process.env, COZY_PORT: String(port), COZY_HOST: "127.0.0.1", COZY_DATA_DIR: dataDir, COZY_LOG_LEVEL: "warn", MALLOC_ARENA_MAX: "2", ...env },
    stdout: "ignore",
    stderr: "ignore",
  });
  const deadline = started + 30_000;
  for (;;) {
    if (performance.now() > deadline) throw new Error(`${script} did not answer within 30 s`);
    const ok = await fetch(`http://127.0.0.1:${port}${healthPath}`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await Bun.sleep(2);
  }
  const startupMs = performance.now() - started;
  return {
    pid: child.pid,
    port,
    dataDir,
    startupMs,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
