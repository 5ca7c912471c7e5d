// Thumbnails with sharp (libvips), tuned for a Raspberry Pi 4/5 (arm64, 2–8 GB,
// an SD card): every photo is decoded ONCE, and the small thumbnail, the
// preview and the thumbhash are all derived from that one decode.
import { availableParallelism, totalmem } from "node:os";
import sharp from "sharp";
import { rgbaToThumbHash } from "thumbhash";

/** Shorter side of the grid thumbnail (the grid crops it square with CSS). */
export const SMALL_SHORT_SIDE = 256;
/** Longest side of the lightbox preview. */
export const PREVIEW_LONG_SIDE = 1440;
/** thumbhash works on at most 100×100 pixels. */
const HASH_SIDE = 100;

/**
 * Decompression bombs: a 50,000 × 50,000 PNG is a few KB on disk and 10 GB of
 * pixels. 200 megapixels covers every camera and phone panorama in use while
 * refusing such files before a single pixel is decoded.
 */
export const MAX_INPUT_PIXELS = 200_000_000;

/** The image cannot be turned into thumbnails (damaged, truncated, a bomb, not an image): retrying will not help. */
export class UnreadableImageError extends Error {}

export interface Derived {
  small: Buffer;
  preview: Buffer;
  thumbhash: string;
  /** Upright dimensions of the original. */
  width: number;
  height: number;
  smallSize: { width: number; height: number };
  previewSize: { width: number; height: number };
}

const GIB = 1024 ** 3;

/**
 * libvips settings for the box, applied once at start.
 * - concurrency: libvips threads per image. The queue already runs photos in
 *   parallel (one per worker), so each image gets cores / 2 threads: a Pi 4 or 5
 *   (4 cores) runs 2 photos × 2 threads instead of oversubscribing. Each thread
 *   keeps its own decode buffers, so a 2 GB Pi gets 1 thread per image.
 * - cache: off. libvips's operation cache (50 MB by default) only pays when the
 *   same image is processed again, which a thumbnailer never does; measured on
 *   12 MP JPEGs it only raised the service's peak RSS. That memory is better
 *   left to the SD card's page cache.
 * (MALLOC_ARENA_MAX=2 for glibc is set where the service starts: `make run`, the image, the benchmark.)
 */
export function tuneSharp(cores = availableParallelism(), memoryBytes = totalmem()): { concurrency: number; cacheMb: number } {
  const concurrency = memoryBytes <= 2 * GIB ? 1 : Math.max(1, Math.floor(cores / 2));
  sharp.concurrency(concurrency);
  sharp.cache(false);
  return { concurrency, cacheMb: 0 };
}

/** Size of the one decode: big enough for the preview AND for the small thumbnail's shorter side, never enlarged. */
export function decodeSize(width: number, height: number): { width: number; height: number } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const scale = Math.min(1, Math.max(PREVIEW_LONG_SIDE / long, SMALL_SHORT_SIDE / short));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return `The image is too large to open safely (more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels).`;
  if (/premature end|truncated|unexpected end/i.test(message)) return "The image is truncated (the file ends before the picture does).";
  if (/unsupported image format|bad seek|not a known file format|empty/i.test(message)) return "The file is not an image this box can read.";
  return `The image is damaged: ${message.split("\n")[0]}`;
}

/** Upright dimensions from the header alone (no pixels decoded); refuses bombs and non-images early. */
export async function probeImage(path: string, autoOrient = true): Promise<{ width: number; height: number; orientation: number | null }> {
  try {
    const meta = await sharp(path, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error("unsupported image format");
    if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Error("Input image exceeds pixel limit");
    const upright = autoOrient && meta.autoOrient ? meta.autoOrient : meta;
    return { width: upright.width, height: upright.height, orientation: meta.orientation ?? null };
  } catch (error) {
    throw new UnreadableImageError(explain(error));
  }
}

/**
 * The one decode: straight from the file (so libjpeg's shrink-on-load scales by
 * 1/2, 1/4, 1/8 while decoding a JPEG), rotated upright, converted to sRGB, down
 * to the decode size, as raw pixels. Everything below starts from these pixels.
 * `withMetadata` is never called, so no EXIF, GPS or XMP reaches a derived image.
 */
async function decodeOnce(path: string, size: { width: number; height: number }, autoOrient: boolean) {
  let pipeline = sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
  if (autoOrient) pipeline = pipeline.rotate();
  return pipeline
    .resize(size.width, size.height, { fit: "fill", withoutEnlargement: true })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
}

type Resize = sharp.ResizeOptions & { width: number; height: number };

async function encode(pixels: sharp.Sharp, resize: Resize, quality: number) {
  return pixels.clone().resize(resize).webp({ quality, effort: 2, alphaQuality: 80 }).toBuffer({ resolveWithObject: true });
}

/**
 * The preview is a JPEG unless the picture has transparency (then WebP, which
 * keeps it). Measured on 12 MP photos: encoding a 1440 px WebP costs ~200 ms of
 * CPU, a JPEG (libjpeg-turbo) ~50 ms, and that was half of a photo's whole
 * budget; at preview size the two look the same, and every browser shows both.
 * Huffman tables are not optimised: that second pass cost ~15 ms a photo (8%
 * of the whole) for a file a few % smaller, which a LAN does not notice.
 */
async function encodePreview(pixels: sharp.Sharp, resize: Resize, quality: number, hasAlpha: boolean) {
  if (hasAlpha) return encode(pixels, resize, quality);
  return pixels.clone().resize(resize).jpeg({ quality, chromaSubsampling: "4:2:0", optimiseCoding: false }).toBuffer({ resolveWithObject: true });
}

async function thumbhashOf(pixels: sharp.Sharp): Promise<string> {
  const { data, info } = await pixels.clone().resize(HASH_SIDE, HASH_SIDE, { fit: "inside" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
}

/**
 * Small thumbnail (shorter side 256, WebP), preview (longest side 1440, JPEG or WebP)
 * and thumbhash from one decode of `path`. `autoOrient` is false for images a
 * decoder already turned upright (HEIC through libheif, video frames through ffmpeg).
 */
export async function deriveImages(path: string, options: { autoOrient?: boolean } = {}): Promise<Derived> {
  const autoOrient = options.autoOrient ?? true;
  const original = await probeImage(path, autoOrient);
  try {
    const { data, info } = await decodeOnce(path, decodeSize(original.width, original.height), autoOrient);
    const pixels = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    // One after the other, not in parallel: three WebP encoders at once double the
    // peak memory for no gain (the queue already runs photos in parallel).
    const small = await encode(pixels, { width: SMALL_SHORT_SIDE, height: SMALL_SHORT_SIDE, fit: "outside", withoutEnlargement: true }, 78);
    const previewResize: Resize = { width: PREVIEW_LONG_SIDE, height: PREVIEW_LONG_SIDE, fit: "inside", withoutEnlargement: true };
    const preview = await encodePreview(pixels, previewResize, 82, info.channels === 4 || info.channels === 2);
    const thumbhash = await thumbhashOf(pixels);
    return {
      small: small.data,
      preview: preview.data,
      thumbhash,
      width: original.width,
      height: original.height,
      smallSize: { width: small.info.width, height: small.info.height },
      previewSize: { width: preview.info.width, height: preview.info.height },
    };
  } catch (error) {
    throw new UnreadableImageError(explain(error));
  }
}
