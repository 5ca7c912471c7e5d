// A data volume with no room left: WebDAV writes answer 507 Insufficient
// Storage (RFC 4918 §11.5) and leave no partial file. The data folder is a
// small tmpfs, which root can mount (here and in CI); skipped otherwise.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openConnection } from "../helpers/http";
import { startDavBox, type DavBox } from "../dav/dav-client";

function mountTmpfs(size: string): { dir: string; mounted: boolean } {
  const dir = mkdtempSync(join(tmpdir(), "cozy-dav-full-"));
  return { dir, mounted: Bun.spawnSync(["mount", "-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).exitCode === 0 };
}

// 20 MB is less than the 64 MB the appliance keeps free: no upload fits.
const volume = mountTmpfs("20m");
if (!volume.mounted) console.warn("dav-storage-full: skipped, cannot mount a tmpfs (run as root to check 507 answers)");

describe.skipIf(!volume.mounted)("a full data volume", () => {
  let dav: DavBox;
  beforeAll(async () => {
    dav = await startDavBox({ dataDir: volume.dir });
  });
  afterAll(async () => {
    await dav.box.dispose();
    // fs.watch may keep the folder busy until the process ends: detach lazily then.
    if (Bun.spawnSync(["umount", volume.dir]).exitCode !== 0) Bun.spawnSync(["umount", "-l", volume.dir]);
    rmSync(volume.dir, { recursive: true, force: true });
  });

  const leftovers = () => readdirSync(join(volume.dir, "tmp"));

  test("PUT with a declared size is 507 before the body is stored", async () => {
    const response = await dav.dav("PUT", "/dav/big.bin", { body: new Uint8Array(1_000_000) });
    expect(response.status).toBe(507);
    expect((await dav.dav("GET", "/dav/big.bin")).status).toBe(404);
    expect(leftovers()).toEqual([]);
  });

  test("PUT streamed without a size is 507 too, and nothing partial remains", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    // Connection: close because Bun's fetch client would reuse this socket while still streaming the
    // refused body (a client quirk; the server side of keep-alive is checked by the next test).
    const response = await fetch(`${dav.box.base}/dav/stream.bin`, {
      method: "PUT",
      body,
      headers: { authorization: dav.authorization, connection: "close" },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(507);
    expect((await dav.dav("PROPFIND", "/dav/stream.bin", { headers: { depth: "0" } })).status).toBe(404);
    expect(leftovers()).toEqual([]);
  });

  test("after a refused chunked PUT, the next request on the same connection gets its own answer", async () => {
    const connection = await openConnection(dav.box.port);
    try {
      const chunk = `10000\r\n${"x".repeat(0x10000)}\r\n`;
      await connection.write(
        `PUT /dav/chunked.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${dav.authorization}\r\nTransfer-Encoding: chunked\r\n\r\n` +
          // 10 MB: past the point where an upload of unknown size is checked against free space.
          chunk.repeat(160) +
          "0\r\n\r\n",
      );
      expect((await connection.read())?.status).toBe(507);
      await connection.write(`OPTIONS /dav/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${dav.authorization}\r\n\r\n`);
      const next = await connection.read();
      // The server may also end the connection instead (then nothing is misread either).
      if (next !== null) expect(next.status).toBe(200);
    } finally {
      connection.close();
    }
  });
});
