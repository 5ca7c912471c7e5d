// Drizzle queries for people and sessions; no rules here, only storage.
import { and, count, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { sessions, users, type SessionRow, type UserRow } from "./auth.schema";

export type NewUser = typeof users.$inferInsert;
export type NewSession = typeof sessions.$inferInsert;

export class AuthRepository {
  constructor(private readonly db: Database) {}

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }

  /** Inserts the owner only if there is no user yet, atomically; null when one already exists. */
  async insertFirstUser(user: NewUser): Promise<UserRow | null> {
    const rows = await this.db.run(sql`
      INSERT INTO users (name, name_key, role, passphrase_hash, created_at, passphrase_changed_at, locale)
      SELECT ${user.name}, ${user.nameKey}, ${user.role}, ${user.passphraseHash}, ${user.createdAt},
             ${user.passphraseChangedAt}, ${user.locale ?? null}
      WHERE NOT EXISTS (SELECT 1 FROM users)`);
    if (rows.rowsAffected !== 1) return null;
    return this.findUserByNameKey(user.nameKey);
  }

  async findUserByNameKey(nameKey: string): Promise<UserRow | null> {
    const [row] = await this.db.select().from(users).where(eq(users.nameKey, nameKey));
    return row ?? null;
  }

  async findUserById(id: number): Promise<UserRow | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row ?? null;
  }

  async listUsers(): Promise<UserRow[]> {
    return this.db.select().from(users);
  }

  async findOwner(): Promise<UserRow | null> {
    const [row] = await this.db.select().from(users).where(eq(users.role, "owner"));
    return row ?? null;
  }

  async updateUser(id: number, patch: Partial<Pick<UserRow, "passphraseHash" | "passphraseChangedAt" | "locale">>) {
    await this.db.update(users).set(patch).where(eq(users.id, id));
  }

  async insertSession(session: NewSession): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  async findSessionWithUser(tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | null> {
    const [row] = await this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash));
    return row ?? null;
  }

  async touchSession(id: string, lastSeenAt: number, ip: string): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt, ip }).where(eq(sessions.id, id));
  }

  async listSessions(userId: number): Promise<SessionRow[]> {
    return this.db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sql`${sessions.lastSeenAt} DESC`);
  }

  async deleteSession(id: string, userId: number): Promise<boolean> {
    const result = await this.db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
    return result.rowsAffected > 0;
  }

  /** Ends every session of the user except `keepId` (null ends them all). */
  async deleteOtherSessions(userId: number, keepId: string | null): Promise<number> {
    const condition = keepId ? and(eq(sessions.userId, userId), ne(sessions.id, keepId)) : eq(sessions.userId, userId);
    const result = await this.db.delete(sessions).where(condition);
    return result.rowsAffected;
  }

  async deleteExpiredSessions(now: number, idleCutoff: number): Promise<number> {
    const result = await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
    return result.rowsAffected;
  }
}
