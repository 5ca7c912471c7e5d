// Drive figures of issue 3, each beside a reference server from Debian run in
// the same process tree on loopback: nginx (GET and PUT of 1 GiB), Apache
// mod_dav (PROPFIND Depth 1 on 10,000 files), find (a reconciling scan of
// 100,000 unchanged files), and the RSS growth during a 4 GiB upload.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { record } from "./figures";
import { startApacheDav, startNginx } from "./peers";
import { median, ROOT, rssMegabytes, startServer, type Started } from "./processes";
import { signIn } from "./system";
import { curl, makeFile, MB } from "./transfer";

const APPLIANCE = "appliance/dist/main.js";
const GIB = 1024 * MB;
const BIG = Number(process.env.BENCH_BIG_MB ?? 1024) * MB;
/** Transfers of each kind; the median is reported. */
const RUNS = 5;

interface Door {
  base: string;
  /** curl arguments that authenticate, and the URL of a path. */
  auth: string[];
  url(path: string): string;
}

/** WebDAV with an app password when /dav/ is there, else the REST API with the session cookie. */
async function doorOf(app: Started): Promise<Door> {
  const base = `http://127.0.0.1:${app.port}`;
  const cookie = await signIn(base);
  const created = await fetch(`${base}/api/auth/app-passwords`, {
    method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }),
  });
  if (created.status === 201) {
    const { password } = (await created.json()) as { password: string };
    const authorization = `Basic ${Buffer.from(`bench:${password}`).toString("base64")}`;
    const options = await fetch(`${base}/dav/`, { method: "OPTIONS", headers: { authorization } }).catch(() => null);
    if (options?.headers.get("dav")) return { base, auth: ["-u", `bench:${password}`], url: (path) => `${base}/dav${path}` };
  }
  return { base, auth: ["-H", `cookie: ${cookie}`], url: (path) => `${base}/api/files/content?path=${encodeURIComponent(path)}` };
}

/**
 * Reads both copies once before their GETs, so both are served from the page
 * cache and the figure is the servers' own cost. The PUTs leave them in
 * different states: nginx's copy cached, ours written with O_DIRECT and not
 * cached. ("From the disk" cannot be measured fairly here: this VM's host
 * caches the virtual disk, and it keeps nginx's buffered writes, not ours.)
 */
async function warmUp(paths: string[]): Promise<void> {
  const child = Bun.spawn(["sh", "-c", paths.map((path) => `cat '${path}' > /dev/null`).join(" && ")]);
  if ((await child.exited) !== 0) throw new Error(`could not read ${paths.join(", ")}`);
}

async function bigTransfers(work: string, app: Started, door: Door) {
  const source = join(work, "big.bin");
  await makeFile(source, BIG);
  const nginx = await startNginx(work);
  const runs = { putApp: [] as number[], putNginx: [] as number[], getApp: [] as number[], getNginx: [] as number[] };
  const putUrl = (n: number) => (door.url(`/big-${n}.bin`).includes("/dav/") ? door.url(`/big-${n}.bin`) : `${door.url(`/big-${n}.bin`)}&overwrite=1`);
  const putNginx = async (n: number) => runs.putNginx.push((await curl(["-T", source, `http://127.0.0.1:${nginx.port}/big-${n}.bin`])).bytesPerSecond);
  const putApp = async (n: number) => runs.putApp.push((await curl([...door.auth, "-T", source, putUrl(n)])).bytesPerSecond);
  for (let n = 0; n < RUNS; n++) {
    // Each PUT starts on a quiet disk (nginx's PUT leaves a GiB of dirty pages
    // that the kernel writes back later, over whatever runs next), and the
    // two take turns at going first.
    for (const put of n % 2 ? [putApp, putNginx] : [putNginx, putApp]) {
      Bun.spawnSync(["sync"]);
      await put(n);
    }
    await warmUp([join(nginx.root, `big-${n}.bin`), join(app.dataDir, "files", "bench", `big-${n}.bin`)]);
    runs.getNginx.push((await curl([`http://127.0.0.1:${nginx.port}/big-${n}.bin`])).bytesPerSecond);
    runs.getApp.push((await curl([...door.auth, door.url(`/big-${n}.bin`)])).bytesPerSecond);
    const [own = 0, theirs = 1] = [runs.putApp.at(-1), runs.putNginx.at(-1)].map((bytes) => Math.round((bytes ?? 0) / MB));
    console.log(`  run ${n + 1}: PUT ${own} MB/s beside nginx ${theirs} (${(own / theirs).toFixed(2)})`);
  }
  await lanPacedPuts(source, nginx.port, door, putUrl);
  await nginx.stop();
  const size = `${Math.round(BIG / MB)} MiB`;
  const doorName = door.url("/").includes("/dav/") ? "/dav/" : "REST";
  record(`GET of a ${size} file (${doorName}) beside nginx`, median(runs.getApp) / MB, "MB/s", median(runs.getNginx) / MB, ">= 0.8x nginx", (r) => r !== null && r >= 0.8);
  record(`PUT of a ${size} file beside nginx (dav_methods PUT)`, median(runs.putApp) / MB, "MB/s", median(runs.putNginx) / MB, ">= 0.7x nginx", (r) => r !== null && r >= 0.7);
}

/**
 * The same PUT at the pace of a gigabit home network (curl sending at most
 * 112 MB/s, a gigabit link's payload): what a computer on the LAN sees, where
 * the box flushing every byte to the disk and nginx leaving them in memory
 * both wait for the network. Reported beside the loopback figure, no goal.
 */
async function lanPacedPuts(source: string, nginxPort: number, door: Door, putUrl: (n: number) => string) {
  const paced = ["--limit-rate", "112M"];
  const own: number[] = [];
  const theirs: number[] = [];
  for (let n = 0; n < 3; n++) {
    Bun.spawnSync(["sync"]);
    theirs.push((await curl([...paced, "-T", source, `http://127.0.0.1:${nginxPort}/lan-${n}.bin`])).bytesPerSecond);
    Bun.spawnSync(["sync"]);
    own.push((await curl([...paced, ...door.auth, "-T", source, putUrl(100 + n)])).bytesPerSecond);
  }
  record(`PUT of the same file at a gigabit LAN's pace (curl --limit-rate 112M) beside nginx`, median(own) / MB, "MB/s", median(theirs) / MB, "reported", () => true);
}

async function uploadMemory(app: Started, door: Door) {
  const bytes = Number(process.env.BENCH_STREAM_GB ?? 4) * GIB;
  const before = rssMegabytes(app.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(app.pid))), 100);
  const url = door.url("/stream.bin").includes("/dav/") ? door.url("/stream.bin") : `${door.url("/stream.bin")}&overwrite=1`;
  const child = Bun.spawn(["sh", "-c", `head -c ${bytes} /dev/zero | curl -s -o /dev/null -T - ${door.auth.map((a) => `'${a}'`).join(" ")} '${url}'`]);
  await child.exited;
  clearInterval(sampler);
  record(`RSS growth during a ${bytes / GIB} GiB streamed upload`, peak - before, "MB", before, "<= 64 MB", () => peak - before <= 64);
}

async function propfind(work: string, app: Started, door: Door) {
  if (!door.url("/").includes("/dav/")) return console.log("  (PROPFIND skipped: /dav/ is not available)");
  const apache = await startApacheDav(work);
  const ownFolder = join(app.dataDir, "files", "bench", "many");
  mkdirSync(ownFolder, { recursive: true });
  mkdirSync(join(apache.root, "many"), { recursive: true });
  for (let i = 0; i < 10_000; i++) {
    writeFileSync(join(ownFolder, `file-${i}.txt`), `${i}`);
    writeFileSync(join(apache.root, "many", `file-${i}.txt`), `${i}`);
  }
  await waitIndexed(door, "/many", 10_000);
  const time = async (url: string, auth: string[]) => {
    const started = performance.now();
    const result = await curl([...auth, "-X", "PROPFIND", "-H", "Depth: 1", url]);
    if (result.status !== 207) throw new Error(`PROPFIND answered ${result.status}`);
    return performance.now() - started;
  };
  const own: number[] = [];
  const theirs: number[] = [];
  for (let n = 0; n < 5; n++) {
    theirs.push(await time(`http://127.0.0.1:${apache.port}/many/`, []));
    own.push(await time(door.url("/many/"), door.auth));
  }
  await apache.stop();
  record("PROPFIND Depth 1 on 10,000 files beside Apache mod_dav", median(own), "ms", median(theirs), "<= 1.5x Apache", (r) => r !== null && r <= 1.5);
}

/** Waits until the watcher has indexed the files written on disk: PROPFIND then lists them all. */
async function waitIndexed(door: Door, path: string, count: number): Promise<void> {
  const [, credentials = ""] = door.auth;
  const headers = { authorization: `Basic ${Buffer.from(credentials).toString("base64")}`, depth: "1" };
  for (let i = 0; i < 600; i++) {
    const response = await fetch(door.url(`${path}/`), { method: "PROPFIND", headers });
    const names = new Set((await response.text()).match(/file-\d+\.txt/g) ?? []);
    if (names.size >= count) return;
    await Bun.sleep(500);
  }
  throw new Error(`${path} was not indexed in time`);
}

async function scan(work: string) {
  const runner = join(ROOT, "scripts/bench/scan-runner.ts");
  const child = Bun.spawn([process.execPath, runner, join(work, "scan-data")], { stdout: "pipe", stderr: "inherit" });
  const output = await new Response(child.stdout).text();
  if ((await child.exited) !== 0) throw new Error("the scan benchmark failed");
  const { scanMs, findMs, files } = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as { scanMs: number; findMs: number; files: number };
  record(`reconciling scan of ${files.toLocaleString("en")} unchanged files beside find -printf`, scanMs, "ms", findMs, "<= 3x find", (r) => r !== null && r <= 3);
}

/** BENCH_DRIVE=transfer,memory,propfind,scan picks parts (all by default), for quicker runs while tuning one. */
const parts = new Set((process.env.BENCH_DRIVE ?? "transfer,memory,propfind,scan").split(","));

export async function benchDrive(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-drive-"));
  chmodSync(work, 0o755);
  const app = await startServer(APPLIANCE, "/api/system/health", { COZY_DATA_DIR: join(work, "data") });
  try {
    const door = await doorOf(app);
    if (parts.has("transfer")) await bigTransfers(work, app, door);
    if (parts.has("memory")) await uploadMemory(app, door);
    if (parts.has("propfind")) await propfind(work, app, door);
  } finally {
    await app.stop();
  }
  if (parts.has("scan")) await scan(work);
  rmSync(work, { recursive: true, force: true });
}
