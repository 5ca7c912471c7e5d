// Drizzle queries for app passwords; no rules here, only storage.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { appPasswords, users, type AppPasswordRow, type UserRow } from "./auth.schema";

export type NewAppPassword = Omit<typeof appPasswords.$inferInsert, "id" | "lastUsedAt" | "smbAccount">;
export type AppPasswordListing = Omit<AppPasswordRow, "passwordHash">;
export type InsertOutcome = { inserted: AppPasswordRow } | { refused: "too_many" | "name_taken" };

const listingColumns = {
  id: appPasswords.id,
  userId: appPasswords.userId,
  name: appPasswords.name,
  createdAt: appPasswords.createdAt,
  lastUsedAt: appPasswords.lastUsedAt,
  smbAccount: appPasswords.smbAccount,
};

export class AppPasswordRepository {
  constructor(private readonly db: Database) {}

  /** The person's app passwords, newest first, without their hashes. */
  async list(userId: number): Promise<AppPasswordListing[]> {
    return this.db
      .select(listingColumns)
      .from(appPasswords)
      .where(eq(appPasswords.userId, userId))
      .orderBy(desc(appPasswords.createdAt), desc(appPasswords.id));
  }

  /** With their hashes, most recently used (or created) first: the likeliest match is tried first. */
  async listForVerification(userId: number, limit: number): Promise<AppPasswordRow[]> {
    return this.db
      .select()
      .from(appPasswords)
      .where(eq(appPasswords.userId, userId))
      .orderBy(sql`max(coalesce(${appPasswords.lastUsedAt}, 0), ${appPasswords.createdAt}) DESC`, desc(appPasswords.id))
      .limit(limit);
  }

  /**
   * Inserts only while the person has fewer than `max` app passwords and none
   * named the same (ASCII case-insensitively, as SQLite's lower() folds), in
   * one statement, so two requests at once cannot both slip past the checks.
   */
  async insertGuarded(row: NewAppPassword, max: number): Promise<InsertOutcome> {
    const result = await this.db.run(sql`
      INSERT INTO app_passwords (user_id, name, password_hash, created_at)
      SELECT ${row.userId}, ${row.name}, ${row.passwordHash}, ${row.createdAt}
      WHERE (SELECT count(*) FROM app_passwords WHERE user_id = ${row.userId}) < ${max}
        AND NOT EXISTS (SELECT 1 FROM app_passwords WHERE user_id = ${row.userId} AND lower(name) = lower(${row.name}))`);
    if (result.rowsAffected === 1 && result.lastInsertRowid !== undefined) {
      return { inserted: { ...row, id: Number(result.lastInsertRowid), lastUsedAt: null, smbAccount: null } };
    }
    return { refused: (await this.count(row.userId)) >= max ? "too_many" : "name_taken" };
  }

  async count(userId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(appPasswords)
      .where(eq(appPasswords.userId, userId));
    return row?.n ?? 0;
  }

  /** The app password and its person, when both still exist. */
  async findWithUser(id: number): Promise<{ appPassword: AppPasswordListing; user: UserRow } | null> {
    const [row] = await this.db
      .select({ appPassword: listingColumns, user: users })
      .from(appPasswords)
      .innerJoin(users, eq(users.id, appPasswords.userId))
      .where(eq(appPasswords.id, id));
    return row ?? null;
  }

  /** The person's app password, or null when it is not theirs (or does not exist). */
  async findOwned(userId: number, id: number): Promise<AppPasswordListing | null> {
    const [row] = await this.db
      .select(listingColumns)
      .from(appPasswords)
      .where(and(eq(appPasswords.id, id), eq(appPasswords.userId, userId)));
    return row ?? null;
  }

  async setSmbAccount(id: number, smbAccount: string): Promise<void> {
    await this.db.update(appPasswords).set({ smbAccount }).where(eq(appPasswords.id, id));
  }

  async touch(id: number, lastUsedAt: number): Promise<void> {
    await this.db.update(appPasswords).set({ lastUsedAt }).where(eq(appPasswords.id, id));
  }

  /** Deletes it only if it belongs to `userId`; false when there was no such one. */
  async delete(userId: number, id: number): Promise<boolean> {
    const result = await this.db.delete(appPasswords).where(and(eq(appPasswords.id, id), eq(appPasswords.userId, userId)));
    return result.rowsAffected > 0;
  }
}
