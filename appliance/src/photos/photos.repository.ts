import { and, count, desc, eq, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { files } from "../files/files.schema";
// The media pipeline owns media_items; Photos only reads it.
import { mediaItems } from "../media";
import type { MediaWithFile, TimelineKey } from "./photos.model";
import { albumItems, albums, photoSettings, type AlbumRow, type PhotoSettingsRow } from "./photos.schema";

/** Which photos a listing covers: the whole timeline (limited to some folders) or one album. */
export interface Scope {
  userId: number;
  /** Drive folders to keep; null keeps all. */
  folders: string[] | null;
  albumId?: number;
}

const fileColumns = { id: files.id, path: files.path, name: files.name, mime: files.mime, sha256: files.sha256, size: files.size, mtime: files.mtime };

function inFolders(folders: string[] | null): SQL | undefined {
  if (!folders) return undefined;
  // substr/length count characters in SQLite, so the prefix test is exact for any name (LIKE would treat % and _ as wildcards).
  return or(...folders.map((folder) => or(eq(files.path, folder), sql`substr(${files.path}, 1, length(${`${folder}/`})) = ${`${folder}/`}`)));
}

function olderThan(key: TimelineKey | null): SQL | undefined {
  if (!key) return undefined;
  return or(lt(mediaItems.takenAt, key.takenAt), and(eq(mediaItems.takenAt, key.takenAt), lt(mediaItems.fileId, key.fileId)));
}

export class PhotosRepository {
  constructor(private readonly db: Database) {}

  /** The rows of a scope, older than a key (keyset paging, never OFFSET). */
  private where(scope: Scope, after: TimelineKey | null = null): SQL | undefined {
    const inAlbum = scope.albumId === undefined
      ? undefined
      : inArray(mediaItems.fileId, this.db.select({ fileId: albumItems.fileId }).from(albumItems).where(eq(albumItems.albumId, scope.albumId)));
    return and(eq(mediaItems.userId, scope.userId), eq(files.userId, scope.userId), inFolders(scope.folders), inAlbum, olderThan(after));
  }

  /** Newest first by date taken, then file id: the (user_id, taken_at) index gives this order (file_id is the rowid). */
  page(scope: Scope, after: TimelineKey | null, limit: number): Promise<MediaWithFile[]> {
    return this.db
      .select({ media: mediaItems, file: fileColumns })
      .from(mediaItems)
      .innerJoin(files, eq(files.id, mediaItems.fileId))
      .where(this.where(scope, after))
      .orderBy(desc(mediaItems.takenAt), desc(mediaItems.fileId))
      .limit(limit);
  }

  /**
   * A cheap digest of a scope's photos and their dates (one aggregate over the
   * index): it changes when a photo comes, goes, or gets another date, so a
   * summary computed earlier can be served again while it stays the same.
   */
  async fingerprint(scope: Scope): Promise<string> {
    const [row] = await this.db
      .select({
        n: count(),
        dates: sql<number>`total(${mediaItems.takenAt})`,
        ids: sql<number>`total(${mediaItems.fileId})`,
        offsets: sql<number>`total(coalesce(${mediaItems.takenAtOffsetMinutes}, 1441))`,
        changed: sql<number>`max(${mediaItems.updatedAt})`,
      })
      .from(mediaItems)
      .innerJoin(files, eq(files.id, mediaItems.fileId))
      .where(this.where(scope));
    return row ? `${row.n}:${row.dates}:${row.ids}:${row.offsets}:${row.changed}` : "0";
  }

  /**
   * Runs of same-day photos in timeline order, counted inside SQLite (a few
   * thousand rows come out for 50,000 photos, not 50,000). A photo's day is
   * its local day: its own UTC offset when the camera recorded one, else the
   * viewer's. Runs rather than GROUP BY day: they follow the exact order of
   * the pages even when time zones interleave two days ("gaps and islands":
   * row number overall minus row number within the day is constant along a run).
   * Each run carries the key of its first photo.
   */
  async dayRuns(scope: Scope, viewerOffsetMinutes: number): Promise<Array<{ day: string; count: number; takenAt: number; fileId: number }>> {
    const day = sql`date((${mediaItems.takenAt} + coalesce(${mediaItems.takenAtOffsetMinutes}, ${viewerOffsetMinutes}) * 60000) / 1000, 'unixepoch')`;
    const rows = await this.db.all<{ day: string; count: number; takenAt: number; fileId: number }>(sql`
      WITH numbered AS (
        SELECT ${mediaItems.takenAt} AS taken_at, ${mediaItems.fileId} AS file_id, ${day} AS day,
          row_number() OVER (ORDER BY ${mediaItems.takenAt} DESC, ${mediaItems.fileId} DESC) AS overall,
          row_number() OVER (PARTITION BY ${day} ORDER BY ${mediaItems.takenAt} DESC, ${mediaItems.fileId} DESC) AS in_day
        FROM ${mediaItems} INNER JOIN ${files} ON ${files.id} = ${mediaItems.fileId}
        WHERE ${this.where(scope)}
      )
      -- With a single min() aggregate, SQLite takes the bare columns from the row holding the minimum: the run's first photo.
      SELECT day, count(*) AS count, min(overall) AS first, taken_at AS takenAt, file_id AS fileId
      FROM numbered GROUP BY day, overall - in_day ORDER BY first`);
    return rows.map((row) => ({ day: row.day, count: Number(row.count), takenAt: Number(row.takenAt), fileId: Number(row.fileId) }));
  }

  async item(userId: number, fileId: number): Promise<MediaWithFile | null> {
    const [row] = await this.db
      .select({ media: mediaItems, file: fileColumns })
      .from(mediaItems)
      .innerJoin(files, eq(files.id, mediaItems.fileId))
      .where(and(eq(mediaItems.fileId, fileId), eq(mediaItems.userId, userId), eq(files.userId, userId)));
    return row ?? null;
  }

  /** Which of these file ids are the person's photos or videos. */
  async ownedMedia(userId: number, fileIds: number[]): Promise<Set<number>> {
    const rows = await this.db
      .select({ fileId: mediaItems.fileId })
      .from(mediaItems)
      .where(and(eq(mediaItems.userId, userId), inArray(mediaItems.fileId, fileIds)));
    return new Set(rows.map((row) => row.fileId));
  }

  duplicates(userId: number, fileId: number, sha256: string): Promise<Array<{ fileId: number; path: string }>> {
    return this.db
      .select({ fileId: files.id, path: files.path })
      .from(files)
      .where(and(eq(files.userId, userId), eq(files.sha256, sha256), ne(files.id, fileId), eq(files.kind, "file")))
      .orderBy(files.path)
      .limit(50);
  }

  albumsOf(userId: number, fileId: number): Promise<Array<{ id: number; name: string }>> {
    return this.db
      .select({ id: albums.id, name: albums.name })
      .from(albumItems)
      .innerJoin(albums, eq(albums.id, albumItems.albumId))
      .where(and(eq(albums.userId, userId), eq(albumItems.fileId, fileId)))
      .orderBy(albums.name);
  }

  // Albums

  listAlbums(userId: number): Promise<AlbumRow[]> {
    return this.db.select().from(albums).where(eq(albums.userId, userId)).orderBy(desc(albums.updatedAt), desc(albums.id));
  }

  async countAlbums(userId: number): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(albums).where(eq(albums.userId, userId));
    return row?.n ?? 0;
  }

  async album(userId: number, id: number): Promise<AlbumRow | null> {
    const [row] = await this.db.select().from(albums).where(and(eq(albums.userId, userId), eq(albums.id, id)));
    return row ?? null;
  }

  /** Photos in an album that still are photos (a file whose content changed to a non-image drops out). */
  async albumCount(userId: number, albumId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(albumItems)
      .innerJoin(mediaItems, eq(mediaItems.fileId, albumItems.fileId))
      .where(and(eq(albumItems.albumId, albumId), eq(mediaItems.userId, userId)));
    return row?.n ?? 0;
  }

  async insertAlbum(row: typeof albums.$inferInsert): Promise<AlbumRow> {
    const [saved] = await this.db.insert(albums).values(row).returning();
    if (!saved) throw new Error("insert returned no row");
    return saved;
  }

  async updateAlbum(userId: number, id: number, changes: Partial<Pick<AlbumRow, "name" | "coverFileId" | "updatedAt">>): Promise<void> {
    await this.db.update(albums).set(changes).where(and(eq(albums.userId, userId), eq(albums.id, id)));
  }

  async deleteAlbum(userId: number, id: number): Promise<boolean> {
    const result = await this.db.delete(albums).where(and(eq(albums.userId, userId), eq(albums.id, id)));
    return result.rowsAffected > 0;
  }

  async addItems(albumId: number, fileIds: number[], now: number): Promise<number> {
    const result = await this.db
      .insert(albumItems)
      .values(fileIds.map((fileId) => ({ albumId, fileId, addedAt: now })))
      .onConflictDoNothing();
    return result.rowsAffected;
  }

  async removeItems(albumId: number, fileIds: number[]): Promise<number> {
    const result = await this.db.delete(albumItems).where(and(eq(albumItems.albumId, albumId), inArray(albumItems.fileId, fileIds)));
    return result.rowsAffected;
  }

  async inAlbum(albumId: number, fileId: number): Promise<boolean> {
    const [row] = await this.db.select({ fileId: albumItems.fileId }).from(albumItems).where(and(eq(albumItems.albumId, albumId), eq(albumItems.fileId, fileId)));
    return row !== undefined;
  }

  // Settings

  async settings(userId: number): Promise<PhotoSettingsRow | null> {
    const [row] = await this.db.select().from(photoSettings).where(eq(photoSettings.userId, userId));
    return row ?? null;
  }

  async saveSettings(row: PhotoSettingsRow): Promise<void> {
    await this.db
      .insert(photoSettings)
      .values(row)
      .onConflictDoUpdate({ target: photoSettings.userId, set: { folders: row.folders, uploadFolder: row.uploadFolder, updatedAt: row.updatedAt } });
  }
}
