// The table must not grow forever: done jobs are kept an hour (the page's
// "done in the last hour", its progress bars and rate), failures 30 days.
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import type { JobsRepository } from "./jobs.repository";

const HOUR_MS = 3_600_000;
export const KEEP_DONE_MS = HOUR_MS;
export const KEEP_FAILED_MS = 30 * 24 * HOUR_MS;
const PRUNE_EVERY_MS = 10 * 60_000;

export class Housekeeping {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly repository: JobsRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Prunes now, then every 10 minutes. */
  async start(): Promise<void> {
    await this.prune();
    this.timer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async prune(): Promise<void> {
    const now = this.clock.now();
    await this.repository.prune(now - KEEP_DONE_MS, now - KEEP_FAILED_MS).catch((error) => this.logger.error("pruning jobs failed", { error: String(error) }));
  }
}
