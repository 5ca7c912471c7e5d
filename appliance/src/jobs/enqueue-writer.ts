// Enqueues arrive in bursts (a folder of 2,000 photos copied over SMB is
// 2,000 file events in a few seconds). Each is a write transaction, and on an
// SD card a transaction costs milliseconds, so the calls that arrive while one
// write is in flight are merged and written together in the next transaction.
// A caller's own requests are always written in one transaction.
import type { NewJob } from "./jobs.repository";

interface Waiting {
  rows: NewJob[];
  resolve(): void;
  reject(error: unknown): void;
}

export class EnqueueWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly write: (rows: NewJob[]) => Promise<void>,
    private readonly written: () => void,
  ) {}

  /** Resolves once `rows` are in the table. */
  add(rows: NewJob[]): Promise<void> {
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    this.waiting.push({ rows, resolve, reject });
    if (!this.writing) void this.drain();
    return promise;
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        await this.writeGroup(group);
        this.written();
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(group: Waiting[]): Promise<void> {
    try {
      await this.write(mergeDuplicates(group.flatMap((waiting) => waiting.rows)));
      for (const waiting of group) waiting.resolve();
    } catch {
      // One caller's bad rows must not fail the others: write each caller's alone.
      for (const waiting of group) {
        await this.write(mergeDuplicates(waiting.rows)).then(waiting.resolve, waiting.reject);
      }
    }
  }
}

/** Same result as upserting them one after the other: last payload, highest priority, earliest start. */
export function mergeDuplicates(rows: NewJob[]): NewJob[] {
  const merged = new Map<string, NewJob>();
  for (const row of rows) {
    const key = `${row.kind}\u0000${row.subject}`;
    const earlier = merged.get(key);
    merged.set(key, earlier ? { ...row, priority: Math.max(earlier.priority, row.priority), runAfter: Math.min(earlier.runAfter, row.runAfter) } : row);
  }
  return [...merged.values()];
}
