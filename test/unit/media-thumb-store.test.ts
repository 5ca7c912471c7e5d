// Where thumbnails live on disk: one write per file (no partial file under the
// real name), older contents' thumbnails dropped, orphans swept.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ThumbStore } from "../../appliance/src/media";

const OLD = "a".repeat(64);
const NEW = "b".repeat(64);
let dir: string;
let store: ThumbStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cozy-thumbs-"));
  store = new ThumbStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("ThumbStore", () => {
  test("names a thumbnail from the file id, the checksum prefix and the size, under <data>/cache/thumbs/<2 hex>/", () => {
    expect(store.pathOf(300, NEW, "small")).toBe(join(dir, "cache/thumbs/2c", `300-${"b".repeat(16)}-small.webp`));
  });

  test("writes the whole buffer and leaves no temporary file behind", async () => {
    await store.write(7, NEW, "small", Buffer.from("webp bytes"));
    expect(readFileSync(store.pathOf(7, NEW, "small"), "utf8")).toBe("webp bytes");
    expect(readdirSync(dirname(store.pathOf(7, NEW, "small")))).toEqual([`7-${"b".repeat(16)}-small.webp`]);
    expect(await store.exists(7, NEW, "small")).toBe(true);
    expect(await store.exists(7, NEW, "preview")).toBe(false);
  });

  test("a JPEG preview is stored as .jpg and found with its content type; a WebP one as .webp", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await store.write(8, NEW, "preview", jpeg);
    expect(await store.find(8, NEW, "preview")).toEqual({ path: store.pathOf(8, NEW, "preview", "jpg"), contentType: "image/jpeg" });
    await store.write(9, NEW, "preview", Buffer.from("RIFF....WEBP"));
    expect(await store.find(9, NEW, "preview")).toEqual({ path: store.pathOf(9, NEW, "preview", "webp"), contentType: "image/webp" });
    expect(await store.find(9, NEW, "small")).toBeNull();
  });

  test("remove(id, keep) drops the thumbnails of older contents only; remove(id) drops all, and never another file's", async () => {
    for (const sha of [OLD, NEW]) for (const size of ["small", "preview"] as const) await store.write(7, sha, size, Buffer.from(sha));
    await store.write(263, NEW, "small", Buffer.from("same folder, other file"));
    expect(await store.remove(7, NEW)).toBe(2);
    expect(await store.exists(7, OLD, "small")).toBe(false);
    expect(await store.exists(7, NEW, "preview")).toBe(true);
    expect(await store.remove(7)).toBe(2);
    expect(await store.exists(263, NEW, "small")).toBe(true);
  });

  test("sweep removes thumbnails of files that are gone and left-over temporary files", async () => {
    await store.write(1, NEW, "small", Buffer.from("kept"));
    await store.write(2, NEW, "small", Buffer.from("orphan"));
    const leftover = `${store.pathOf(1, NEW, "preview")}.1234.tmp`;
    writeFileSync(leftover, "cut by a power loss");
    expect(await store.sweep(async (ids) => new Set(ids.filter((id) => id === 1)))).toBe(2);
    expect(await store.exists(1, NEW, "small")).toBe(true);
    expect(await store.exists(2, NEW, "small")).toBe(false);
    expect(existsSync(leftover)).toBe(false);
  });
});
