// Drizzle queries for the file index, trash and versions.
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { files, fileVersions, trashItems, type FileRow, type TrashRow, type VersionRow } from "./files.schema";

export type NewFile = typeof files.$inferInsert;
export type ScanRow = Pick<FileRow, "id" | "path" | "kind" | "size" | "mtime">;

/** Rows at `path` or below it, without LIKE (names may contain % and _). */
function subtree(userId: number, path: string) {
  const prefix = `${path}/`;
  return and(eq(files.userId, userId), or(eq(files.path, path), sql`substr(${files.path}, 1, ${prefix.length}) = ${prefix}`));
}

export class FilesRepository {
  constructor(private readonly db: Database) {}

  async find(userId: number, path: string): Promise<FileRow | null> {
    const [row] = await this.db.select().from(files).where(and(eq(files.userId, userId), eq(files.path, path)));
    return row ?? null;
  }

  async findById(userId: number, id: number): Promise<FileRow | null> {
    const [row] = await this.db.select().from(files).where(and(eq(files.userId, userId), eq(files.id, id)));
    return row ?? null;
  }

  async children(userId: number, parentPath: string): Promise<FileRow[]> {
    return this.db
      .select()
      .from(files)
      .where(and(eq(files.userId, userId), eq(files.parentPath, parentPath)))
      .orderBy(asc(files.kind), asc(files.name));
  }

  /**
   * Only what a reconciling scan compares, for `path` and below. Fetched as
   * one JSON string built by SQLite: libsql makes an object per result row,
   * which for 100,000 files cost more than walking the disk itself.
   */
  async scanRows(userId: number, path = "/"): Promise<ScanRow[]> {
    const packed = sql<string | null>`json_group_array(json_array(${files.id}, ${files.path}, ${files.kind}, ${files.size}, ${files.mtime}))`;
    const where = path === "/" ? eq(files.userId, userId) : subtree(userId, path);
    const [result] = await this.db.select({ packed }).from(files).where(where);
    const tuples = JSON.parse(result?.packed ?? "[]") as [number, string, FileRow["kind"], number, number][];
    return tuples.map(([id, path, kind, size, mtime]) => ({ id, path, kind, size, mtime }));
  }

  async all(userId: number): Promise<FileRow[]> {
    return this.db.select().from(files).where(eq(files.userId, userId));
  }

  async upsert(row: NewFile): Promise<FileRow> {
    const [saved] = await this.db
      .insert(files)
      .values(row)
      .onConflictDoUpdate({
        target: [files.userId, files.path],
        set: { kind: row.kind, size: row.size, mtime: row.mtime, mime: row.mime, sha256: row.sha256 ?? null },
      })
      .returning();
    if (!saved) throw new Error("upsert returned no row");
    return saved;
  }

  /** Indexes many entries in one statement (a scan that found new files); returns the saved rows. */
  async upsertMany(rows: NewFile[]): Promise<FileRow[]> {
    if (rows.length === 0) return [];
    return this.db
      .insert(files)
      .values(rows)
      .onConflictDoUpdate({
        target: [files.userId, files.path],
        set: {
          kind: sql`excluded.kind`,
          size: sql`excluded.size`,
          mtime: sql`excluded.mtime`,
          mime: sql`excluded.mime`,
          sha256: sql`excluded.sha256`,
        },
      })
      .returning();
  }

  async removeSubtree(userId: number, path: string): Promise<FileRow[]> {
    return this.db.delete(files).where(subtree(userId, path)).returning();
  }

  /** Moves the index of `from` (and everything under it) to `to`. */
  async moveSubtree(userId: number, from: string, to: string, toParent: string, toName: string): Promise<void> {
    const cut = from.length + 1;
    await this.db.batch([
      this.db
        .update(files)
        .set({ path: sql`${to} || substr(${files.path}, ${cut})`, parentPath: sql`${to} || substr(${files.parentPath}, ${cut})` })
        .where(and(eq(files.userId, userId), sql`substr(${files.path}, 1, ${cut}) = ${`${from}/`}`)),
      this.db.update(files).set({ path: to, parentPath: toParent, name: toName }).where(and(eq(files.userId, userId), eq(files.path, from))),
    ]);
  }

  async addTrash(item: typeof trashItems.$inferInsert): Promise<TrashRow> {
    const [row] = await this.db.insert(trashItems).values(item).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  async listTrash(userId: number): Promise<TrashRow[]> {
    return this.db.select().from(trashItems).where(eq(trashItems.userId, userId)).orderBy(desc(trashItems.deletedAt));
  }

  async findTrash(userId: number, id: number): Promise<TrashRow | null> {
    const [row] = await this.db.select().from(trashItems).where(and(eq(trashItems.userId, userId), eq(trashItems.id, id)));
    return row ?? null;
  }

  async removeTrash(id: number): Promise<void> {
    await this.db.delete(trashItems).where(eq(trashItems.id, id));
  }

  async trashOlderThan(cutoff: number): Promise<TrashRow[]> {
    return this.db.select().from(trashItems).where(lt(trashItems.deletedAt, cutoff));
  }

  async addVersion(version: typeof fileVersions.$inferInsert): Promise<VersionRow> {
    const [row] = await this.db.insert(fileVersions).values(version).returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  }

  async listVersions(userId: number, path: string): Promise<VersionRow[]> {
    return this.db
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.userId, userId), eq(fileVersions.path, path)))
      .orderBy(desc(fileVersions.keptAt), desc(fileVersions.id));
  }

  async findVersion(userId: number, id: number): Promise<VersionRow | null> {
    const [row] = await this.db.select().from(fileVersions).where(and(eq(fileVersions.userId, userId), eq(fileVersions.id, id)));
    return row ?? null;
  }

  async removeVersion(id: number): Promise<void> {
    await this.db.delete(fileVersions).where(eq(fileVersions.id, id));
  }

  /** Re-keys the versions of `from` and of everything under it to `to` (a move, or into and out of the Trash). */
  async moveVersions(userId: number, from: string, to: string): Promise<void> {
    const cut = from.length + 1;
    await this.db
      .update(fileVersions)
      .set({ path: sql`${to} || substr(${fileVersions.path}, ${cut})` })
      .where(and(eq(fileVersions.userId, userId), or(eq(fileVersions.path, from), sql`substr(${fileVersions.path}, 1, ${cut}) = ${`${from}/`}`)));
  }

  async versionsUnder(userId: number, path: string): Promise<VersionRow[]> {
    const cut = path.length + 1;
    return this.db
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.userId, userId), or(eq(fileVersions.path, path), sql`substr(${fileVersions.path}, 1, ${cut}) = ${`${path}/`}`)));
  }
}
