// Files are plain files (DESIGN decision 1): what SMB, a shell or a USB copy
// does under <data>/files/<person>/ shows in the Drive within seconds
// (watcher), or at the next start (scan), and every change is announced.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { login, makeDataDir, sessionCookieOf, startTestAppliance } from "../helpers/appliance";
import { DriveClient, eventually, PNG_1X1, sha256, startDrive, type DriveTestBox, type Entry } from "../helpers/drive";
import type { FileEvent } from "../../appliance/src/files";

const SYNC_MS = 10_000;
// Each check polls up to SYNC_MS for the watcher; the test itself may take that long.
setDefaultTimeout(SYNC_MS + 5_000);
let box: DriveTestBox;
let drive: DriveClient;
const events: FileEvent[] = [];
beforeAll(async () => {
  box = await startDrive();
  drive = box.drive;
  box.appliance.files.events.subscribe((event) => events.push(event));
});
afterAll(() => box.appliance.dispose());

const disk = (path: string) => join(box.root, path);
/** The entry at `path` once the Drive shows it (or shows it satisfying `check`), else undefined. */
async function shown(folder: string, name: string, check: (entry: Entry) => boolean = () => true) {
  return eventually(async () => {
    const listed = await drive.listResponse(folder);
    if (listed.status !== 200) return undefined;
    const { entries } = (await listed.json()) as { entries: Entry[] };
    return entries.find((entry) => entry.name === name && check(entry));
  }, SYNC_MS);
}
async function gone(folder: string, name: string) {
  return eventually(async () => !(await drive.names(folder).catch(() => [] as string[])).includes(name), SYNC_MS);
}
const eventFor = (type: FileEvent["type"], path: string) => eventually(() => events.find((e) => e.type === type && e.path === path), SYNC_MS);

describe("changes made on disk show in the Drive", () => {
  test("a file written on disk appears with its size, type and sha256", async () => {
    writeFileSync(disk("from-smb.png"), PNG_1X1);
    const entry = await shown("/", "from-smb.png");
    expect(entry).toMatchObject({ kind: "file", size: PNG_1X1.byteLength, mime: "image/png", sha256: sha256(PNG_1X1) });
    expect(new Uint8Array(await drive.bytes("/from-smb.png"))).toEqual(PNG_1X1);
  });

  test("a file rewritten on disk shows its new size and checksum", async () => {
    writeFileSync(disk("notes.txt"), "first");
    expect(await shown("/", "notes.txt")).toBeDefined();
    writeFileSync(disk("notes.txt"), "second, longer");
    const entry = await shown("/", "notes.txt", (e) => e.sha256 === sha256("second, longer"));
    expect(entry?.size).toBe(14);
    expect(await (await drive.get("/notes.txt")).text()).toBe("second, longer");
  });

  test("a file renamed on disk: the new name appears and the old one goes", async () => {
    renameSync(disk("notes.txt"), disk("renamed.txt"));
    expect(await shown("/", "renamed.txt")).toMatchObject({ size: 14 });
    expect(await gone("/", "notes.txt")).toBe(true);
    expect((await drive.get("/notes.txt")).status).toBe(404);
  });

  test("a file deleted on disk disappears", async () => {
    rmSync(disk("renamed.txt"));
    expect(await gone("/", "renamed.txt")).toBe(true);
    expect((await drive.stat("/renamed.txt")).status).toBe(404);
  });

  test("a whole folder tree copied in appears, to the deepest file", async () => {
    const usb = mkdtempSync(join(tmpdir(), "cozy-usb-"));
    mkdirSync(join(usb, "DCIM/100CANON/raw"), { recursive: true });
    writeFileSync(join(usb, "DCIM/100CANON/IMG_0001.png"), PNG_1X1);
    writeFileSync(join(usb, "DCIM/100CANON/raw/IMG_0001.cr2"), "raw bytes");
    writeFileSync(join(usb, "DCIM/readme.txt"), "camera");
    cpSync(join(usb, "DCIM"), disk("DCIM"), { recursive: true });
    rmSync(usb, { recursive: true, force: true });
    expect(await shown("/DCIM/100CANON/raw", "IMG_0001.cr2")).toMatchObject({ size: 9, sha256: sha256("raw bytes") });
    expect(await drive.names("/DCIM")).toEqual(["100CANON", "readme.txt"]);
    expect(await drive.names("/DCIM/100CANON")).toEqual(["IMG_0001.png", "raw"]);
  });

  test("a file written later inside a folder that was copied in also appears (new folders are watched)", async () => {
    await box.appliance.files.watcher.settle();
    writeFileSync(disk("DCIM/100CANON/raw/IMG_0002.cr2"), "more raw");
    expect(await shown("/DCIM/100CANON/raw", "IMG_0002.cr2")).toMatchObject({ size: 8 });
  });

  test("a file written on disk into a folder made through the Drive appears", async () => {
    expect((await drive.mkdir("/Scans")).status).toBe(201);
    // Later, not in the same burst of changes: the folder's own creation has been dealt with.
    await box.appliance.files.watcher.settle();
    writeFileSync(disk("Scans/scan-001.png"), PNG_1X1);
    expect(await shown("/Scans", "scan-001.png")).toMatchObject({ mime: "image/png" });
  });

  test("a folder renamed on disk: its content moves with it", async () => {
    renameSync(disk("DCIM"), disk("Camera 2024"));
    expect(await shown("/Camera 2024/100CANON/raw", "IMG_0002.cr2")).toBeDefined();
    expect(await gone("/", "DCIM")).toBe(true);
    expect((await drive.stat("/DCIM/readme.txt")).status).toBe(404);
    expect(await (await drive.get("/Camera 2024/readme.txt")).text()).toBe("camera");
  });

  test("a file with an NFD name (as a Mac writes it) is skipped, and the files beside it still appear", async () => {
    mkdirSync(disk("From Mac"));
    writeFileSync(disk("From Mac/Cafe\u0301.txt"), "nfd");
    writeFileSync(disk("From Mac/plain.txt"), "plain");
    expect(await shown("/From Mac", "plain.txt")).toBeDefined();
    await box.appliance.files.watcher.settle();
    const scan = await box.appliance.files.reconciler.scan({ id: 1, key: "alice" });
    expect(scan.skipped).toBeGreaterThanOrEqual(1);
    expect(await drive.names("/From Mac")).toEqual(["plain.txt"]);
    // The Drive keeps answering, and the NFC spelling is a different, absent file.
    expect((await drive.get("/From Mac/Caf\u00e9.txt")).status).toBe(404);
  });
});

describe("file events", () => {
  test("REST writes publish created, changed, moved and deleted", async () => {
    events.length = 0;
    expect((await drive.put("/ev.txt", "1")).status).toBe(201);
    expect((await drive.put("/ev.txt", "22", { overwrite: true })).status).toBe(200);
    expect((await drive.move("/ev.txt", "/ev2.txt")).status).toBe(200);
    expect((await drive.remove("/ev2.txt")).status).toBe(200);
    const created = events.find((e) => e.type === "created" && e.path === "/ev.txt");
    expect(created).toMatchObject({ userId: 1, kind: "file" });
    expect(events.find((e) => e.type === "changed" && e.path === "/ev.txt")).toMatchObject({ fileId: created?.fileId });
    expect(events.find((e) => e.type === "moved" && e.path === "/ev2.txt")).toMatchObject({ fromPath: "/ev.txt", fileId: created?.fileId });
    expect(events.find((e) => e.type === "deleted" && e.path === "/ev2.txt")).toMatchObject({ fileId: created?.fileId });
  });

  test("disk changes publish created, changed and deleted", async () => {
    events.length = 0;
    writeFileSync(disk("disk-ev.txt"), "a");
    expect(await eventFor("created", "/disk-ev.txt")).toMatchObject({ kind: "file", userId: 1 });
    writeFileSync(disk("disk-ev.txt"), "bb");
    expect(await eventFor("changed", "/disk-ev.txt")).toBeDefined();
    rmSync(disk("disk-ev.txt"));
    expect(await eventFor("deleted", "/disk-ev.txt")).toBeDefined();
  });

  test("a folder created through REST publishes created for a folder", async () => {
    events.length = 0;
    expect((await drive.mkdir("/EvFolder")).status).toBe(201);
    expect(events.find((e) => e.path === "/EvFolder")).toMatchObject({ type: "created", kind: "folder" });
  });
});

test("files added and removed while the appliance was stopped are found by the scan at start", async () => {
  const dataDir = makeDataDir("cozy-restart-");
  try {
    const first = await startDrive({ dataDir });
    expect((await first.drive.put("/kept.txt", "kept")).status).toBe(201);
    expect((await first.drive.put("/removed.txt", "bye")).status).toBe(201);
    await first.appliance.dispose();

    mkdirSync(join(first.root, "Added/Deep"), { recursive: true });
    writeFileSync(join(first.root, "Added/Deep/new.txt"), "while stopped");
    writeFileSync(join(first.root, "kept.txt"), "changed while stopped");
    rmSync(join(first.root, "removed.txt"));

    const second = await startTestAppliance({ dataDir });
    try {
      const cookie = sessionCookieOf(await login(second.base));
      const again = new DriveClient(second.base, cookie);
      expect(await again.names("/")).toEqual(["Added", "kept.txt"]);
      expect(await again.names("/Added/Deep")).toEqual(["new.txt"]);
      expect(await (await again.get("/Added/Deep/new.txt")).text()).toBe("while stopped");
      const kept = (await again.list("/")).find((e) => e.name === "kept.txt");
      expect(kept).toMatchObject({ size: 21, sha256: sha256("changed while stopped") });
    } finally {
      await second.dispose();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
