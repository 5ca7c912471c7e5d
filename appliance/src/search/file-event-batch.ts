// File events arrive one by one (a scan of a new disk publishes 100,000 of
// them in a minute); indexing each in its own transaction would write the SD
// card 100,000 times. They are gathered here and applied together, every
// FLUSH_DELAY_MS, in one transaction.
import type { FileEvent } from "../files";
import type { Logger } from "../shared/logger";

const FLUSH_DELAY_MS = 50;
/** Files per transaction: a long scan becomes a steady series of short write transactions. */
const MAX_FILES_PER_FLUSH = 5_000;
const RETRY_DELAY_MS = 1_000;
const MAX_ATTEMPTS = 3;

export interface PendingChanges {
  /** Files and folders to bring in line with the files table (created, changed, moved, deleted). */
  fileIds: number[];
  /** Moved folders: everything under their new path has a new path too. */
  folders: { userId: number; path: string }[];
}

export class FileEventBatch {
  private fileIds = new Set<number>();
  private folders = new Map<string, { userId: number; path: string }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  private attempts = 0;

  constructor(
    private readonly apply: (changes: PendingChanges) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  add(event: FileEvent): void {
    this.fileIds.add(event.fileId);
    if (event.type === "moved" && event.kind === "folder") this.folders.set(`${event.userId}:${event.path}`, { userId: event.userId, path: event.path });
    this.schedule(FLUSH_DELAY_MS);
  }

  /** Applies everything gathered so far; resolves once it is in the index (tests, shutdown, before a query that must see it). */
  async flush(): Promise<void> {
    this.clearTimer();
    this.running = this.running.then(() => this.applyPending());
    await this.running;
    if (this.fileIds.size > 0 || this.folders.size > 0) await this.flush();
  }

  /** Stops the timer; what is pending is applied by a last flush. */
  async stop(): Promise<void> {
    await this.flush();
    this.clearTimer();
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.applyPending());
    }, delayMs);
    // A pending flush must not keep a command-line process alive.
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private take(): PendingChanges {
    const fileIds = [...this.fileIds].slice(0, MAX_FILES_PER_FLUSH);
    for (const id of fileIds) this.fileIds.delete(id);
    const folders = [...this.folders.values()];
    this.folders.clear();
    return { fileIds, folders };
  }

  private async applyPending(): Promise<void> {
    if (this.fileIds.size === 0 && this.folders.size === 0) return;
    const changes = this.take();
    try {
      await this.apply(changes);
      this.attempts = 0;
    } catch (error) {
      this.attempts += 1;
      if (this.attempts < MAX_ATTEMPTS) {
        for (const id of changes.fileIds) this.fileIds.add(id);
        for (const folder of changes.folders) this.folders.set(`${folder.userId}:${folder.path}`, folder);
      } else {
        // Given up: the start-up check (counts per person) or `cozy search rebuild` repairs the index.
        this.logger.error("search index update failed; dropped", { error: String(error), files: changes.fileIds.length });
        this.attempts = 0;
      }
    }
    if (this.fileIds.size > 0 || this.folders.size > 0) this.schedule(this.attempts > 0 ? RETRY_DELAY_MS : 0);
  }
}
