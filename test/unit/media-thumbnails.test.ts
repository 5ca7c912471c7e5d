// Thumbnails with real sharp: sizes, all eight EXIF orientations upright
// (against the corpus's upright reference), no metadata left, bombs refused.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { thumbHashToApproximateAspectRatio } from "thumbhash";
import { deriveImages, tuneSharp, UnreadableImageError } from "../../appliance/src/media";
import { decodeSize } from "../../appliance/src/media/thumbnails";
import { photoWithExif, pngBomb, pngWithAlpha } from "../fixtures/media/generate";

const ORIENTATION = join(import.meta.dir, "../../../shared/corpus/images/orientation");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cozy-media-thumbs-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Mean absolute difference (0–255) between two pictures scaled to the same 64×64 grey grid. */
async function difference(a: Buffer | string, b: Buffer | string): Promise<number> {
  const grid = (input: Buffer | string) => sharp(input).resize(64, 64, { fit: "fill" }).greyscale().raw().toBuffer();
  const [x, y] = await Promise.all([grid(a), grid(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] ?? 0) - (y[i] ?? 0));
  return sum / x.length;
}

describe("sizes", () => {
  test("small has its shorter side at 256, preview its longest at 1440, aspect kept", async () => {
    const path = join(dir, "photo.jpg");
    writeFileSync(path, await photoWithExif(1600, 1200));
    const derived = await deriveImages(path);
    expect(derived.smallSize).toEqual({ width: 341, height: 256 });
    expect(derived.previewSize).toEqual({ width: 1440, height: 1080 });
    expect([derived.width, derived.height]).toEqual([1600, 1200]);
    expect(thumbHashToApproximateAspectRatio(Buffer.from(derived.thumbhash, "base64"))).toBeCloseTo(4 / 3, 0);
  });

  test("a picture smaller than the sizes is never enlarged", async () => {
    const path = join(dir, "tiny.png");
    writeFileSync(path, await pngWithAlpha(120, 80));
    const derived = await deriveImages(path);
    expect(derived.smallSize).toEqual({ width: 120, height: 80 });
    expect(derived.previewSize).toEqual({ width: 120, height: 80 });
  });

  test("a panorama decodes big enough for a 256 px shorter side", () => {
    expect(decodeSize(20_000, 2_000)).toEqual({ width: 2560, height: 256 });
    expect(decodeSize(4000, 3000)).toEqual({ width: 1440, height: 1080 });
  });
});

describe("libvips settings", () => {
  test("threads per image from cores and memory (one on a 2 GB Pi), operation cache off", () => {
    const GIB = 1024 ** 3;
    expect(tuneSharp(4, 2 * GIB)).toEqual({ concurrency: 1, cacheMb: 0 });
    expect(tuneSharp(4, 8 * GIB)).toEqual({ concurrency: 2, cacheMb: 0 });
    expect(sharp.concurrency()).toBe(2);
    expect(sharp.cache().memory.max).toBe(0);
    expect(tuneSharp(1, 8 * GIB).concurrency).toBe(1);
    tuneSharp();
  });
});

describe("derived images carry no metadata", () => {
  test("no EXIF, GPS or XMP in the small thumbnail (WebP) or the preview (JPEG), both in sRGB", async () => {
    const path = join(dir, "gps.jpg");
    writeFileSync(path, await photoWithExif());
    const derived = await deriveImages(path);
    for (const [image, format] of [[derived.small, "webp"], [derived.preview, "jpeg"]] as const) {
      const meta = await sharp(image).metadata();
      expect(meta.format).toBe(format);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.space).toBe("srgb");
      expect(image.includes(Buffer.from("Testcam"))).toBe(false);
    }
  });

  test("a PNG's transparency survives", async () => {
    const path = join(dir, "alpha.png");
    writeFileSync(path, await pngWithAlpha());
    const derived = await deriveImages(path);
    for (const image of [derived.small, derived.preview]) {
      const meta = await sharp(image).metadata();
      // The preview too: a transparent picture's preview stays WebP, not a JPEG on black.
      expect([meta.format, meta.hasAlpha]).toEqual(["webp", true]);
      expect((await sharp(image).stats()).isOpaque).toBe(false);
    }
  });
});

describe("orientation", () => {
  for (const shape of ["Landscape", "Portrait"]) {
    test(`${shape}: all 8 EXIF orientations come out upright`, async () => {
      const reference = readFileSync(join(ORIENTATION, `${shape}_0.jpg`));
      // The measure tells orientations apart: the raw pixels of a rotated file are far from the reference.
      expect(await difference(join(ORIENTATION, `${shape}_3.jpg`), reference)).toBeGreaterThan(25);
      for (let orientation = 1; orientation <= 8; orientation++) {
        const derived = await deriveImages(join(ORIENTATION, `${shape}_${orientation}.jpg`));
        const upright = shape === "Landscape" ? derived.smallSize.width > derived.smallSize.height : derived.smallSize.height > derived.smallSize.width;
        expect({ orientation, upright }).toEqual({ orientation, upright: true });
        expect({ orientation, close: (await difference(derived.small, reference)) < 12 }).toEqual({ orientation, close: true });
      }
    });
  }
});

describe("bad input", () => {
  test("a 50,000 × 50,000 PNG bomb is refused from its header, with a clear reason", async () => {
    const path = join(dir, "bomb.png");
    writeFileSync(path, pngBomb());
    const error = await deriveImages(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreadableImageError);
    expect((error as Error).message).toContain("too large");
  });

  test("a truncated JPEG fails with 'truncated'", async () => {
    const path = join(dir, "cut.jpg");
    writeFileSync(path, (await photoWithExif()).subarray(0, 20_000));
    expect(deriveImages(path)).rejects.toThrow("truncated");
  });

  test("an empty file and text named .jpg fail as not images", async () => {
    writeFileSync(join(dir, "empty.jpg"), "");
    writeFileSync(join(dir, "text.jpg"), "hello");
    expect(deriveImages(join(dir, "empty.jpg"))).rejects.toBeInstanceOf(UnreadableImageError);
    expect(deriveImages(join(dir, "text.jpg"))).rejects.toThrow("not an image");
  });
});
