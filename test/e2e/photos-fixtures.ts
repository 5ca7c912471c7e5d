// Photos for the Photos journey, made here with sharp (never checked in):
// JPEGs with real-looking content (soft shapes over a gradient and grain) and
// EXIF dates spread over three years, plus a short video made with ffmpeg.
import { createClient } from '@libsql/client';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';

export interface MadePhoto {
  file: string;
  name: string;
  /** The EXIF date taken, as the camera wrote it (local time, with its offset). */
  takenAt: number;
  offsetMinutes: number;
  width: number;
  height: number;
}

const PALETTES = [
  [[22, 78, 99], [236, 179, 101]],
  [[94, 129, 172], [235, 203, 139]],
  [[46, 125, 50], [200, 230, 201]],
  [[183, 28, 28], [255, 205, 210]],
  [[69, 39, 160], [179, 157, 219]],
  [[0, 105, 92], [255, 241, 118]],
] as const;

/** A picture: a vertical gradient, three soft discs, grain (so JPEG has real work to do). */
function pixels(width: number, height: number, seed: number): Buffer {
  const [top, bottom] = PALETTES[seed % PALETTES.length]!;
  const data = Buffer.alloc(width * height * 3);
  const discs = [0, 1, 2].map((k) => ({ x: ((seed * 97 + k * 211) % width), y: ((seed * 53 + k * 131) % height), r: 40 + ((seed + k) * 37) % 120 }));
  let state = seed * 2654435761 || 1;
  for (let y = 0; y < height; y += 1) {
    const mix = y / height;
    for (let x = 0; x < width; x += 1) {
      state = (state * 1103515245 + 12345) >>> 0;
      const grain = ((state >>> 24) - 128) / 16;
      const light = discs.reduce((sum, d) => sum + Math.max(0, 1 - Math.hypot(x - d.x, y - d.y) / d.r) * 70, 0);
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c += 1) data[at + c] = Math.max(0, Math.min(255, top[c]! * (1 - mix) + bottom[c]! * mix + light + grain));
    }
  }
  return data;
}

const exifDate = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/-/g, ':').replace('T', ' ');

export async function makePhotos(folder: string, count: number): Promise<MadePhoto[]> {
  await mkdir(folder, { recursive: true });
  const made: MadePhoto[] = [];
  for (let i = 0; i < count; i += 1) {
    const [width, height] = i % 4 === 3 ? [360, 540] : [640, 426];
    // Days of three to six photos (as after an outing), over three years: most in 2025, some in 2024, a few in 2023.
    const day = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5][i % 24]!;
    const [year, month, date] = ([[2025, 7, 14], [2025, 6, 2], [2025, 3, 21], [2024, 11, 24], [2024, 5, 9], [2023, 8, 30]] as const)[day]!;
    const takenAt = Date.UTC(year, month, date, 9 + (i % 8), (i * 13) % 60);
    const name = `IMG_${String(1000 + i)}.jpg`;
    const jpeg = await sharp(pixels(width, height, i + 1), { raw: { width, height, channels: 3 } })
      .withExif({
        IFD0: { Make: 'Canon', Model: 'EOS R6' },
        IFD2: { DateTimeOriginal: exifDate(takenAt), OffsetTimeOriginal: '+02:00', ExposureTime: '1/250', FNumber: '8', ISOSpeedRatings: '100' },
      })
      .jpeg({ quality: 82 })
      .toBuffer();
    const file = path.join(folder, name);
    await writeFile(file, jpeg);
    // The camera's local time +02:00 → the instant is two hours earlier in UTC.
    made.push({ file, name, takenAt: takenAt - 120 * 60_000, offsetMinutes: 120, width, height });
  }
  return made;
}

/** A two-second test-pattern video, or null when ffmpeg is not installed. */
export async function makeVideo(folder: string): Promise<string | null> {
  const file = path.join(folder, 'clip.mp4');
  try {
    const child = Bun.spawn(['ffmpeg', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=15', '-pix_fmt', 'yuv420p', file]);
    return (await child.exited) === 0 ? file : null;
  } catch {
    return null;
  }
}

async function thumbhashOf(file: string): Promise<string> {
  const { data, info } = await sharp(file).resize(100, 100, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/**
 * Stands in for the media pipeline when this build does not run it yet: writes
 * the media rows the pipeline would write (dates from EXIF, camera, thumbhash;
 * thumbnails still pending, so the UI shows placeholders and the originals).
 */
export async function indexWithoutPipeline(dataDir: string, files: Array<{ id: number; made: MadePhoto | null; video: boolean }>): Promise<void> {
  const client = createClient({ url: `file:${path.join(dataDir, 'cozy.db')}` });
  try {
    await client.execute('PRAGMA busy_timeout = 5000');
    for (const { id, made, video } of files) {
      const hash = made ? await thumbhashOf(made.file) : null;
      await client.execute({
        sql: `INSERT OR REPLACE INTO media_items (file_id, user_id, kind, taken_at, taken_at_offset_minutes, date_source, width, height, make, model,
              exposure_time, f_number, iso, thumbhash, thumbs_state, updated_at, duration_ms)
              VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
        args: [id, video ? 'video' : 'image', made?.takenAt ?? Date.now(), made ? 120 : null, made ? 'exif' : 'mtime', made?.width ?? 320, made?.height ?? 240,
          made ? 'Canon' : null, made ? 'EOS R6' : null, made ? 0.004 : null, made ? 8 : null, made ? 100 : null, hash, Date.now(), video ? 2000 : null],
      });
    }
  } finally {
    client.close();
  }
}

export { writeFile };

/**
 * Many photos at once, straight into the index (files and media rows, no bytes
 * on disk): enough to see that the grid draws only what is in view. One photo
 * every `stepHours`, going back from `newest`.
 */
export async function indexMany(dataDir: string, count: number, newest: number, stepHours: number, thumbhash: string): Promise<void> {
  const client = createClient({ url: `file:${path.join(dataDir, 'cozy.db')}` });
  try {
    await client.execute('PRAGMA busy_timeout = 5000');
    const now = Date.now();
    for (let start = 0; start < count; start += 1000) {
      const statements = [];
      for (let i = start; i < Math.min(count, start + 1000); i += 1) {
        const name = `ARCHIVE_${String(i).padStart(5, '0')}.jpg`;
        statements.push({
          sql: `INSERT INTO files (user_id, path, parent_path, name, kind, size, mtime, mime, created_at) VALUES (1, ?, '/Archive', ?, 'file', 1000, ?, 'image/jpeg', ?)`,
          args: [`/Archive/${name}`, name, now, now],
        });
        statements.push({
          sql: `INSERT INTO media_items (file_id, user_id, kind, taken_at, date_source, width, height, thumbhash, thumbs_state, updated_at)
                VALUES (last_insert_rowid(), 1, 'image', ?, 'exif', 4000, 3000, ?, 'pending', ?)`,
          args: [newest - i * stepHours * 3_600_000, thumbhash, now],
        });
      }
      await client.batch(statements, 'write');
    }
  } finally {
    client.close();
  }
}

export async function thumbhashOfFile(file: string): Promise<string> {
  return thumbhashOf(file);
}
