import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The one persistent job queue (DESIGN decision 2). A row is a unit of
 * background work for a kind's handler. It survives restarts: a row left
 * `running` by a power cut goes back to `queued` at start.
 *
 * Enqueueing is idempotent per (kind, subject) among queued rows only (the
 * partial unique index): a file changed ten times in a second is one queued
 * job, while a change arriving during a run queues one more run after it.
 * Done rows are kept about an hour so the UI can show progress and rate.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    /** What the job is about, e.g. "file:42"; the idempotency key within a kind. */
    subject: text("subject").notNull(),
    /** JSON text handed to the handler. */
    payload: text("payload").notNull().default("null"),
    /** Higher runs first. */
    priority: integer("priority").notNull().default(0),
    state: text("state", { enum: ["queued", "running", "done", "failed"] }).notNull(),
    /** Attempts started so far (a run cut by a power loss counts too). */
    attempts: integer("attempts").notNull().default(0),
    /** Epoch ms before which the job must not start (delays and retry backoff). */
    runAfter: integer("run_after").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (table) => [
    uniqueIndex("jobs_queued_subject_idx").on(table.kind, table.subject).where(sql`state = 'queued'`),
    // The next job of a kind: highest priority, then oldest, read straight off this index (no sort of the backlog).
    index("jobs_claim_idx").on(table.kind, table.state, sql`${sql.identifier("priority")} desc`, table.id),
    // When a kind's next delayed job is due.
    index("jobs_due_idx").on(table.kind, table.state, table.runAfter),
    // Counts for the summary (done rows by when they finished).
    index("jobs_kind_state_idx").on(table.kind, table.state, table.finishedAt),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
export type JobState = JobRow["state"];
