// The queue's public types (the contract with media, search and later
// connectors) and the HTTP shapes of its routes.
import { t } from "elysia";
import type { JobRow } from "./jobs.schema";

/** Thrown by a handler when trying again cannot help (a corrupt file): the job fails with this message, never retried. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** The attempt ran past its kind's timeoutMs. */
export class JobTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Timed out after ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`);
    this.name = "JobTimeoutError";
  }
}

export interface JobContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborted on timeout and when the service stops; pass it to fetch, spawn, etc. */
  signal: AbortSignal;
  /** Reports how far this job is (0..1), shown live in Settings → Background work. */
  progress(fraction: number): void;
}

/** Must be idempotent: a job cut by a power loss runs again from the start. */
// `any`: each kind defines its own payload shape.
export type JobHandler = (payload: any, context: JobContext) => Promise<void>;

export interface JobKindOptions {
  /** Jobs of this kind running at once (default 1). */
  concurrency?: number;
  /** Image/video work: capped by free memory, paused while the SoC is hotter than the threshold. */
  heavy?: boolean;
  /** The handler's signal aborts and the attempt fails (retried with backoff) after this. */
  timeoutMs?: number;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /**
   * What a failed job was about, in words people know ("/Photos/IMG_0042.HEIC"),
   * for the failures list; `userId` when it belongs to one person, so nobody
   * else is shown it. Without it, the list shows the subject ("file:42").
   */
  describe?: (payload: any) => Promise<JobLabel | null>;
}

export interface JobLabel {
  label: string;
  userId?: number;
}

export interface EnqueueRequest {
  kind: string;
  /** What the job is about ("file:42"): one queued job per (kind, subject). */
  subject: string;
  /** JSON-serialisable, at most 64 KB once serialised. */
  payload?: unknown;
  /** Higher runs first; default 0 (a thumbnail the UI waits for: 10). */
  priority?: number;
  /** Not before this many ms from now. */
  delayMs?: number;
}

export interface JobQueue {
  register(kind: string, handler: JobHandler, options?: JobKindOptions): void;
  /** Idempotent per (kind, subject) while queued (not running): payload replaced, priority = max. */
  enqueue(request: EnqueueRequest): Promise<void>;
  /** All in one transaction. */
  enqueueMany(requests: EnqueueRequest[]): Promise<void>;
  /** Resolves when nothing runnable is queued-and-due or running (for tests). */
  idle(): Promise<void>;
}

export interface KindSummary {
  kind: string;
  heavy: boolean;
  queued: number;
  running: number;
  /** Sum of the running jobs' reported progress (0..running), so bars move during long jobs. */
  runningProgress: number;
  doneLastHour: number;
  failed: number;
  /** When the latest failure happened (epoch ms): a job that failed again changes it. */
  lastFailedAt: number | null;
  /** Jobs finished per minute, over the last 5 minutes or since the work began if later. */
  ratePerMinute: number;
}

export interface JobsSummary {
  kinds: KindSummary[];
  /** Heavy work waits for the SoC to cool. */
  thermalPaused: boolean;
  temperatureC: number | null;
  maxTemperatureC: number;
  workers: number;
  heavyWorkers: number;
}

const kindSummaryDto = t.Object({
  kind: t.String(),
  heavy: t.Boolean(),
  queued: t.Integer(),
  running: t.Integer(),
  runningProgress: t.Number(),
  doneLastHour: t.Integer(),
  failed: t.Integer(),
  lastFailedAt: t.Union([t.Integer(), t.Null()]),
  ratePerMinute: t.Number(),
});

export const jobsSummaryDto = t.Object({
  kinds: t.Array(kindSummaryDto),
  thermalPaused: t.Boolean(),
  temperatureC: t.Union([t.Number(), t.Null()]),
  maxTemperatureC: t.Number(),
  workers: t.Integer(),
  heavyWorkers: t.Integer(),
});

export const failedJobDto = t.Object({
  id: t.Integer(),
  kind: t.String(),
  subject: t.String(),
  /** What the job was about in words people know; null when unknown or another person's. */
  label: t.Union([t.String(), t.Null()]),
  reason: t.String(),
  attempts: t.Integer(),
  failedAt: t.Union([t.Integer(), t.Null()]),
});

export type FailedJobDto = typeof failedJobDto.static;

export function toFailedJobDto(row: JobRow, label: string | null): FailedJobDto {
  return { id: row.id, kind: row.kind, subject: row.subject, label, reason: row.lastError ?? "", attempts: row.attempts, failedAt: row.finishedAt };
}
