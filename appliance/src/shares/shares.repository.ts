import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { shares, type ShareRow } from "./shares.schema";

export class SharesRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof shares.$inferInsert): Promise<ShareRow> {
    const [saved] = await this.db.insert(shares).values(row).returning();
    if (!saved) throw new Error("insert returned no row");
    return saved;
  }

  list(userId: number, fileId?: number): Promise<ShareRow[]> {
    const where = fileId === undefined ? eq(shares.userId, userId) : and(eq(shares.userId, userId), eq(shares.fileId, fileId));
    return this.db.select().from(shares).where(where).orderBy(desc(shares.createdAt));
  }

  async byToken(token: string): Promise<ShareRow | null> {
    const [row] = await this.db.select().from(shares).where(eq(shares.token, token));
    return row ?? null;
  }

  async remove(userId: number, id: number): Promise<boolean> {
    const result = await this.db.delete(shares).where(and(eq(shares.userId, userId), eq(shares.id, id)));
    return result.rowsAffected > 0;
  }
}
