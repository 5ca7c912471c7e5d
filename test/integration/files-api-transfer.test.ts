// Rename, move and copy over REST: what the listing shows and what is on
// disk agree, folders take their whole content along, and the impossible
// moves are refused with a reason.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { errorOf } from "../helpers/http";
import { DriveClient, namesOnDisk, sha256, startDrive, type DriveTestBox } from "../helpers/drive";

let box: DriveTestBox;
let drive: DriveClient;
beforeAll(async () => {
  box = await startDrive();
  drive = box.drive;
});
afterAll(() => box.appliance.dispose());

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect((await errorOf(response)).code).toBe(code);
}

const onDisk = (path: string) => readFileSync(join(box.root, path), "utf8");

/** /Trip with photos/a.jpg, photos/b.jpg, notes.txt and photos/raw/c.raw */
async function makeTrip(folder: string) {
  expect((await drive.mkdir(`${folder}/photos/raw`, true)).status).toBe(201);
  const files: [string, string][] = [["photos/a.jpg", "A"], ["photos/b.jpg", "BB"], ["notes.txt", "packing list"], ["photos/raw/c.raw", "CCC"]];
  for (const [path, content] of files) {
    expect((await drive.put(`${folder}/${path}`, content)).status).toBe(201);
  }
}

describe("files", () => {
  test("renaming a file: the new name is listed with the same content, the old one is gone, on disk too", async () => {
    expect((await drive.put("/draft.txt", "hello")).status).toBe(201);
    const response = await drive.move("/draft.txt", "/final.txt");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: "/final.txt", name: "final.txt", size: 5, sha256: sha256("hello") });
    const names = await drive.names("/");
    expect(names).toContain("final.txt");
    expect(names).not.toContain("draft.txt");
    expect(onDisk("final.txt")).toBe("hello");
    expect(existsSync(join(box.root, "draft.txt"))).toBe(false);
    expect(await (await drive.get("/final.txt")).text()).toBe("hello");
  });

  test("moving a file into a folder", async () => {
    expect((await drive.mkdir("/Archive")).status).toBe(201);
    expect((await drive.move("/final.txt", "/Archive/final.txt")).status).toBe(200);
    expect(await drive.names("/Archive")).toEqual(["final.txt"]);
    expect(await drive.names("/")).not.toContain("final.txt");
    expect(onDisk("Archive/final.txt")).toBe("hello");
  });

  test("copying a file: both exist with the same content, and changing one leaves the other", async () => {
    const response = await drive.copy("/Archive/final.txt", "/copy.txt");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ path: "/copy.txt", size: 5, sha256: sha256("hello") });
    expect((await drive.put("/copy.txt", "changed", { overwrite: true })).status).toBe(200);
    expect(await (await drive.get("/Archive/final.txt")).text()).toBe("hello");
    expect(await (await drive.get("/copy.txt")).text()).toBe("changed");
  });

  test("copying onto an existing name without overwrite is 409 exists, and both stay as they were", async () => {
    await expectError(await drive.copy("/Archive/final.txt", "/copy.txt"), 409, "exists");
    expect(await (await drive.get("/copy.txt")).text()).toBe("changed");
  });

  test("copying onto an existing name with overwrite replaces it", async () => {
    expect((await drive.copy("/Archive/final.txt", "/copy.txt", true)).status).toBe(201);
    expect(await (await drive.get("/copy.txt")).text()).toBe("hello");
  });

  test("moving onto an existing name without overwrite is 409 exists", async () => {
    await expectError(await drive.move("/copy.txt", "/Archive/final.txt"), 409, "exists");
    expect(onDisk("copy.txt")).toBe("hello");
  });

  test("moving a file onto itself is 409 same_place", async () => {
    await expectError(await drive.move("/copy.txt", "/copy.txt"), 409, "same_place");
    await expectError(await drive.move("/copy.txt", "//copy.txt/"), 409, "same_place");
    expect(onDisk("copy.txt")).toBe("hello");
  });

  test("moving into a folder that does not exist is 409 parent_missing", async () => {
    await expectError(await drive.move("/copy.txt", "/Nowhere/copy.txt"), 409, "parent_missing");
    expect(onDisk("copy.txt")).toBe("hello");
  });

  test("moving something that is not there is 404", async () => {
    await expectError(await drive.move("/ghost.txt", "/ghost2.txt"), 404, "not_found");
  });

  test('a file named like a download in progress ("movie.part") copies like any other', async () => {
    expect((await drive.put("/movie.part", "part one")).status).toBe(201);
    const response = await drive.copy("/movie.part", "/movie copy.part");
    expect(response.status).toBe(201);
    expect(await (await drive.get("/movie copy.part")).text()).toBe("part one");
  });
});

describe("folders with content", () => {
  test("renaming a folder moves every child, in the listing and on disk", async () => {
    await makeTrip("/Trip");
    expect((await drive.move("/Trip", "/Rome 2024")).status).toBe(200);
    expect(await drive.names("/")).not.toContain("Trip");
    expect(await drive.names("/Rome 2024")).toEqual(["notes.txt", "photos"]);
    expect(await drive.names("/Rome 2024/photos")).toEqual(["a.jpg", "b.jpg", "raw"]);
    expect(await drive.names("/Rome 2024/photos/raw")).toEqual(["c.raw"]);
    expect(namesOnDisk(join(box.root, "Rome 2024/photos"))).toEqual(["a.jpg", "b.jpg", "raw"]);
    expect(existsSync(join(box.root, "Trip"))).toBe(false);
    expect(await (await drive.get("/Rome 2024/photos/raw/c.raw")).text()).toBe("CCC");
    await expectError(await drive.stat("/Trip/notes.txt"), 404, "not_found");
  });

  test("moving a folder into another folder keeps its tree", async () => {
    expect((await drive.move("/Rome 2024", "/Archive/Rome 2024")).status).toBe(200);
    expect(await drive.names("/Archive/Rome 2024/photos/raw")).toEqual(["c.raw"]);
    expect(onDisk("Archive/Rome 2024/notes.txt")).toBe("packing list");
    const stat = await drive.stat("/Archive/Rome 2024/photos/b.jpg");
    expect(await stat.json()).toMatchObject({ path: "/Archive/Rome 2024/photos/b.jpg", size: 2 });
  });

  test("a folder into its own child is 409 into_itself, and nothing moves", async () => {
    await expectError(await drive.move("/Archive/Rome 2024", "/Archive/Rome 2024/photos/Rome 2024"), 409, "into_itself");
    await expectError(await drive.copy("/Archive/Rome 2024", "/Archive/Rome 2024/photos/copy"), 409, "into_itself");
    expect(await drive.names("/Archive/Rome 2024/photos")).toEqual(["a.jpg", "b.jpg", "raw"]);
  });

  test("a folder onto itself is 409 same_place", async () => {
    await expectError(await drive.move("/Archive", "/Archive"), 409, "same_place");
  });

  test("copying a folder copies the whole tree; the original is untouched", async () => {
    const response = await drive.copy("/Archive/Rome 2024", "/Rome copy");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ path: "/Rome copy", kind: "folder" });
    expect(await drive.names("/Rome copy")).toEqual(["notes.txt", "photos"]);
    expect(await drive.names("/Rome copy/photos/raw")).toEqual(["c.raw"]);
    expect(onDisk("Rome copy/photos/a.jpg")).toBe("A");
    expect(await drive.names("/Archive/Rome 2024/photos")).toEqual(["a.jpg", "b.jpg", "raw"]);
    const copied = (await drive.list("/Rome copy/photos")).find((entry) => entry.name === "b.jpg");
    expect(copied).toMatchObject({ size: 2, sha256: sha256("BB") });
  });

  test("copying a folder keeps every file, whatever its name", async () => {
    expect((await drive.mkdir("/Downloads")).status).toBe(201);
    for (const name of ["video.part", "report.pdf"]) expect((await drive.put(`/Downloads/${name}`, name)).status).toBe(201);
    expect((await drive.copy("/Downloads", "/Downloads copy")).status).toBe(201);
    expect(await drive.names("/Downloads copy")).toEqual(["report.pdf", "video.part"]);
    expect(namesOnDisk(join(box.root, "Downloads copy"))).toEqual(["report.pdf", "video.part"]);
  });

  test("copying a folder onto an existing folder without overwrite is 409 exists", async () => {
    await expectError(await drive.copy("/Archive/Rome 2024", "/Rome copy"), 409, "exists");
  });

  test("the root cannot be moved, copied or deleted", async () => {
    expect((await drive.move("/", "/elsewhere")).status).toBe(409);
    expect((await drive.copy("/", "/elsewhere")).status).toBe(409);
    expect((await drive.remove("/")).status).toBe(409);
    expect(await drive.names("/")).toContain("Archive");
  });
});
