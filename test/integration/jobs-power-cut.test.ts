// A job killed mid-run (SIGKILL, as a power cut) runs again after restart.
// The queue runs in a real child process on a real database file; the test
// kills it while the handler is inside a job, then starts a new process.
import { afterAll, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
