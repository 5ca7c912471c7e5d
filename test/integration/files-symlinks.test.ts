// Links planted on disk (over SMB, by hand, by a USB copy) must never lead
// out of the person's folder: not listed, not read through, not written
// through. Reads go to /etc (nothing is ever written there); writes aim at a
// temporary folder the test owns and checks stays empty.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesOf, DriveClient, eventually, namesOnDisk, startDrive, type DriveTestBox } from "../helpers/drive";
import type { Owner } from "../../appliance/src/files";

let box: DriveTestBox;
let drive: DriveClient;
const outside = mkdtempSync(join(tmpdir(), "cozy-outside-"));
const passwd = readFileSync("/etc/passwd", "utf8");

async function ownerOf(target: DriveTestBox): Promise<Owner> {
  const [person] = await target.appliance.auth.people();
  if (!person) throw new Error("no owner");
  return { id: person.id, key: person.nameKey };
}

/** What the hourly scan does, run now, after the watcher had its say. */
async function scan(target = box) {
  await target.appliance.files.watcher.settle();
  await target.appliance.files.reconciler.scan(await ownerOf(target));
}

beforeAll(async () => {
  box = await startDrive();
  drive = box.drive;
});
afterAll(async () => {
  await box.appliance.dispose();
  rmSync(outside, { recursive: true, force: true });
});

async function expectRefusedRead(path: string) {
  const response = await drive.get(path);
  const body = await response.text();
  expect([400, 404]).toContain(response.status);
  expect(body).not.toContain("root:");
}

describe("reading", () => {
  test("a link to /etc is not listed after a scan, and nothing is read through it", async () => {
    symlinkSync("/etc", join(box.root, "etc-link"));
    await scan();
    expect(await drive.names("/")).not.toContain("etc-link");
    expect([400, 404]).toContain((await drive.listResponse("/etc-link")).status);
    expect([400, 404]).toContain((await drive.stat("/etc-link/passwd")).status);
    await expectRefusedRead("/etc-link/passwd");
  });

  test("a link to /etc/passwd is not listed and cannot be downloaded", async () => {
    symlinkSync("/etc/passwd", join(box.root, "passwords.txt"));
    await scan();
    expect(await drive.names("/")).not.toContain("passwords.txt");
    await expectRefusedRead("/passwords.txt");
  });

  test("a known file swapped on disk for a link to /etc/passwd is never served", async () => {
    expect((await drive.put("/notes.txt", "my notes")).status).toBe(201);
    rmSync(join(box.root, "notes.txt"));
    symlinkSync("/etc/passwd", join(box.root, "notes.txt"));
    // Whether or not the watcher has seen the swap yet, the answer is a refusal.
    await expectRefusedRead("/notes.txt");
    await scan();
    await expectRefusedRead("/notes.txt");
    expect(await drive.names("/")).not.toContain("notes.txt");
  });

  test("a known folder swapped on disk for a link to /etc: the files it listed are never served", async () => {
    expect((await drive.mkdir("/Config")).status).toBe(201);
    expect((await drive.put("/Config/passwd", "not the system's")).status).toBe(201);
    rmSync(join(box.root, "Config"), { recursive: true });
    symlinkSync("/etc", join(box.root, "Config"));
    await expectRefusedRead("/Config/passwd");
  });

  test("a link loop does not hang or break the scan", async () => {
    symlinkSync(box.root, join(box.root, "loop"));
    mkdirSync(join(box.root, "Real"));
    await scan();
    expect(await drive.names("/")).toContain("Real");
    expect(await drive.names("/")).not.toContain("loop");
  });

  test("/etc is untouched", () => {
    expect(readFileSync("/etc/passwd", "utf8")).toBe(passwd);
  });
});

describe("writing", () => {
  test("a link planted to a folder outside: upload, folder creation, copy and move through it are refused", async () => {
    symlinkSync(outside, join(box.root, "outbox"));
    await scan();
    expect((await drive.put("/outbox/x.txt", "leak")).status).toBeGreaterThanOrEqual(400);
    expect((await drive.put("/outbox/x.txt", "leak", { overwrite: true })).status).toBeGreaterThanOrEqual(400);
    expect((await drive.mkdir("/outbox/new", true)).status).toBeGreaterThanOrEqual(400);
    expect((await drive.put("/source.txt", "leak")).status).toBe(201);
    expect((await drive.copy("/source.txt", "/outbox/source.txt")).status).toBeGreaterThanOrEqual(400);
    expect((await drive.move("/source.txt", "/outbox/source.txt")).status).toBeGreaterThanOrEqual(400);
    expect(namesOnDisk(outside)).toEqual([]);
    expect(await drive.names("/")).toContain("source.txt");
  });

  test("a link planted in place of a known folder, missed by the watcher: writes under it are refused and nothing lands outside", async () => {
    const other = await startDrive();
    try {
      // The watcher misses changes (inotify overflow, a folder moved in); the scan is hourly.
      other.appliance.files.watcher.stop();
      expect((await other.drive.mkdir("/Shared/sub", true)).status).toBe(201);
      expect((await other.drive.put("/source.txt", "leak")).status).toBe(201);
      renameSync(join(other.root, "Shared"), join(other.appliance.dataDir, "Shared-away"));
      symlinkSync(outside, join(other.root, "Shared"));

      const leaked = () => {
        const names = namesOnDisk(outside);
        for (const name of names) rmSync(join(outside, name), { recursive: true, force: true });
        return names;
      };
      const put = (await other.drive.put("/Shared/sub/x.txt", bytesOf(1000, "leak"))).status >= 400 ? "refused" : "accepted";
      const afterPut = leaked();
      const copy = (await other.drive.copy("/source.txt", "/Shared/sub/copy.txt")).status >= 400 ? "refused" : "accepted";
      const afterCopy = leaked();
      // Reported together, so a failure shows every door that leaked.
      expect({ put, afterPut, copy, afterCopy }).toEqual({ put: "refused", afterPut: [], copy: "refused", afterCopy: [] });
    } finally {
      await other.appliance.dispose();
      for (const name of namesOnDisk(outside)) rmSync(join(outside, name), { recursive: true, force: true });
    }
  });

  test("a file the person uploads next to planted links lands in their folder, as a plain file", async () => {
    expect((await drive.put("/plain.txt", "fine")).status).toBe(201);
    expect(readFileSync(join(box.root, "plain.txt"), "utf8")).toBe("fine");
    expect(await eventually(async () => (await drive.names("/")).includes("plain.txt"))).toBe(true);
  });
});
