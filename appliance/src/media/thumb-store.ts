// Derived images on disk: <data>/cache/thumbs/<2 hex>/<fileId>-<sha256 prefix>-<size>.<webp|jpg>.
// The folder is picked from the file id (not the checksum) so everything of one
// file sits in one folder: deleting a file's thumbnails reads one small folder.
// Each thumbnail is written in ONE sequential write of the finished buffer to a
// temporary name, then renamed: an SD card sees no rewrites, a reader never
// sees half a thumbnail, and a power cut leaves no partial file under the real name.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type ThumbSize = "small" | "preview";
/** What a derived image is stored as: small thumbnails are WebP; a preview is JPEG unless it has transparency. */
export type ThumbFormat = "webp" | "jpg";
const CONTENT_TYPES: Record<ThumbFormat, string> = { webp: "image/webp", jpg: "image/jpeg" };

export interface StoredThumb {
  path: string;
  contentType: string;
}

/** JPEG files start with FF D8 FF; everything this store is given otherwise is WebP. */
export function formatOf(bytes: Uint8Array): ThumbFormat {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? "jpg" : "webp";
}
export const THUMB_SIZES: readonly ThumbSize[] = ["small", "preview"];

/** Characters of the checksum in a thumbnail's name and in its URL's `v`: enough to never collide for one file. */
export const VERSION_CHARS = 16;

export function versionOf(sha256: string): string {
  return sha256.slice(0, VERSION_CHARS);
}

export class ThumbStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, "cache", "thumbs");
  }

  private folderOf(fileId: number): string {
    return join(this.root, (fileId % 256).toString(16).padStart(2, "0"));
  }

  pathOf(fileId: number, sha256: string, size: ThumbSize, format: ThumbFormat = "webp"): string {
    return join(this.folderOf(fileId), `${fileId}-${versionOf(sha256)}-${size}.${format}`);
  }

  /** The stored thumbnail and its content type, or null when it was never made (or the cache was wiped). */
  async find(fileId: number, sha256: string, size: ThumbSize): Promise<StoredThumb | null> {
    const formats: ThumbFormat[] = size === "preview" ? ["jpg", "webp"] : ["webp"];
    for (const format of formats) {
      const path = this.pathOf(fileId, sha256, size, format);
      if ((await stat(path).catch(() => null))?.isFile()) return { path, contentType: CONTENT_TYPES[format] };
    }
    return null;
  }

  async exists(fileId: number, sha256: string, size: ThumbSize): Promise<boolean> {
    return (await this.find(fileId, sha256, size)) !== null;
  }

  async write(fileId: number, sha256: string, size: ThumbSize, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(fileId, sha256, size, formatOf(bytes));
    const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
    await mkdir(this.folderOf(fileId), { recursive: true, mode: 0o750 });
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Removes the file's thumbnails, all of them or all but those of `keepSha256` (older contents). */
  async remove(fileId: number, keepSha256?: string): Promise<number> {
    const folder = this.folderOf(fileId);
    const keep = keepSha256 ? `${fileId}-${versionOf(keepSha256)}-` : null;
    const names = await readdir(folder).catch(() => [] as string[]);
    const mine = names.filter((name) => name.startsWith(`${fileId}-`) && (keep === null || !name.startsWith(keep)));
    await Promise.all(mine.map((name) => rm(join(folder, name), { force: true })));
    return mine.length;
  }

  /** Removes thumbnails of files that no longer exist (a folder deleted as a whole, changes made while the service was down). */
  async sweep(exists: (fileIds: number[]) => Promise<Set<number>>): Promise<number> {
    let removed = 0;
    for (const shard of await readdir(this.root).catch(() => [] as string[])) {
      const folder = join(this.root, shard);
      const names = await readdir(folder).catch(() => [] as string[]);
      const ids = [...new Set(names.map((name) => Number.parseInt(name, 10)).filter(Number.isSafeInteger))];
      const alive = await exists(ids);
      const orphans = names.filter((name) => !alive.has(Number.parseInt(name, 10)) || name.endsWith(".tmp"));
      await Promise.all(orphans.map((name) => rm(join(folder, name), { force: true })));
      removed += orphans.length;
    }
    return removed;
  }
}
