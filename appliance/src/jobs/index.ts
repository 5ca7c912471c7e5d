// The job queue capability (DESIGN decision 2): one persistent queue for all
// background work. Other capabilities register kinds and enqueue through this
// file; a timed trigger (connectors, later) only has to call enqueue.
import type { Database } from "../db/client";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { readDeviceProfile, thermalZoneTemperature } from "./device";
import { Housekeeping } from "./housekeeping";
import { SummaryFeed } from "./jobs.events";
import { toFailedJobDto, type FailedJobDto, type JobsSummary } from "./jobs.model";
import { DEFAULT_BACKOFF, poolSize, type BackoffSettings, type DeviceProfile } from "./jobs.policy";
import { JobsRepository } from "./jobs.repository";
import { JobsService, type SubjectLabeler } from "./jobs.service";
import { buildSummary } from "./jobs.summary";
import { ThermalGate, type TemperatureReader } from "./thermal";

export {
  JobTimeoutError,
  PermanentJobError,
  type EnqueueRequest,
  type JobContext,
  type JobHandler,
  type JobKindOptions,
  type JobLabel,
  type JobQueue,
  type JobsSummary,
  type KindSummary,
} from "./jobs.model";
export { backoffDelay, poolSize, thermalPaused, type BackoffSettings, type DeviceProfile, type PoolSize } from "./jobs.policy";
export { jobsRoutes } from "./jobs.routes";
export { jobs, type JobRow } from "./jobs.schema";
export { lowPriorityCommand } from "./low-priority";
export type { TemperatureReader } from "./thermal";
export { readDeviceProfile, thermalZoneTemperature } from "./device";
export type { SubjectLabeler } from "./jobs.service";

export interface JobsOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Cores and free memory; read from the machine when not given. */
  device?: DeviceProfile;
  /** The SoC temperature in °C (null: no sensor); /sys/class/thermal when not given. */
  temperature?: TemperatureReader;
  /** Heavy jobs pause from this temperature (COZY_JOBS_MAX_TEMP_C) until 5 °C cooler. */
  maxTemperatureC?: number;
  /** How often the temperature is read while heavy work runs or waits. */
  thermalCheckMs?: number;
  backoff?: BackoffSettings;
  /** Words for a failed job's subject in the failures list, when its kind has no `describe`. */
  labelSubject?: SubjectLabeler;
  /** Server-sent events: least time between two summaries, and between two heartbeats. */
  events?: { intervalMs?: number; heartbeatMs?: number };
}

const FAILURES_SHOWN = 200;

/**
 * Labels the contract's file subjects ("file:<id>") with the file's path as
 * its owner sees it, for that person only (`pathOf` answers null for anyone else).
 */
export function fileSubjectLabels(pathOf: (userId: number, fileId: number) => Promise<string | null>): SubjectLabeler {
  return async (subject, viewerId) => {
    const match = /^file:(\d{1,15})$/.exec(subject);
    return match ? pathOf(viewerId, Number(match[1])) : null;
  };
}

export function createJobs(options: JobsOptions) {
  const { clock, logger } = options;
  const repository = new JobsRepository(options.db);
  const pool = poolSize(options.device ?? readDeviceProfile());
  const changes = new Set<() => void>();
  const changed = () => changes.forEach((listener) => listener());
  const thermal = new ThermalGate(options.temperature ?? thermalZoneTemperature, options.maxTemperatureC ?? 80, options.thermalCheckMs ?? 10_000, clock, logger, changed);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const service = new JobsService({ repository, clock, logger, pool, thermal, backoff, labelSubject: options.labelSubject });
  service.onChange(changed);
  const summary = (): Promise<JobsSummary> => buildSummary({ repository, service, thermal, pool, clock });
  const feed = new SummaryFeed({ read: summary, subscribe: (listener) => (changes.add(listener), () => changes.delete(listener)), ...options.events });
  const housekeeping = new Housekeeping(repository, clock, logger);
  return {
    register: service.register.bind(service),
    enqueue: service.enqueue.bind(service),
    enqueueMany: service.enqueueMany.bind(service),
    idle: service.idle.bind(service),
    retry: service.retry.bind(service),
    retryFailed: service.retryFailed.bind(service),
    summary,
    feed,
    pool,
    /** Failed jobs, newest first, labelled for the person looking (`viewerId`). */
    async failures(kind?: string, viewerId = 0): Promise<FailedJobDto[]> {
      const rows = await repository.failed(kind, FAILURES_SHOWN);
      return Promise.all(rows.map(async (row) => toFailedJobDto(row, await service.labelOf(row, viewerId))));
    },
    /** Requeues what a power cut interrupted, then runs jobs; call after every kind is registered. */
    async start(): Promise<void> {
      await housekeeping.start();
      await service.start();
      logger.info("job queue started", { ...pool });
    },
    /** Before the database closes: ends event streams, aborts running jobs (they run again next start). */
    async stop(): Promise<void> {
      housekeeping.stop();
      feed.close();
      await service.stop();
    },
  };
}

export type JobsCapability = ReturnType<typeof createJobs>;
