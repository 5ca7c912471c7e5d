// System figures of issue 2: cold start, idle memory, HTTP throughput, each
// beside a bare Bun.serve started and loaded the same way.
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { record } from "./figures";
import { measureLoad } from "./load";
import { median, ROOT, rssMegabytes, startServer } from "./processes";

export const APPLIANCE = "appliance/dist/main.js";
const HELLO = "scripts/bench/hello-server.ts";
const HEALTH = "/api/system/health";
const COLD_RUNS = 5;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 32;

export async function coldStart() {
  const appliance: number[] = [];
  const hello: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const [script, path, into] of [[HELLO, "/", hello], [APPLIANCE, HEALTH, appliance]] as const) {
      const server = await startServer(script, path);
      into.push(server.startupMs);
      await server.stop();
    }
  }
  record("cold start to first 200", median(appliance), "ms", median(hello), "< 3x floor", (r) => r !== null && r < 3);
}

export async function idleMemory() {
  const [app, hello] = [await startServer(APPLIANCE, HEALTH), await startServer(HELLO, "/")];
  await Bun.sleep(10_000);
  record("idle RSS 10 s after start", rssMegabytes(app.pid), "MB", rssMegabytes(hello.pid), "<= 80 MB", () => rssMegabytes(app.pid) <= 80);
  await Promise.all([app.stop(), hello.stop()]);
}

export async function signIn(base: string): Promise<string> {
  const owner = { name: "bench", passphrase: "benchmark passphrase" };
  const response = await fetch(`${base}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 201 || !cookie) throw new Error(`setup for the benchmark failed: ${response.status}`);
  return cookie;
}

function assetPath(extension: string): string {
  const dir = join(ROOT, "web/dist/assets");
  const name = readdirSync(dir).find((file) => file.endsWith(extension));
  if (!name) throw new Error(`web/dist has no built ${extension} file: run \`make build\` first`);
  return join(dir, name);
}

async function floorLoad(env: Record<string, string> = {}) {
  const floor = await startServer(HELLO, "/", env);
  const result = await measureLoad(`http://127.0.0.1:${floor.port}/`, CONNECTIONS, LOAD_SECONDS);
  await floor.stop();
  return result;
}

export async function throughput() {
  const script = assetPath(".js");
  const hello = await floorLoad();
  const sameBytes = await floorLoad({ BENCH_FILE: script });
  const app = await startServer(APPLIANCE, HEALTH);
  const base = `http://127.0.0.1:${app.port}`;
  const cookie = await signIn(base);
  const info = await measureLoad(`${base}/api/system/info`, CONNECTIONS, LOAD_SECONDS, { cookie });
  const icon = await measureLoad(`${base}/assets/${basename(assetPath(".svg"))}`, CONNECTIONS, LOAD_SECONDS);
  const bundle = await measureLoad(`${base}/assets/${basename(script)}`, CONNECTIONS, LOAD_SECONDS);
  await app.stop();
  const note = `${CONNECTIONS} connections, ${hello.tool}`;
  const atLeastHalf = (r: number | null) => r !== null && r >= 0.5;
  record(`static asset, small (icon), req/s (${note}, errors ${icon.errors})`, icon.requestsPerSecond, "req/s", hello.requestsPerSecond, ">= 0.5x floor", atLeastHalf);
  record(`static asset, 60 KB script, req/s beside the same bytes from bare Bun.serve (errors ${bundle.errors})`, bundle.requestsPerSecond, "req/s", sameBytes.requestsPerSecond, ">= 0.5x floor", atLeastHalf);
  record(`signed-in /api/system/info req/s (${note}, errors ${info.errors})`, info.requestsPerSecond, "req/s", hello.requestsPerSecond, "report", () => info.errors === 0);
}

