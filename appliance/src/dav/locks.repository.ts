// Drizzle queries for WebDAV locks (table dav_locks, created with the Drive's
// schema). Expired locks are removed lazily, whenever a person's locks are read.
import { and, eq, lte, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { davLocks, type DavLockRow } from "../db/schema";

export type DavLock = DavLockRow;

export class LocksRepository {
  constructor(private readonly db: Database) {}

  /** The person's locks still in force at `now` (a person has a handful at most); expired ones are deleted. */
  async active(userId: number, now: number): Promise<DavLock[]> {
    const all = await this.db.select().from(davLocks).where(eq(davLocks.userId, userId));
    const live = all.filter((lock) => lock.expiresAt > now);
    // Only write when there is something to delete: most requests just read.
    if (live.length < all.length) await this.db.delete(davLocks).where(and(eq(davLocks.userId, userId), lte(davLocks.expiresAt, now)));
    return live;
  }

  async insert(lock: DavLock): Promise<void> {
    await this.db.insert(davLocks).values(lock);
  }

  async refresh(token: string, expiresAt: number): Promise<void> {
    await this.db.update(davLocks).set({ expiresAt }).where(eq(davLocks.token, token));
  }

  async remove(userId: number, token: string): Promise<boolean> {
    const removed = await this.db.delete(davLocks).where(and(eq(davLocks.userId, userId), eq(davLocks.token, token))).returning();
    return removed.length > 0;
  }

  /** Locks rooted at `path` or below it go with the resource (DELETE, MOVE away, overwrite). */
  async removeSubtree(userId: number, path: string): Promise<void> {
    const prefix = path === "/" ? "/" : `${path}/`;
    await this.db
      .delete(davLocks)
      .where(and(eq(davLocks.userId, userId), or(eq(davLocks.path, path), sql`substr(${davLocks.path}, 1, ${prefix.length}) = ${prefix}`)));
  }
}
