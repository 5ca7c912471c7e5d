// What Settings → Background work shows: the backlog of each kind, its rate,
// and whether heavy work waits for the SoC to cool.
import type { Clock } from "../shared/ports";
import type { JobsSummary, KindSummary } from "./jobs.model";
import type { PoolSize } from "./jobs.policy";
import type { JobsRepository } from "./jobs.repository";
import type { JobsService } from "./jobs.service";
import type { ThermalGate } from "./thermal";

const HOUR_MS = 3_600_000;
/** The rate is an average over at most this window: steady enough to read, recent enough to mean "now". */
const RATE_WINDOW_MS = 5 * 60_000;
/** A burst that began seconds ago is averaged over at least this long (two jobs in a second are not 120 a minute). */
const RATE_MIN_SPAN_MS = 30_000;

export interface SummaryDeps {
  repository: JobsRepository;
  service: JobsService;
  thermal: ThermalGate;
  pool: PoolSize;
  clock: Clock;
}

function emptyKind(kind: string, heavy: boolean): KindSummary {
  return { kind, heavy, queued: 0, running: 0, runningProgress: 0, doneLastHour: 0, failed: 0, lastFailedAt: null, ratePerMinute: 0 };
}

export async function buildSummary(deps: SummaryDeps): Promise<JobsSummary> {
  const now = deps.clock.now();
  const [counts, recent, lastFailures] = await Promise.all([
    deps.repository.counts(now - HOUR_MS),
    deps.repository.doneSince(now - RATE_WINDOW_MS),
    deps.repository.lastFailures(),
  ]);
  const kinds = new Map<string, KindSummary>();
  for (const [name, { heavy }] of deps.service.registeredKinds()) kinds.set(name, emptyKind(name, heavy));
  const kindOf = (name: string) => kinds.get(name) ?? kinds.set(name, emptyKind(name, false)).get(name)!;
  for (const { kind, state, count } of counts) {
    const summary = kindOf(kind);
    if (state === "done") summary.doneLastHour = count;
    else summary[state] = count;
  }
  for (const [kind, { count, firstAt }] of recent) {
    // Over the time the work has been going on, within the window: a backlog started a minute ago is not averaged over five.
    const spanMs = Math.max(RATE_MIN_SPAN_MS, now - firstAt);
    kindOf(kind).ratePerMinute = Math.round((count / spanMs) * 60_000 * 10) / 10;
  }
  for (const [kind, at] of lastFailures) kindOf(kind).lastFailedAt = at;
  for (const [kind, progress] of deps.service.runningProgress()) kindOf(kind).runningProgress = Math.round(progress * 100) / 100;
  const thermal = deps.thermal.state;
  return {
    kinds: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)),
    thermalPaused: thermal.paused,
    temperatureC: thermal.celsius,
    maxTemperatureC: deps.thermal.maxC,
    workers: deps.pool.workers,
    heavyWorkers: deps.pool.heavyWorkers,
  };
}
