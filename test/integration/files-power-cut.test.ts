// A power cut in the middle of a burst of uploads (DESIGN decision 1: a
// write goes to a temporary file, is flushed, then renamed). The real
// service runs as a process and is killed with SIGKILL while 200 uploads are
// in flight; after a restart every file is whole (old or new content, never
// a mix), the index matches the disk, and the database is intact.
import { afterAll, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { login, makeDataDir, OWNER, sessionCookieOf, setupOwner } from "../helpers/appliance";
import { bytesOf, DriveClient, sha256 } from "../helpers/drive";
import { runPool } from "../helpers/http";

const ENTRY = join(import.meta.dir, "../../appliance/src/main.ts");
const dataDir = makeDataDir("cozy-power-cut-");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const COUNT = 100;
/** 1 KB to about 2 MB, most of them small, as a Drive's files are. */
const sizeOf = (i: number) => 1024 + ((i * 7919) % 100) ** 2 * 210;
const contentA = (i: number) => bytesOf(sizeOf(i), `A${i}`);
const contentB = (i: number) => bytesOf(sizeOf(i + 37), `B${i}`);
const contentNew = (i: number) => bytesOf(sizeOf(i + 71), `N${i}`);
const name = (i: number) => `file-${String(i).padStart(3, "0")}.bin`;

async function freePort(): Promise<number> {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

async function startService() {
  const port = await freePort();
  const child = Bun.spawn([process.execPath, ENTRY], {
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: String(port), COZY_HOST: "127.0.0.1", COZY_LOG_LEVEL: "warn" },
    stdout: "ignore",
    stderr: "pipe",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/api/system/health`).then((r) => r.ok).catch(() => false)) return { child, base };
    if (child.exitCode !== null) break;
    await Bun.sleep(50);
  }
  child.kill("SIGKILL");
  throw new Error(`the service did not start: ${await new Response(child.stderr).text()}`);
}

test("SIGKILL during 200 concurrent uploads: every file is whole, the index matches the disk, the database is intact", async () => {
  // 1. A Drive with 100 files of content A.
  const first = await startService();
  const cookie = await setupOwner(first.base);
  const drive = new DriveClient(first.base, cookie);
  expect((await drive.mkdir("/base")).status).toBe(201);
  expect((await drive.mkdir("/new")).status).toBe(201);
  const created = await runPool(COUNT, 8, async (i) => (await drive.put(`/base/${name(i)}`, contentA(i))).status);
  expect(created.every((status) => status === 201)).toBe(true);

  // 2. 100 overwrites with B and 100 new files at once; the process dies while they run.
  const bodiesB = Array.from({ length: COUNT }, (_, i) => contentB(i));
  const bodiesNew = Array.from({ length: COUNT }, (_, i) => contentNew(i));
  let finished = 0;
  const killed = Promise.withResolvers<void>();
  const answers = Array.from({ length: 2 * COUNT }, (_, k) => {
    const i = k % COUNT;
    const upload = k < COUNT ? drive.put(`/base/${name(i)}`, bodiesB[i] ?? "", { overwrite: true }) : drive.put(`/new/${name(i)}`, bodiesNew[i] ?? "");
    return upload
      .then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      })
      .catch(() => 0)
      .finally(() => {
        finished += 1;
        // A quarter answered: some uploads are done, others are streaming or being renamed into place.
        if (finished === 50) killed.resolve();
      });
  });
  await killed.promise;
  first.child.kill("SIGKILL");
  await first.child.exited;
  const statuses = await Promise.all(answers);
  // The cut really came in the middle: some uploads never got an answer.
  expect(statuses.filter((status) => status === 0).length).toBeGreaterThan(0);

  // 3. Restart on the same data dir.
  const second = await startService();
  try {
    const again = new DriveClient(second.base, sessionCookieOf(await login(second.base, OWNER)));
    const root = join(dataDir, "files", "alice");

    // Every old file is exactly A or exactly B.
    for (let i = 0; i < COUNT; i++) {
      const got = sha256(await again.bytes(`/base/${name(i)}`));
      expect([sha256(contentA(i)), sha256(contentB(i))]).toContain(got);
      // An upload that was answered 200 is B for sure.
      if (statuses[i] === 200) expect(got).toBe(sha256(contentB(i)));
    }
    // Every new file is absent or complete, and one answered 201 is there.
    const newNames = await again.names("/new");
    for (let i = 0; i < COUNT; i++) {
      if (!newNames.includes(name(i))) {
        expect(statuses[COUNT + i]).not.toBe(201);
        continue;
      }
      expect(sha256(await again.bytes(`/new/${name(i)}`))).toBe(sha256(contentNew(i)));
    }

    // The listing is what is on disk: same names, same sizes, checksums of the actual bytes.
    for (const folder of ["base", "new"]) {
      const listed = (await again.list(`/${folder}`)).map((e) => ({ name: e.name, size: e.size })).sort((a, b) => a.name.localeCompare(b.name));
      const onDisk = readdirSync(join(root, folder))
        .sort()
        .map((entry) => ({ name: entry, size: statSync(join(root, folder, entry)).size }));
      expect(listed).toEqual(onDisk);
      for (const entry of await again.list(`/${folder}`)) {
        expect(entry.sha256).toBe(sha256(await again.bytes(`/${folder}/${entry.name}`)));
      }
    }
    expect(readdirSync(join(dataDir, "tmp"))).toEqual([]);
  } finally {
    second.child.kill("SIGTERM");
    await second.child.exited;
  }

  // 4. The database file survived: SQLite's own check, with the service stopped.
  const db = createClient({ url: `file:${join(dataDir, "cozy.db")}` });
  try {
    const result = await db.execute("PRAGMA integrity_check");
    expect(result.rows.map((row) => row[0])).toEqual(["ok"]);
  } finally {
    db.close();
  }
}, 180_000);
