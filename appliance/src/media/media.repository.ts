// Drizzle queries for media_items, plus the few reads of the file index the
// pipeline needs (a file by id or path, duplicate checksums). Those read the
// files table directly: a GROUP BY over checksums has no place in the file service.
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { files, type FileRow } from "../files/files.schema";
import { HEIC, SHARP_IMAGES } from "./media.model";
import { mediaItems, type MediaItemRow } from "./media.schema";

export type NewMediaItem = typeof mediaItems.$inferInsert;

export interface DuplicateGroup {
  sha256: string;
  size: number;
  files: Pick<FileRow, "id" | "path" | "name" | "mtime">[];
}

/** MIME types the pipeline makes a media item of (photos and videos) and backfills at start. */
const MEDIA_MIME = or(inArray(files.mime, [...SHARP_IMAGES, ...HEIC]), sql`${files.mime} like 'video/%'`);

export class MediaRepository {
  constructor(private readonly db: Database) {}

  async file(userId: number, fileId: number): Promise<FileRow | null> {
    const [row] = await this.db.select().from(files).where(and(eq(files.userId, userId), eq(files.id, fileId)));
    return row ?? null;
  }

  async fileAt(userId: number, path: string): Promise<FileRow | null> {
    const [row] = await this.db.select().from(files).where(and(eq(files.userId, userId), eq(files.path, path)));
    return row ?? null;
  }

  async find(fileId: number): Promise<MediaItemRow | null> {
    const [row] = await this.db.select().from(mediaItems).where(eq(mediaItems.fileId, fileId));
    return row ?? null;
  }

  async save(item: NewMediaItem): Promise<void> {
    const { fileId, ...rest } = item;
    await this.db.insert(mediaItems).values(item).onConflictDoUpdate({ target: mediaItems.fileId, set: rest });
  }

  /** A row that only says "a photo is here, still being looked at"; never replaces what an analysis wrote. */
  async savePlaceholder(item: NewMediaItem): Promise<void> {
    await this.db.insert(mediaItems).values(item).onConflictDoNothing();
  }

  async remove(fileId: number): Promise<void> {
    await this.db.delete(mediaItems).where(eq(mediaItems.fileId, fileId));
  }

  /** Files with the same content (sha256) as another of the person's files, grouped, largest first. */
  async duplicates(userId: number, limit: number): Promise<DuplicateGroup[]> {
    const shared = this.db
      .select({ sha256: files.sha256 })
      .from(files)
      .where(and(eq(files.userId, userId), eq(files.kind, "file"), isNotNull(files.sha256), ne(files.size, 0)))
      .groupBy(files.sha256)
      .having(sql`count(*) > 1`);
    const rows = await this.db
      .select({ id: files.id, path: files.path, name: files.name, mtime: files.mtime, size: files.size, sha256: files.sha256 })
      .from(files)
      .where(and(eq(files.userId, userId), inArray(files.sha256, shared)))
      .orderBy(sql`${files.size} desc`, asc(files.sha256), asc(files.path));
    const groups = new Map<string, DuplicateGroup>();
    for (const { sha256, size, ...file } of rows) {
      if (!sha256) continue;
      const group = groups.get(sha256) ?? { sha256, size, files: [] };
      group.files.push(file);
      groups.set(sha256, group);
    }
    return [...groups.values()].slice(0, limit);
  }

  /** Of these ids, those that are still files. */
  async existing(fileIds: number[]): Promise<Set<number>> {
    if (fileIds.length === 0) return new Set();
    const rows = await this.db.select({ id: files.id }).from(files).where(inArray(files.id, fileIds));
    return new Set(rows.map((row) => row.id));
  }

  /** Photos and videos whose media item is missing or was made from older content (files added while the pipeline was not there). */
  async needingAnalysis(limit: number): Promise<{ id: number; userId: number }[]> {
    return this.db
      .select({ id: files.id, userId: files.userId })
      .from(files)
      .leftJoin(mediaItems, eq(mediaItems.fileId, files.id))
      .where(and(eq(files.kind, "file"), isNotNull(files.sha256), MEDIA_MIME, or(isNull(mediaItems.fileId), isNull(mediaItems.thumbsSha256), ne(mediaItems.thumbsSha256, files.sha256))))
      .limit(limit);
  }
}
