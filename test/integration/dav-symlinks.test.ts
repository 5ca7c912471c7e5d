// Symbolic links planted on disk in the person's folder (over SMB, from a
// shell, from a USB stick) are never followed through the WebDAV door:
// nothing they point to is listed, read, written, moved or deleted.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OWNER } from "../helpers/appliance";
import { LOCK_BODY, parseMultistatus, startDavBox, type DavBox } from "../dav/dav-client";

let dav: DavBox;
let home: string;
let outside: string;
beforeAll(async () => {
  dav = await startDavBox();
  home = join(dav.box.dataDir, "files", OWNER.name.toLowerCase());
  outside = mkdtempSync(join(tmpdir(), "cozy-outside-"));
  symlinkSync("/etc", join(home, "etc"));
  symlinkSync("/etc/passwd", join(home, "passwd"));
  symlinkSync(outside, join(home, "outside"));
  await Bun.sleep(700); // let the watcher see them (and skip them)
  await dav.box.files.watcher.settle();
});
afterAll(async () => {
  await dav.box.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const nothingOutside = () => expect(readdirSync(outside)).toEqual([]);

describe("a link to /etc in the person's folder", () => {
  test("is not listed by PROPFIND", async () => {
    const response = await dav.dav("PROPFIND", "/dav/", { headers: { depth: "1" } });
    const hrefs = parseMultistatus(await response.text()).map((answer) => answer.href);
    expect(hrefs).not.toContain("/dav/etc/");
    expect(hrefs).not.toContain("/dav/passwd");
    expect(hrefs).not.toContain("/dav/outside/");
  });

  test("cannot be read: GET and PROPFIND through it are 404 and show nothing of /etc", async () => {
    for (const path of ["/dav/passwd", "/dav/etc/passwd", "/dav/etc/hostname"]) {
      const response = await dav.dav("GET", path);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain("root:");
    }
    expect((await dav.dav("PROPFIND", "/dav/etc/", { headers: { depth: "1" } })).status).toBe(404);
  });

  test("cannot be written through: PUT, MKCOL and LOCK under it fail and nothing lands outside", async () => {
    expect((await dav.dav("PUT", "/dav/outside/planted.txt", { body: "x" })).status).toBe(409);
    expect((await dav.dav("MKCOL", "/dav/outside/planted")).status).toBe(409);
    expect((await dav.dav("LOCK", "/dav/outside/locked.txt", { body: LOCK_BODY, headers: { depth: "0" } })).status).toBe(409);
    nothingOutside();
  });

  test("cannot be copied, moved or deleted", async () => {
    expect((await dav.dav("COPY", "/dav/passwd", { headers: { destination: "/dav/mine.txt" } })).status).toBe(404);
    expect((await dav.dav("MOVE", "/dav/etc/", { headers: { destination: "/dav/mine/" } })).status).toBe(404);
    expect((await dav.dav("DELETE", "/dav/etc/")).status).toBe(404);
    expect((await dav.dav("DELETE", "/dav/outside/")).status).toBe(404);
    expect(existsSync("/etc/passwd")).toBe(true);
    expect(existsSync(join(home, "outside"))).toBe(true);
  });
});

describe("a link put in place of a known folder, missed by the watcher", () => {
  test("nothing is written through it and nothing is read from the other side", async () => {
    expect((await dav.dav("MKCOL", "/dav/Known")).status).toBe(201);
    dav.box.files.watcher.stop();
    rmSync(join(home, "Known"), { recursive: true });
    symlinkSync(outside, join(home, "Known"));
    const put = await dav.dav("PUT", "/dav/Known/planted.txt", { body: "x" });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect((await dav.dav("MKCOL", "/dav/Known/Sub")).status).toBeGreaterThanOrEqual(400);
    expect((await dav.dav("COPY", "/dav/Known/", { headers: { destination: "/dav/Stolen/" } })).status).toBeGreaterThanOrEqual(400);
    nothingOutside();
    expect(existsSync(join(home, "Stolen"))).toBe(false);
  });
});
