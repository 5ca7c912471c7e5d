// EXIF dates, offsets and GPS as a person expects to see them, from real files
// written by sharp and real clips made by ffmpeg.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readExif, readVideo, spawnTool } from "../../appliance/src/media";
import { parseExifDate, parseOffset } from "../../appliance/src/media/metadata";
import { photoWithExif, pngWithAlpha, video } from "../fixtures/media/generate";

const HEIC = join(import.meta.dir, "../../../shared/corpus/images/heic/IMG_5195.HEIC");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cozy-media-meta-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("EXIF dates", () => {
  test("offsets are read as minutes east of UTC", () => {
    expect(parseOffset("+02:00")).toBe(120);
    expect(parseOffset("-05:30")).toBe(-330);
    expect(parseOffset("garbage")).toBeNull();
    expect(parseOffset(undefined)).toBeNull();
  });

  test("a date with its offset is an exact instant", () => {
    expect(parseExifDate("2021:04:11 15:47:53", -300)).toBe(Date.UTC(2021, 3, 11, 20, 47, 53));
  });

  test("nonsense dates (0000:00:00, missing) give no date rather than a wrong one", () => {
    expect(parseExifDate("0000:00:00 00:00:00", 0)).toBeNull();
    expect(parseExifDate("", 0)).toBeNull();
    expect(parseExifDate(12, 0)).toBeNull();
  });
});

describe("readExif", () => {
  test("a camera JPEG gives its date with offset, camera, exposure and GPS", async () => {
    const path = join(dir, "camera.jpg");
    writeFileSync(path, await photoWithExif());
    const meta = await readExif(path);
    expect(meta.takenAt).toBe(Date.UTC(2023, 6, 14, 16, 30, 5));
    expect(meta.offsetMinutes).toBe(120);
    expect([meta.make, meta.model]).toEqual(["Testcam", "Model 7"]);
    expect(meta.exposureTime).toBeCloseTo(1 / 250);
    expect(meta.fNumber).toBeCloseTo(2.8);
    expect(meta.iso).toBe(200);
    expect(meta.latitude).toBeCloseTo(48.8567, 3);
    expect(meta.longitude).toBeCloseTo(2.3508, 3);
  });

  test("the iPhone HEIC of the corpus gives its date taken with the offset it was taken at", async () => {
    const meta = await readExif(HEIC);
    expect(meta.takenAt).toBe(Date.UTC(2021, 3, 11, 20, 47, 53));
    expect(meta.offsetMinutes).toBe(-300);
    expect(meta.model).toBe("iPhone 11 Pro Max");
    expect(meta.lens).toContain("iPhone 11 Pro Max");
    expect(meta.latitude).toBeCloseTo(39.0513, 3);
    expect(meta.longitude).toBeCloseTo(-94.2888, 3);
  });

  test("a PNG without EXIF gives empty metadata, not an error", async () => {
    const path = join(dir, "plain.png");
    writeFileSync(path, await pngWithAlpha());
    expect((await readExif(path)).takenAt).toBeNull();
  });

  test("a file that is not an image gives empty metadata", async () => {
    const path = join(dir, "text.jpg");
    writeFileSync(path, "not a jpeg at all");
    expect((await readExif(path)).make).toBeNull();
  });
});

describe("readVideo", () => {
  test("duration, dimensions and creation date through ffprobe", async () => {
    const path = join(dir, "clip.mp4");
    await video(path, 320, 240);
    const meta = await readVideo(spawnTool, path, 20_000);
    expect(meta?.durationMs).toBe(3000);
    expect([meta?.width, meta?.height]).toEqual([320, 240]);
    expect(meta?.takenAt).toBe(Date.UTC(2022, 2, 4, 5, 6, 7));
  });

  test("a file that is not a video gives null", async () => {
    const path = join(dir, "fake.mp4");
    writeFileSync(path, "nope");
    expect(await readVideo(spawnTool, path, 20_000)).toBeNull();
  });
});
