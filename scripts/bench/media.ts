// Media figures of issue 4 (BENCH_ONLY=media): photos per second for the
// thumbnail pipeline (256 px WebP + ~1440 px preview + thumbhash) beside
// vipsthumbnail and ImageMagick's convert on the same files and core count,
// the service's peak RSS while it works through a batch, and EXIF reads per second.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deriveImages, readExif, tuneSharp } from "../../appliance/src/media";
import { record } from "./figures";
import { rssMegabytes, startServer } from "./processes";
import { signIn } from "./system";

const APPLIANCE = "appliance/dist/main.js";
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 40);
const WIDTH = 4000;
const HEIGHT = 3000;
const CORES = availableParallelism();

/** Sensor-like grain added in place: ±24 per channel from xorshift32 (sharp's gaussian noise takes seconds at 12 MP). */
function addGrain(pixels: Buffer, seed: number): void {
  let state = (seed * 2654435761) | 1;
  for (let i = 0; i < pixels.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const value = (pixels[i] ?? 0) + ((state & 63) - 32) * 0.75;
    pixels[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
}

/**
 * A 12-megapixel photo-like JPEG: gradients and overlapping translucent shapes
 * (drawn at a quarter of the size and scaled up, so edges are soft as in a photo)
 * under per-pixel grain, which keeps the JPEG as heavy to decode as a camera's.
 */
async function makePhoto(path: string, seed: number): Promise<void> {
  const hue = (seed * 47) % 360;
  const w = WIDTH / 4;
  const h = HEIGHT / 4;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,30%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},70%,70%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    ${Array.from({ length: 24 }, (_, i) => `<circle cx="${(i * 733 + seed * 97) % w}" cy="${(i * 457 + seed * 61) % h}" r="${20 + ((i * 37) % 100)}" fill="hsl(${(hue + i * 29) % 360},65%,55%)" fill-opacity="0.7"/>`).join("")}
    </svg>`;
  const pixels = await sharp(Buffer.from(svg)).resize(WIDTH, HEIGHT).removeAlpha().raw().toBuffer();
  addGrain(pixels, seed + 1);
  await sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 88 }).toFile(path);
}

/** Runs `work` over `items` with `workers` at a time; returns items per second. */
async function rate<T>(items: T[], workers: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
  return items.length / ((performance.now() - started) / 1000);
}

async function run(argv: string[]): Promise<void> {
  const child = Bun.spawn(argv, { stdout: "ignore", stderr: "pipe" });
  if ((await child.exited) !== 0) throw new Error(`${argv[0]} failed: ${(await new Response(child.stderr).text()).slice(0, 300)}`);
}

async function pipelineRate(photos: string[], out: string): Promise<number> {
  tuneSharp();
  return rate(photos, CORES, async (photo) => {
    const derived = await deriveImages(photo);
    const name = join(out, photo.split("/").pop() ?? "x");
    await Promise.all([Bun.write(`${name}-small.webp`, derived.small), Bun.write(`${name}-preview.jpg`, derived.preview)]);
  });
}

/** vipsthumbnail: the same two images as the pipeline (shorter side 256 for these landscape photos as WebP, longest 1440 as JPEG). */
function vipsRate(photos: string[], out: string): Promise<number> {
  return rate(photos, CORES, async (photo) => {
    const name = photo.split("/").pop()?.replace(".jpg", "") ?? "x";
    await run(["vipsthumbnail", photo, "-s", "100000x256", "-o", join(out, `${name}-small.webp[Q=78]`)]);
    await run(["vipsthumbnail", photo, "-s", "1440", "-o", join(out, `${name}-preview.jpg[Q=82]`)]);
  });
}

/** ImageMagick's convert -thumbnail, what PHP clouds run, making the same two images. */
function magickRate(photos: string[], out: string): Promise<number> {
  return rate(photos, CORES, async (photo) => {
    const name = join(out, photo.split("/").pop()?.replace(".jpg", "") ?? "x");
    await run(["/usr/bin/convert", photo, "-thumbnail", "x256", "-quality", "78", `${name}-small.webp`]);
    await run(["/usr/bin/convert", photo, "-thumbnail", "1440x1440", "-quality", "82", `${name}-preview.jpg`]);
  });
}

/** The real service: photos dropped into the person's folder over WebDAV, RSS sampled until every thumbnail exists. */
async function serviceBatch(work: string, photos: string[]): Promise<{ perSecond: number; peakMb: number }> {
  const app = await startServer(APPLIANCE, "/api/system/health", { COZY_DATA_DIR: join(work, "data") });
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const cookie = await signIn(base);
    const created = await fetch(`${base}/api/auth/app-passwords`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
    const { password } = (await created.json()) as { password: string };
    const authorization = `Basic ${Buffer.from(`bench:${password}`).toString("base64")}`;
    let peak = rssMegabytes(app.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(app.pid))), 50);
    const started = performance.now();
    await fetch(`${base}/dav/Bench`, { method: "MKCOL", headers: { authorization } });
    for (const photo of photos) {
      await fetch(`${base}/dav/Bench/${photo.split("/").pop()}`, { method: "PUT", headers: { authorization }, body: Bun.file(photo) });
    }
    const thumbs = join(app.dataDir, "cache", "thumbs");
    const count = () => readdirSync(thumbs, { recursive: true }).filter((name) => String(name).match(/-preview\.(jpg|webp)$/)).length;
    const deadline = started + 20 * 60_000;
    while (safeCount(count) < photos.length) {
      if (performance.now() > deadline) throw new Error("the service did not finish the photo batch within 20 minutes");
      await Bun.sleep(50);
    }
    const perSecond = photos.length / ((performance.now() - started) / 1000);
    clearInterval(sampler);
    return { perSecond, peakMb: peak };
  } finally {
    await app.stop();
  }
}

function safeCount(count: () => number): number {
  try {
    return count();
  } catch {
    return 0;
  }
}

/** The in-process figures: this pipeline beside the two anchors on the same files, then EXIF reads. */
export async function pipelineFigures(work: string, photos: string[]): Promise<void> {
  const outputs = ["cozy", "vips", "magick"].map((name) => (mkdirSync(join(work, name)), join(work, name)));
  const vips = await vipsRate(photos, outputs[1] ?? work);
  const ours = await pipelineRate(photos, outputs[0] ?? work);
  const magick = await magickRate(photos, outputs[2] ?? work);
  record(`thumbnails (256 WebP + 1440 JPEG preview + thumbhash), ${CORES} workers, beside vipsthumbnail`, ours, "photos/s", vips, ">= 0.8x vipsthumbnail", (r) => r !== null && r >= 0.8);
  record(`thumbnails, ${CORES} workers, beside ImageMagick convert -thumbnail`, ours, "photos/s", magick, ">= 4x convert", (r) => r !== null && r >= 4);
  const exif = await rate(photos, 1, (photo) => readExif(photo));
  record("metadata extraction (EXIF, one at a time)", exif, "files/s", null, "reported", () => true);
}

export async function makePhotos(folder: string, count: number): Promise<string[]> {
  const photos = Array.from({ length: count }, (_, i) => join(folder, `photo-${String(i).padStart(3, "0")}.jpg`));
  await rate(photos, CORES, (photo) => makePhoto(photo, photos.indexOf(photo)));
  return photos;
}

export async function benchMedia(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-media-"));
  const source = join(work, "photos");
  mkdirSync(source);
  try {
    console.log(`media: generating ${PHOTOS} 12-megapixel JPEGs…`);
    const photos = await makePhotos(source, PHOTOS);
    await pipelineFigures(work, photos);
    const service = await serviceBatch(work, photos);
    record(`service: ${PHOTOS} photos over WebDAV to thumbnails (end to end, queue-sized workers)`, service.perSecond, "photos/s", null, "reported", () => true);
    record("service peak RSS during the photo batch", service.peakMb, "MB", null, "<= 300 MB", () => service.peakMb <= 300);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
