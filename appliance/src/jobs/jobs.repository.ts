import { and, asc, desc, eq, gte, inArray, lt, lte, min, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { jobs, type JobRow } from "./jobs.schema";

export interface NewJob {
  kind: string;
  subject: string;
  payload: string;
  priority: number;
  runAfter: number;
}

export interface StateCount {
  kind: string;
  state: JobRow["state"];
  count: number;
}

/** The partial unique index's condition: only queued rows are unique per (kind, subject). */
const QUEUED = sql`state = 'queued'`;

/** Another queued row for the same work exists (it covers this one). */
function queuedSiblingExists(): SQL {
  return sql`exists (select 1 from ${jobs} as sibling where sibling.kind = ${jobs.kind} and sibling.subject = ${jobs.subject} and sibling.state = 'queued' and sibling.id <> ${jobs.id})`;
}

export class JobsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts the jobs; one already queued for the same (kind, subject) takes the
   * new payload and the higher priority instead. Its start time moves earlier
   * only while it has not failed yet: a re-enqueue never cuts a backoff short.
   * All in one transaction (a libsql batch).
   */
  async enqueue(rows: NewJob[], now: number): Promise<void> {
    if (rows.length === 0) return;
    const [first, ...rest] = rows.map((row) => this.upsert(row, now));
    await this.db.batch([first!, ...rest]);
  }

  private upsert(row: NewJob, now: number) {
    return this.db
      .insert(jobs)
      .values({ ...row, state: "queued", attempts: 0, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [jobs.kind, jobs.subject],
        targetWhere: QUEUED,
        set: {
          payload: sql`excluded.payload`,
          priority: sql`max(${jobs.priority}, excluded.priority)`,
          runAfter: sql`case when ${jobs.attempts} = 0 then min(${jobs.runAfter}, excluded.run_after) else ${jobs.runAfter} end`,
          updatedAt: now,
        },
      });
  }

  /**
   * Atomically takes the most urgent due job of one of `kinds` and marks it
   * running: highest priority first, then the kinds in the order given (the
   * caller rotates them, so 50,000 thumbnails do not starve a connector), then
   * oldest. One indexed look per kind: a long backlog is never sorted.
   */
  async claimNext(kinds: string[], now: number): Promise<JobRow | null> {
    let best: { id: number; priority: number } | null = null;
    for (const kind of kinds) {
      const [candidate] = await this.db
        .select({ id: jobs.id, priority: jobs.priority })
        .from(jobs)
        // "+run_after": keeps SQLite from choosing the due-time index and sorting; jobs_claim_idx is already in order.
        .where(and(eq(jobs.kind, kind), eq(jobs.state, "queued"), sql`+${jobs.runAfter} <= ${now}`))
        .orderBy(desc(jobs.priority), asc(jobs.id))
        .limit(1);
      if (candidate && (!best || candidate.priority > best.priority)) best = candidate;
    }
    if (!best) return null;
    const [row] = await this.db
      .update(jobs)
      .set({ state: "running", attempts: sql`${jobs.attempts} + 1`, updatedAt: now })
      .where(and(eq(jobs.id, best.id), eq(jobs.state, "queued")))
      .returning();
    return row ?? null;
  }

  async markDone(id: number, now: number): Promise<void> {
    await this.db.update(jobs).set({ state: "done", lastError: null, updatedAt: now, finishedAt: now }).where(eq(jobs.id, id));
  }

  /** Failed for good; earlier failures of the same work are dropped so the list shows each problem once. */
  async markFailed(row: JobRow, reason: string, now: number): Promise<void> {
    await this.db.batch([
      this.db.update(jobs).set({ state: "failed", lastError: reason, updatedAt: now, finishedAt: now }).where(eq(jobs.id, row.id)),
      this.db
        .delete(jobs)
        .where(and(eq(jobs.kind, row.kind), eq(jobs.subject, row.subject), eq(jobs.state, "failed"), sql`${jobs.id} <> ${row.id}`)),
    ]);
  }

  /**
   * Back to the queue for another attempt at `runAfter` (with its attempt
   * count set to `attempts` when given). When a newer queued
   * job for the same work arrived meanwhile, that one covers it and this row goes.
   */
  async requeue(id: number, runAfter: number, reason: string | null, now: number, attempts?: number): Promise<void> {
    await this.db.batch([
      this.db.delete(jobs).where(and(eq(jobs.id, id), queuedSiblingExists())),
      this.db
        .update(jobs)
        .set({
          state: "queued",
          runAfter,
          lastError: reason,
          updatedAt: now,
          finishedAt: null,
          ...(attempts === undefined ? {} : { attempts: Math.max(0, attempts) }),
        })
        .where(eq(jobs.id, id)),
    ]);
  }

  async running(): Promise<JobRow[]> {
    return this.db.select().from(jobs).where(eq(jobs.state, "running"));
  }

  async findById(id: number): Promise<JobRow | null> {
    const [row] = await this.db.select().from(jobs).where(eq(jobs.id, id));
    return row ?? null;
  }

  /** Failed jobs (of one kind, or all), newest first. */
  async failed(kind: string | undefined, limit: number): Promise<JobRow[]> {
    const where = kind === undefined ? eq(jobs.state, "failed") : and(eq(jobs.state, "failed"), eq(jobs.kind, kind));
    return this.db.select().from(jobs).where(where).orderBy(desc(jobs.finishedAt), desc(jobs.id)).limit(limit);
  }

  /** Every failed job (of one kind, or all) queued again from a fresh start; answers how many. */
  async retryFailed(kind: string | undefined, now: number): Promise<number> {
    const failedOfKind = kind === undefined ? eq(jobs.state, "failed") : and(eq(jobs.state, "failed"), eq(jobs.kind, kind));
    const [, updated] = await this.db.batch([
      this.db.delete(jobs).where(and(failedOfKind, queuedSiblingExists())),
      this.db
        .update(jobs)
        .set({ state: "queued", attempts: 0, runAfter: now, lastError: null, updatedAt: now, finishedAt: null })
        .where(failedOfKind)
        .returning({ id: jobs.id }),
    ]);
    return (updated as unknown[]).length;
  }

  /** Counts per kind and state; done rows only from `doneSince` on. */
  async counts(doneSince: number): Promise<StateCount[]> {
    const rows = await this.db
      .select({ kind: jobs.kind, state: jobs.state, count: sql<number>`count(*)` })
      .from(jobs)
      .where(or(sql`${jobs.state} <> 'done'`, gte(jobs.finishedAt, doneSince)))
      .groupBy(jobs.kind, jobs.state);
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  /** Jobs finished per kind since `since`, and when the first of them finished (for the rate). */
  async doneSince(since: number): Promise<Map<string, { count: number; firstAt: number }>> {
    const rows = await this.db
      .select({ kind: jobs.kind, count: sql<number>`count(*)`, firstAt: min(jobs.finishedAt) })
      .from(jobs)
      .where(and(eq(jobs.state, "done"), gte(jobs.finishedAt, since)))
      .groupBy(jobs.kind);
    return new Map(rows.map((row) => [row.kind, { count: Number(row.count), firstAt: Number(row.firstAt ?? since) }]));
  }

  /** When the latest failure of each kind happened (the page reads the failures list again when it changes). */
  async lastFailures(): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ kind: jobs.kind, at: sql<number>`max(${jobs.finishedAt})` })
      .from(jobs)
      .where(eq(jobs.state, "failed"))
      .groupBy(jobs.kind);
    return new Map(rows.map((row) => [row.kind, Number(row.at)]));
  }

  /** Whether any job of `kinds` is queued and due. */
  async hasDue(kinds: string[], now: number): Promise<boolean> {
    if (kinds.length === 0) return false;
    const [row] = await this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.state, "queued"), lte(jobs.runAfter, now), inArray(jobs.kind, kinds)))
      .limit(1);
    return row !== undefined;
  }

  /** When the next queued job of `kinds` becomes due (null: none queued). */
  async nextDueAt(kinds: string[]): Promise<number | null> {
    let next: number | null = null;
    for (const kind of kinds) {
      const [row] = await this.db
        .select({ at: min(jobs.runAfter) })
        .from(jobs)
        .where(and(eq(jobs.kind, kind), eq(jobs.state, "queued")));
      if (row?.at != null && (next === null || row.at < next)) next = row.at;
    }
    return next;
  }

  /** Forgets done jobs finished before `doneBefore` and failures older than `failedBefore`. */
  async prune(doneBefore: number, failedBefore: number): Promise<void> {
    await this.db
      .delete(jobs)
      .where(
        or(
          and(eq(jobs.state, "done"), lt(jobs.finishedAt, doneBefore)),
          and(eq(jobs.state, "failed"), lt(jobs.finishedAt, failedBefore)),
        ),
      );
  }
}
