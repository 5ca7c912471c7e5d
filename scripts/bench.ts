// `make bench`: each figure of the appliance beside its floor measured in the
// same run on the same machine (a bare Bun.serve hello-world), so the ratio
// means something on a shared, noisy machine. Prints a table and writes
// bench-results.json.
import { readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { measureLoad } from "./bench/load";
import { median, ROOT, rssMegabytes, startServer } from "./bench/processes";

const APPLIANCE = "appliance/dist/main.js";
const HELLO = "scripts/bench/hello-server.ts";
const HEALTH = "/api/system/health";
const COLD_RUNS = 5;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const CONNECTIONS = 32;

interface Figure {
  name: string;
  value: number;
  unit: string;
  floor: number | null;
  ratio: number | null;
  goal: string;
  met: boolean;
}

const figures: Figure[] = [];
function record(name: string, value: number, unit: string, floor: number | null, goal: string, met: (ratio: number | null) => boolean) {
  const ratio = floor ? Math.round((value / floor) * 100) / 100 : null;
  figures.push({ name, value: Math.round(value * 10) / 10, unit, floor: floor === null ? null : Math.round(floor * 10) / 10, ratio, goal, met: met(ratio) });
}

async function coldStart() {
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

async function idleMemory() {
  const [app, hello] = [await startServer(APPLIANCE, HEALTH), await startServer(HELLO, "/")];
  await Bun.sleep(10_000);
  record("idle RSS 10 s after start", rssMegabytes(app.pid), "MB", rssMegabytes(hello.pid), "<= 80 MB", () => rssMegabytes(app.pid) <= 80);
  await Promise.all([app.stop(), hello.stop()]);
}

async function signIn(base: string): Promise<string> {
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

async function throughput() {
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

await coldStart();
await idleMemory();
await throughput();

console.log(`\nCozyBox ${process.env.npm_package_version ?? ""} benchmark (floor: bare Bun.serve hello-world, same run)\n`);
for (const f of figures) {
  console.log(`${f.met ? "ok  " : "MISS"} ${f.name}: ${f.value} ${f.unit} | floor ${f.floor ?? "-"} ${f.unit} | ratio ${f.ratio ?? "-"} | goal ${f.goal}`);
}
const out = join(ROOT, "bench-results.json");
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), bun: Bun.version, figures }, null, 2)}\n`);
console.log(`\nwritten to ${out}`);
