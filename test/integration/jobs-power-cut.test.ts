// A job killed mid-run (SIGKILL, as a power cut) runs again after restart:
// first the queue alone in a child process with a handler that never ends,
// then the whole service making thumbnails of camera-sized photos.
import { afterAll, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { setupOwner } from "../helpers/appliance";

const WORKER = join(import.meta.dir, "../fixtures/jobs-worker.ts");
const dir = mkdtempSync(join(tmpdir(), "cozy-jobs-cut-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, "cozy.db");
const logPath = join(dir, "handler.log");

const log = () => (existsSync(logPath) ? readFileSync(logPath, "utf8") : "");
const spawnWorker = (mode: string) => Bun.spawn([process.execPath, WORKER, dbPath, logPath, mode], { stdout: "ignore", stderr: "pipe" });

async function jobRows() {
  const client = createClient({ url: `file:${dbPath}` });
  try {
    const { rows } = await client.execute("select state, attempts from jobs where kind = 'test.slow'");
    return rows.map((row) => ({ state: row.state, attempts: row.attempts }));
  } finally {
    client.close();
  }
}

test("a job killed mid-run (SIGKILL) runs again after restart, and only once", async () => {
  const first = spawnWorker("enqueue-and-hang");
  while (!log().includes("start 1")) {
    if (first.exitCode !== null) throw new Error(`worker exited: ${await new Response(first.stderr).text()}`);
    await Bun.sleep(20);
  }
  first.kill("SIGKILL");
  await first.exited;
  expect(await jobRows()).toEqual([{ state: "running", attempts: 1 }]);

  const second = spawnWorker("finish");
  const code = await second.exited;
  expect({ code, stderr: await new Response(second.stderr).text() }).toEqual({ code: 0, stderr: "" });
  expect(log()).toBe("start 1 /Photos/a.jpg\nstart 2 /Photos/a.jpg\nfinish 2 /Photos/a.jpg\n");
  expect(await jobRows()).toEqual([{ state: "done", attempts: 2 }]);
});

const SERVICE = join(import.meta.dir, "../../appliance/src/main.ts");

async function startService(dataDir: string) {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  const child = Bun.spawn([process.execPath, SERVICE], {
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: String(port), COZY_HOST: "127.0.0.1", COZY_LOG_LEVEL: "warn" },
    stdout: "ignore",
    stderr: "pipe",
  });
  const base = `http://127.0.0.1:${port}`;
  while (!(await fetch(`${base}/api/system/health`).then((r) => r.ok).catch(() => false))) {
    if (child.exitCode !== null) throw new Error(`the service did not start: ${await new Response(child.stderr).text()}`);
    await Bun.sleep(50);
  }
  return { child, base };
}

/** A 12-megapixel photo (smooth noise, so it is not a flat colour), different for each seed. */
function cameraPhoto(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: "#000", noise: { type: "gaussian", mean: 90 + seed * 10, sigma: 60 } } })
    .png()
    .toBuffer()
    .then((small) => sharp(small).resize(4000, 3000).jpeg({ quality: 90 }).toBuffer());
}

async function mediaJobs(dataDir: string) {
  const client = createClient({ url: `file:${join(dataDir, "cozy.db")}` });
  try {
    const { rows } = await client.execute("select subject, state from jobs where kind = 'media.analyze' order by id");
    return rows.map((row) => ({ subject: String(row.subject), state: String(row.state) }));
  } finally {
    client.close();
  }
}

test("the service killed while making thumbnails makes them after restart", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cozy-jobs-service-cut-"));
  try {
    const photos = await Promise.all([1, 2, 3, 4].map(cameraPhoto));
    const first = await startService(dataDir);
    const cookie = await setupOwner(first.base);
    await Promise.all(photos.map((body, i) => fetch(`${first.base}/api/files/content?path=/IMG_${i}.jpg`, { method: "PUT", headers: { cookie }, body: new Uint8Array(body) })));
    while (!(await mediaJobs(dataDir)).some((job) => job.state === "running")) await Bun.sleep(10);
    first.child.kill("SIGKILL");
    await first.child.exited;
    const cut = (await mediaJobs(dataDir)).filter((job) => job.state === "running");
    // The cut came in the middle of a job (with four queued, one is always running).
    expect(cut.length).toBeGreaterThan(0);

    const second = await startService(dataDir);
    try {
      while ((await mediaJobs(dataDir)).some((job) => job.state === "queued" || job.state === "running")) await Bun.sleep(50);
      // The interrupted job ran again (or the file's catch-up job queued at start, which takes its place).
      const jobs = await mediaJobs(dataDir);
      expect(jobs.every((job) => job.state === "done")).toBe(true);
      for (const job of cut) expect(jobs).toContainEqual({ subject: job.subject, state: "done" });
      const client = createClient({ url: `file:${join(dataDir, "cozy.db")}` });
      const { rows } = await client.execute("select thumbs_state from media_items");
      client.close();
      expect(rows.map((row) => row.thumbs_state)).toEqual(["ready", "ready", "ready", "ready"]);
    } finally {
      second.child.kill("SIGTERM");
      await second.child.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
