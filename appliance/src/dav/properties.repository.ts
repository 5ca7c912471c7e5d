// Drizzle queries for WebDAV dead properties (table file_properties, kept with
// the file they describe: they follow a MOVE, as the file keeps its id, and go
// with it when it is deleted, by the foreign key's cascade).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { fileProperties } from "../db/schema";

export interface DeadProperty {
  namespace: string;
  name: string;
  /** The property's content as self-contained XML (see xml.ts serializeNodes). */
  value: string;
}

export type PropertyChange = ({ op: "set" } & DeadProperty) | { op: "remove"; namespace: string; name: string };

export class PropertiesRepository {
  constructor(private readonly db: Database) {}

  async forFiles(fileIds: readonly number[]): Promise<Map<number, DeadProperty[]>> {
    const byFile = new Map<number, DeadProperty[]>();
    if (fileIds.length === 0) return byFile;
    const rows = await this.db.select().from(fileProperties).where(inArray(fileProperties.fileId, [...fileIds]));
    for (const { fileId, ...property } of rows) byFile.set(fileId, [...(byFile.get(fileId) ?? []), property]);
    return byFile;
  }

  async count(fileId: number): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(fileProperties).where(eq(fileProperties.fileId, fileId));
    return row?.n ?? 0;
  }

  /** Applies the changes in order, all or none (one batch is one transaction). */
  async apply(fileId: number, changes: readonly PropertyChange[]): Promise<void> {
    const statements = changes.map((change) => {
      const key = and(eq(fileProperties.fileId, fileId), eq(fileProperties.namespace, change.namespace), eq(fileProperties.name, change.name));
      if (change.op === "remove") return this.db.delete(fileProperties).where(key);
      return this.db
        .insert(fileProperties)
        .values({ fileId, namespace: change.namespace, name: change.name, value: change.value })
        .onConflictDoUpdate({ target: [fileProperties.fileId, fileProperties.namespace, fileProperties.name], set: { value: change.value } });
    });
    const [first, ...rest] = statements;
    if (first) await this.db.batch([first, ...rest]);
  }

  /**
   * Copies the properties of `from` and everything below it onto the
   * matching entries below `to`, in one statement (COPY, RFC 4918 §9.8.2:
   * dead properties are duplicated).
   */
  async copySubtree(userId: number, from: string, to: string): Promise<void> {
    const cut = from.length + 1;
    const prefix = `${from}/`;
    await this.db.run(sql`
      INSERT OR REPLACE INTO file_properties (file_id, namespace, name, value)
      SELECT dst.id, p.namespace, p.name, p.value
      FROM file_properties p
      JOIN files src ON src.id = p.file_id
      JOIN files dst ON dst.user_id = src.user_id AND dst.path = ${to} || substr(src.path, ${cut})
      WHERE src.user_id = ${userId} AND (src.path = ${from} OR substr(src.path, 1, ${prefix.length}) = ${prefix})`);
  }
}
