// Deleting goes to the Trash and can be undone; overwriting keeps earlier
// versions that can be downloaded and brought back.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { errorOf } from "../helpers/http";
import { DriveClient, namesOnDisk, sha256, startDrive, type DriveTestBox, type TrashItem } from "../helpers/drive";

let box: DriveTestBox;
let drive: DriveClient;
let trashDir: string;
beforeAll(async () => {
  // Every overwrite keeps a version (the default keeps at most one per 15 minutes).
  box = await startDrive({ env: { COZY_VERSIONS_MIN_MINUTES: "0" } });
  drive = box.drive;
  trashDir = join(box.appliance.dataDir, "trash", "alice");
});
afterAll(() => box.appliance.dispose());

const text = async (response: Response | Promise<Response>) => (await response).text();
const trashed = async (originalPath: string): Promise<TrashItem | undefined> => (await drive.trash()).find((i) => i.originalPath === originalPath);

describe("the Trash", () => {
  test("a deleted file leaves the listing and the folder on disk, and the Trash lists it with where it was", async () => {
    expect((await drive.mkdir("/Bills")).status).toBe(201);
    expect((await drive.put("/Bills/power.pdf", "power bill")).status).toBe(201);
    const response = await drive.remove("/Bills/power.pdf");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ originalPath: "/Bills/power.pdf", name: "power.pdf", kind: "file", size: 10 });
    expect(await drive.names("/Bills")).toEqual([]);
    expect(existsSync(join(box.root, "Bills/power.pdf"))).toBe(false);
    expect(await trashed("/Bills/power.pdf")).toMatchObject({ name: "power.pdf", kind: "file", size: 10 });
    expect((await drive.get("/Bills/power.pdf")).status).toBe(404);
  });

  test("restoring puts it back where it was, with its content", async () => {
    const item = await trashed("/Bills/power.pdf");
    const response = await drive.restore(item?.id ?? 0);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: "/Bills/power.pdf", size: 10, sha256: sha256("power bill") });
    expect(await text(drive.get("/Bills/power.pdf"))).toBe("power bill");
    expect(readFileSync(join(box.root, "Bills/power.pdf"), "utf8")).toBe("power bill");
    expect(await trashed("/Bills/power.pdf")).toBeUndefined();
  });

  test('restoring when the place is taken puts it beside, as "name (2)", and the new file is untouched', async () => {
    expect((await drive.remove("/Bills/power.pdf")).status).toBe(200);
    expect((await drive.put("/Bills/power.pdf", "newer bill")).status).toBe(201);
    const item = await trashed("/Bills/power.pdf");
    const response = await drive.restore(item?.id ?? 0);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: "/Bills/power (2).pdf" });
    expect(await drive.names("/Bills")).toEqual(["power (2).pdf", "power.pdf"]);
    expect(await text(drive.get("/Bills/power.pdf"))).toBe("newer bill");
    expect(await text(drive.get("/Bills/power (2).pdf"))).toBe("power bill");
  });

  test("a deleted folder goes to the Trash whole and comes back whole", async () => {
    expect((await drive.mkdir("/Taxes/2023", true)).status).toBe(201);
    expect((await drive.put("/Taxes/2023/return.pdf", "12345")).status).toBe(201);
    expect((await drive.put("/Taxes/notes.txt", "abc")).status).toBe(201);
    const response = await drive.remove("/Taxes");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ originalPath: "/Taxes", kind: "folder", size: 8 });
    expect(await drive.names("/")).not.toContain("Taxes");
    expect((await drive.stat("/Taxes/2023/return.pdf")).status).toBe(404);
    const item = await trashed("/Taxes");
    expect((await drive.restore(item?.id ?? 0)).status).toBe(200);
    expect(await drive.names("/Taxes")).toEqual(["2023", "notes.txt"]);
    expect(await text(drive.get("/Taxes/2023/return.pdf"))).toBe("12345");
  });

  test("restoring a file whose folder was deleted since recreates the folder", async () => {
    expect((await drive.mkdir("/Old")).status).toBe(201);
    expect((await drive.put("/Old/letter.txt", "dear")).status).toBe(201);
    expect((await drive.remove("/Old/letter.txt")).status).toBe(200);
    expect((await drive.remove("/Old")).status).toBe(200);
    const item = await trashed("/Old/letter.txt");
    expect((await drive.restore(item?.id ?? 0)).status).toBe(200);
    expect(await text(drive.get("/Old/letter.txt"))).toBe("dear");
  });

  test("restoring an id that is not in the Trash is 404", async () => {
    const response = await drive.restore(999_999);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe("not_found");
  });

  test("emptying the Trash removes the bytes under <data>/trash for good", async () => {
    expect((await drive.put("/junk.bin", "x".repeat(1000))).status).toBe(201);
    expect((await drive.remove("/junk.bin")).status).toBe(200);
    const before = await drive.trash();
    expect(before.length).toBeGreaterThan(0);
    expect(namesOnDisk(trashDir).length).toBe(before.length);
    const response = await drive.emptyTrash();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ removed: before.length });
    expect(await drive.trash()).toEqual([]);
    expect(namesOnDisk(trashDir)).toEqual([]);
    // What was restored earlier is not affected.
    expect(await text(drive.get("/Taxes/2023/return.pdf"))).toBe("12345");
  });
});

describe("versions", () => {
  test("each overwrite keeps the content it replaced, newest first", async () => {
    expect((await drive.put("/plan.md", "one")).status).toBe(201);
    expect((await drive.put("/plan.md", "two!", { overwrite: true })).status).toBe(200);
    expect((await drive.put("/plan.md", "three", { overwrite: true })).status).toBe(200);
    const versions = await drive.versions("/plan.md");
    expect(versions.map((v) => v.sha256)).toEqual([sha256("two!"), sha256("one")]);
    expect(versions.map((v) => v.size)).toEqual([4, 3]);
  });

  test("a version's content downloads byte for byte", async () => {
    const [, oldest] = await drive.versions("/plan.md");
    const response = await drive.request("GET", `/versions/${oldest?.id}/content`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toStartWith("attachment");
    expect(await response.text()).toBe("one");
  });

  test("restoring a version makes it current, and the content it replaces becomes a version too", async () => {
    const [, oldest] = await drive.versions("/plan.md");
    const response = await drive.request("POST", `/versions/${oldest?.id}/restore`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: "/plan.md", size: 3, sha256: sha256("one") });
    expect(await text(drive.get("/plan.md"))).toBe("one");
    expect(readFileSync(join(box.root, "plan.md"), "utf8")).toBe("one");
    const versions = await drive.versions("/plan.md");
    expect(versions[0]?.sha256).toBe(sha256("three"));
    const contents = await Promise.all(versions.map((v) => text(drive.request("GET", `/versions/${v.id}/content`))));
    expect(contents).toContain("three");
    expect(contents).toContain("two!");
  });

  test("versions follow a file that is renamed", async () => {
    const count = (await drive.versions("/plan.md")).length;
    expect((await drive.move("/plan.md", "/plan-final.md")).status).toBe(200);
    expect((await drive.versions("/plan-final.md")).length).toBe(count);
  });

  test("a file deleted for good takes its earlier versions with it (no bytes left under <data>/versions)", async () => {
    expect((await drive.put("/diary.txt", "secret one")).status).toBe(201);
    expect((await drive.put("/diary.txt", "secret two", { overwrite: true })).status).toBe(200);
    const versionsDir = join(box.appliance.dataDir, "versions", "alice");
    const [kept] = await drive.versions("/diary.txt");
    expect(existsSync(join(versionsDir, String(kept?.id)))).toBe(true);
    expect((await drive.remove("/diary.txt")).status).toBe(200);
    expect((await drive.emptyTrash()).status).toBe(200);
    expect(existsSync(join(versionsDir, String(kept?.id)))).toBe(false);
    // A new file at the same place starts without the old one's history.
    expect((await drive.put("/diary.txt", "new diary")).status).toBe(201);
    expect(await drive.versions("/diary.txt")).toEqual([]);
  });

  test("a version id that does not exist is 404", async () => {
    expect((await drive.request("GET", "/versions/999999/content")).status).toBe(404);
    expect((await drive.request("POST", "/versions/999999/restore")).status).toBe(404);
  });
});
