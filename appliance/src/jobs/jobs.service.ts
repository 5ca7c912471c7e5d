// The worker pool: claims due jobs from the table, runs their handlers within
// the device's means (workers, per-kind caps, heavy slots, temperature), and
// records each outcome: done, retried later with backoff, or failed.
import { ConflictError, NotFoundError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { EnqueueWriter } from "./enqueue-writer";
import { reasonOf, settledWithin, startAttempt } from "./job-attempt";
import { parsePayload, toNewJob, validateKind } from "./job-requests";
import {
  PermanentJobError,
  type EnqueueRequest,
  type JobHandler,
  type JobKindOptions,
  type JobQueue,
} from "./jobs.model";
import { backoffDelay, type BackoffSettings, type PoolSize } from "./jobs.policy";
import type { JobsRepository } from "./jobs.repository";
import type { JobRow } from "./jobs.schema";
import type { ThermalGate } from "./thermal";

export interface JobsServiceDeps {
  repository: JobsRepository;
  clock: Clock;
  logger: Logger;
  pool: PoolSize;
  thermal: ThermalGate;
  backoff: BackoffSettings;
  random?: () => number;
  /** Labels a subject for a person when its kind has no `describe` (null: nothing to show them). */
  labelSubject?: SubjectLabeler;
}

export type SubjectLabeler = (subject: string, viewerId: number) => Promise<string | null>;

interface Kind {
  handler: JobHandler;
  describe?: JobKindOptions["describe"];
  concurrency: number;
  heavy: boolean;
  timeoutMs?: number;
  maxAttempts: number;
}

interface RunningJob {
  row: JobRow;
  kind: Kind;
  controller: AbortController;
  progress: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
/** A quiet queue still looks at the table this often (cheap), in case a wake-up was missed. */
const SAFETY_TICK_MS = 60_000;
/** How long stop() and a timed-out attempt wait for a handler to let go of its slot. */
const LET_GO_MS = 10_000;

export class StoppingError extends Error {
  constructor() {
    super("The service is stopping");
    this.name = "StoppingError";
  }
}

export class JobsService implements JobQueue {
  private readonly kinds = new Map<string, Kind>();
  private readonly active = new Map<number, RunningJob>();
  /** When each kind last started a job: the least recent goes first among equal priorities. */
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;
  private readonly listeners = new Set<() => void>();
  /** Woken on every step of the pool (idle() and stop() wait on it); listeners hear only what the summary shows. */
  private readonly pulseListeners = new Set<() => void>();
  private started = false;
  private stopping = false;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly random: () => number;
  private readonly writer: EnqueueWriter;

  constructor(private readonly deps: JobsServiceDeps) {
    this.random = deps.random ?? Math.random;
    this.writer = new EnqueueWriter(
      (rows) => deps.repository.enqueue(rows, deps.clock.now()),
      () => {
        this.changed();
        this.schedule();
      },
    );
  }

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    validateKind(kind);
    if (this.kinds.has(kind)) throw new Error(`Job kind "${kind}" is already registered`);
    this.kinds.set(kind, {
      handler,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      heavy: options.heavy ?? false,
      timeoutMs: options.timeoutMs,
      maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
      describe: options.describe,
    });
    this.schedule();
  }

  /** Kinds with a handler, and whether each is heavy. */
  registeredKinds(): Map<string, { heavy: boolean }> {
    return new Map([...this.kinds].map(([name, kind]) => [name, { heavy: kind.heavy }]));
  }

  async enqueue(request: EnqueueRequest): Promise<void> {
    await this.enqueueMany([request]);
  }

  async enqueueMany(requests: EnqueueRequest[]): Promise<void> {
    const now = this.deps.clock.now();
    const rows = requests.map((request) => toNewJob(request, now));
    await this.writer.add(rows);
  }

  /** Subscribes to any change the summary could show; answers the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The failed job's label for `viewerId` (null: none, or it is another person's). */
  async labelOf(row: JobRow, viewerId: number): Promise<string | null> {
    const describe = this.kinds.get(row.kind)?.describe;
    if (!describe) return this.deps.labelSubject ? this.deps.labelSubject(row.subject, viewerId).catch(() => null) : null;
    const described = await describe(parsePayload(row.payload)).catch(() => null);
    if (!described || (described.userId !== undefined && described.userId !== viewerId)) return null;
    return described.label;
  }

  /** Sum of reported progress of the running jobs, per kind. */
  runningProgress(): Map<string, number> {
    const sums = new Map<string, number>();
    for (const job of this.active.values()) sums.set(job.row.kind, (sums.get(job.row.kind) ?? 0) + job.progress);
    return sums;
  }

  /** Jobs a power cut left running go back to the queue; then work starts. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.recoverInterrupted();
    this.started = true;
    this.schedule();
  }

  /** Stops claiming, aborts running handlers (their jobs go back to the queue), waits a while for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    await this.pumping;
    for (const job of this.active.values()) job.controller.abort(new StoppingError());
    const deadline = Date.now() + LET_GO_MS;
    while (this.active.size > 0 && Date.now() < deadline) await this.nextChange(50);
  }

  /**
   * Waits on the pool's own steps (a job finishing, a pump ending, enqueues) and
   * never starts a pump itself: a due job that cannot run yet (all workers busy,
   * too hot) would otherwise make it spin.
   */
  async idle(): Promise<void> {
    for (;;) {
      const kinds = [...this.kinds.keys()];
      if (this.active.size === 0 && !this.pumping && !(await this.deps.repository.hasDue(kinds, this.deps.clock.now()))) return;
      if (this.stopping) return;
      await this.nextChange(100);
    }
  }

  /** Puts one failed job back in the queue, from a fresh start. */
  async retry(id: number): Promise<void> {
    const row = await this.deps.repository.findById(id);
    if (!row) throw new NotFoundError("No such job.");
    if (row.state !== "failed") throw new ConflictError("job_not_failed", `This job is ${row.state}, only a failed job can be retried.`);
    const now = this.deps.clock.now();
    await this.deps.repository.requeue(id, now, null, now, 0);
    this.changed();
    this.schedule();
  }

  /** Puts every failed job (of one kind, or all) back in the queue; answers how many. */
  async retryFailed(kind?: string): Promise<number> {
    const count = await this.deps.repository.retryFailed(kind, this.deps.clock.now());
    this.changed();
    this.schedule();
    return count;
  }

  private async recoverInterrupted(): Promise<void> {
    const now = this.deps.clock.now();
    for (const row of await this.deps.repository.running()) {
      const maxAttempts = this.kinds.get(row.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      // A job that takes the service down with it every time (out of memory) must not do so forever.
      if (row.attempts >= maxAttempts) {
        await this.deps.repository.markFailed(row, `The service stopped ${row.attempts} times while this job ran`, now);
      } else {
        await this.deps.repository.requeue(row.id, now, "Interrupted by a restart", now);
      }
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
    this.pulse();
  }

  private pulse(): void {
    for (const listener of this.pulseListeners) listener();
  }

  /** Resolves on the next change, or after `ms` at the latest. */
  private nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const listeners = this.pulseListeners;
      listeners.add(done);
      function done() {
        clearTimeout(timer);
        listeners.delete(done);
        resolve();
      }
    });
  }

  /** Runs one pump at a time; a request during a pump runs another right after. */
  private schedule(): void {
    if (!this.started || this.stopping) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => this.deps.logger.error("job queue pump failed", { error: reasonOf(error) }))
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.schedule();
        } else this.pulse();
      });
  }

  private async pump(): Promise<void> {
    let kinds: string[] = [];
    while (!this.stopping && this.active.size < this.deps.pool.workers) {
      kinds = await this.claimableKinds();
      const row = await this.deps.repository.claimNext(kinds, this.deps.clock.now());
      if (!row) break;
      if (this.stopping) {
        // stop() came while this claim was on its way: the job has not started.
        const now = this.deps.clock.now();
        await this.deps.repository.requeue(row.id, now, null, now, row.attempts - 1);
        break;
      }
      this.launch(row);
    }
    // With every worker busy, the next completion wakes the pump; no timer needed for due jobs.
    await this.armWakeTimer(this.active.size < this.deps.pool.workers ? kinds : []);
  }

  private async claimableKinds(): Promise<string[]> {
    const runningOf = (predicate: (job: RunningJob) => boolean) => [...this.active.values()].filter(predicate).length;
    const heavyRoom = runningOf((job) => job.kind.heavy) < this.deps.pool.heavyWorkers;
    const names: string[] = [];
    for (const [name, kind] of this.kinds) {
      if (runningOf((job) => job.row.kind === name) >= kind.concurrency) continue;
      if (kind.heavy && (!heavyRoom || (await this.deps.thermal.isPaused()))) continue;
      names.push(name);
    }
    return names.sort((a, b) => (this.lastStarted.get(a) ?? 0) - (this.lastStarted.get(b) ?? 0));
  }

  /**
   * Wakes the pump when the next delayed job of a kind that could run becomes
   * due, or, while paused for heat, when the sensor should be read again.
   */
  private async armWakeTimer(claimable: string[]): Promise<void> {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.stopping) return;
    let wait = SAFETY_TICK_MS;
    const nextDue = await this.deps.repository.nextDueAt(claimable);
    // A job that became due while this pump looked is claimed on the next turn of the event loop
    // (never in a chain of promises only: libsql answers synchronously, and such a chain would starve the handlers).
    if (nextDue !== null) wait = Math.min(wait, Math.max(1, nextDue - this.deps.clock.now() + 1));
    if (this.deps.thermal.state.paused) wait = Math.min(wait, this.deps.thermal.checkMs);
    this.wakeTimer = setTimeout(() => this.schedule(), wait);
    this.wakeTimer.unref?.();
  }

  private launch(row: JobRow): void {
    const kind = this.kinds.get(row.kind)!;
    const job: RunningJob = { row, kind, controller: new AbortController(), progress: 0 };
    this.lastStarted.set(row.kind, ++this.starts);
    this.active.set(row.id, job);
    this.changed();
    void this.execute(job)
      .catch((error) => this.deps.logger.error("job bookkeeping failed", { id: row.id, kind: row.kind, error: reasonOf(error) }))
      .finally(() => {
        this.active.delete(row.id);
        this.changed();
        this.schedule();
      });
  }

  private async execute(job: RunningJob): Promise<void> {
    const { row, kind } = job;
    const attempt = startAttempt(kind.handler, parsePayload(row.payload), {
      attempt: row.attempts,
      timeoutMs: kind.timeoutMs,
      controller: job.controller,
      onProgress: (fraction) => {
        job.progress = fraction;
        this.changed();
      },
    });
    try {
      await attempt.outcome;
      await this.deps.repository.markDone(row.id, this.deps.clock.now());
    } catch (error) {
      await this.recordFailure(job, error);
    }
    await settledWithin(attempt.finished, LET_GO_MS);
  }

  private async recordFailure(job: RunningJob, error: unknown): Promise<void> {
    const { row, kind } = job;
    const now = this.deps.clock.now();
    const reason = reasonOf(error);
    if (error instanceof StoppingError) {
      // Not the job's fault: this attempt does not count.
      await this.deps.repository.requeue(row.id, now, null, now, row.attempts - 1);
    } else if (error instanceof PermanentJobError) {
      this.deps.logger.warn("job failed for good", { id: row.id, kind: row.kind, subject: row.subject, reason });
      await this.deps.repository.markFailed(row, reason, now);
    } else if (row.attempts >= kind.maxAttempts) {
      this.deps.logger.warn("job failed, no attempts left", { id: row.id, kind: row.kind, subject: row.subject, reason });
      await this.deps.repository.markFailed(row, reason, now);
    } else {
      const delay = backoffDelay(row.attempts, this.random(), this.deps.backoff);
      this.deps.logger.info("job failed, will retry", { id: row.id, kind: row.kind, attempt: row.attempts, delayMs: delay, reason });
      await this.deps.repository.requeue(row.id, now + delay, reason, now);
    }
  }
}
