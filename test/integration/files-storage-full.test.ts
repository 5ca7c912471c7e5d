// A data volume that cannot take the upload: 507 insufficient_storage, told
// before the body is read when its size is declared, and never a partial
// file. The data dir is a small tmpfs (root can mount one, here and in CI).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorOf, openConnection } from "../helpers/http";
import { DriveClient, eventually, namesOnDisk, startDrive, type DriveTestBox } from "../helpers/drive";

const MB = 1024 * 1024;
/** Space the appliance keeps free for the database and the system (Disk's RESERVED_BYTES). */
const RESERVED = 64 * MB;

function mountTmpfs(size: string): { dir: string; mounted: boolean; why: string } {
  const dir = mkdtempSync(join(tmpdir(), "cozy-full-"));
  const result = Bun.spawnSync(["mount", "-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  return { dir, mounted: result.exitCode === 0, why: result.stderr.toString().trim() || `exit ${result.exitCode}` };
}

function unmount(dir: string) {
  // Bun 1.3's fs.watch keeps its directory handles after close(), so a plain
  // umount can be "busy" until this process ends: detach lazily then.
  if (Bun.spawnSync(["umount", dir]).exitCode !== 0) Bun.spawnSync(["umount", "-l", dir]);
  rmSync(dir, { recursive: true, force: true });
}

const small = mountTmpfs("20m");
const medium = small.mounted ? mountTmpfs("100m") : { ...small };
if (!small.mounted) console.warn(`files-storage-full: skipped, cannot mount a tmpfs (${small.why}); run as root to check 507 answers`);

/** Sends `total` bytes with Transfer-Encoding: chunked over a raw socket, stopping early if the server answers. */
async function chunkedUpload(port: number, cookie: string, path: string, total: number) {
  const connection = await openConnection(port);
  await connection.write(
    `PUT /api/files/content?path=${encodeURIComponent(path)} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
  );
  const chunk = new Uint8Array(MB).fill(0x5a);
  const answered = connection.read(120_000);
  let settled = false;
  void answered.then(() => (settled = true));
  // A server that answered early may stop reading: never wait on a write once the answer is in.
  const send = (data: string | Uint8Array) => Promise.race([connection.write(data), answered]);
  for (let sent = 0; sent < total && !settled; sent += MB) {
    await send(Buffer.concat([Buffer.from(`${MB.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
  }
  if (!settled) await send("0\r\n\r\n");
  const response = await answered;
  connection.close();
  return response;
}

describe.skipIf(!small.mounted)("a 20 MB data volume", () => {
  let box: DriveTestBox;
  let drive: DriveClient;
  beforeAll(async () => {
    box = await startDrive({ dataDir: small.dir });
    drive = box.drive;
  });
  afterAll(async () => {
    await box?.appliance.dispose();
    unmount(small.dir);
  });

  const tmpEmpty = () => readdirSync(join(small.dir, "tmp")).length === 0;

  test("a 50 MB upload with Content-Length is 507 insufficient_storage before any of the body is sent", async () => {
    const connection = await openConnection(box.appliance.port);
    await connection.write(
      `PUT /api/files/content?path=/movie.mkv HTTP/1.1\r\nHost: localhost\r\nCookie: ${drive.cookie}\r\nContent-Length: ${50 * MB}\r\n\r\n`,
    );
    // Only the headers went out: the answer must come without waiting for 50 MB.
    const response = await connection.read(10_000);
    connection.close();
    expect(response?.status).toBe(507);
    const error = JSON.parse(response?.body ?? "{}").error;
    expect(error.code).toBe("insufficient_storage");
    expect(error.message).toContain("free");
    expect(await drive.names("/")).toEqual([]);
    expect(tmpEmpty()).toBe(true);
  });

  test("the same over fetch, body and all: 507, and nothing is kept", async () => {
    const response = await drive.put("/movie.mkv", new Uint8Array(50 * MB), { headers: { connection: "close" } });
    expect(response.status).toBe(507);
    expect((await errorOf(response)).code).toBe("insufficient_storage");
    expect(namesOnDisk(box.root)).toEqual([]);
  });

  test("a 50 MB upload without Content-Length (chunked) is 507 or 413, with no partial file anywhere", async () => {
    const response = await chunkedUpload(box.appliance.port, drive.cookie ?? "", "/stream.bin", 50 * MB);
    expect([413, 507]).toContain(response?.status ?? 0);
    expect(await eventually(tmpEmpty)).toBe(true);
    expect(await drive.names("/")).toEqual([]);
    expect(namesOnDisk(box.root)).toEqual([]);
  });

  test("afterwards the box still answers: free space, listing, sign-in state", async () => {
    const space = await drive.request("GET", "/space");
    expect(space.status).toBe(200);
    const { totalBytes } = (await space.json()) as { totalBytes: number };
    expect(totalBytes).toBe(20 * MB);
    expect((await drive.listResponse("/")).status).toBe(200);
    expect((await fetch(`${box.appliance.base}/api/auth/me`, { headers: { cookie: drive.cookie ?? "" } })).status).toBe(200);
  });
});

describe.skipIf(!medium.mounted)("a 100 MB data volume, where the appliance keeps 64 MB free", () => {
  let box: DriveTestBox;
  let drive: DriveClient;
  beforeAll(async () => {
    box = await startDrive({ dataDir: medium.dir });
    drive = box.drive;
  });
  afterAll(async () => {
    await box?.appliance.dispose();
    unmount(medium.dir);
  });

  test("a small upload fits", async () => {
    expect((await drive.put("/small.txt", "fits")).status).toBe(201);
  });

  test("a 50 MB upload with Content-Length would eat into the reserve: 507", async () => {
    const response = await drive.put("/fifty.bin", new Uint8Array(50 * MB), { headers: { connection: "close" } });
    expect(response.status).toBe(507);
    expect(namesOnDisk(box.root)).toEqual(["small.txt"]);
  });

  test("the same 50 MB sent chunked (as browsers and WebDAV clients stream) is refused too, and the reserve stays free", async () => {
    const response = await chunkedUpload(box.appliance.port, drive.cookie ?? "", "/fifty-chunked.bin", 50 * MB);
    const stats = statfsSync(medium.dir);
    const free = stats.bavail * stats.bsize;
    expect({ status: response?.status, reserveKept: free >= RESERVED }).toEqual({ status: 507, reserveKept: true });
    expect(namesOnDisk(box.root)).toEqual(["small.txt"]);
  });
});
