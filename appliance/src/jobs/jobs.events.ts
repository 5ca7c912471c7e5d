// Server-sent events for Settings → Background work: the page gets a summary
// when it opens and again whenever it changes, instead of polling. While a
// thousand thumbnails finish in a minute, summaries are sent at most every
// `intervalMs` (one database read serves every open page); a comment line
// every few seconds keeps the connection (and proxies) from timing it out.
import type { JobsSummary } from "./jobs.model";

export interface SummaryFeedOptions {
  read(): Promise<JobsSummary>;
  /** Subscribes to changes; answers the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  intervalMs?: number;
  heartbeatMs?: number;
}

/** Bun closes a connection quiet for 10 s; the heartbeat comes well before that. */
const DEFAULT_HEARTBEAT_MS = 5_000;
const DEFAULT_INTERVAL_MS = 500;
const encoder = new TextEncoder();

type Sink = ReadableStreamDefaultController<Uint8Array>;

export class SummaryFeed {
  private readonly sinks = new Set<Sink>();
  private unsubscribe: (() => void) | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private lastSentAt = 0;
  private lastJson = "";
  private readonly intervalMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly options: SummaryFeedOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  /** A text/event-stream body: the current summary first, then each change. Ends when the client goes away. */
  open(signal: AbortSignal): ReadableStream<Uint8Array> {
    let sink: Sink;
    return new ReadableStream<Uint8Array>({
      start: async (controller) => {
        sink = controller;
        this.attach(sink);
        signal.addEventListener("abort", () => this.detach(sink, true), { once: true });
        const summary = await this.options.read().catch(() => null);
        if (summary) this.send(sink, `event: summary\ndata: ${JSON.stringify(summary)}\n\n`);
      },
      cancel: () => this.detach(sink, false),
    });
  }

  /** Ends every open stream (the service stops). */
  close(): void {
    for (const sink of [...this.sinks]) this.detach(sink, true);
  }

  private attach(sink: Sink): void {
    this.sinks.add(sink);
    if (this.sinks.size > 1) return;
    this.unsubscribe = this.options.subscribe(() => this.changed());
    this.heartbeat = setInterval(() => this.broadcast(": heartbeat\n\n"), this.heartbeatMs);
  }

  private detach(sink: Sink, closeIt: boolean): void {
    if (!this.sinks.delete(sink)) return;
    if (closeIt) {
      try {
        sink.close();
      } catch {
        // Already closed by the client.
      }
    }
    if (this.sinks.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
    this.heartbeat = this.pending = null;
    this.lastJson = "";
  }

  /** Leading and trailing throttle: the first change goes out at once, a burst at most every intervalMs. */
  private changed(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      this.lastSentAt = Date.now();
      void this.publish();
    }, wait);
  }

  private async publish(): Promise<void> {
    const summary = await this.options.read().catch(() => null);
    if (!summary || this.sinks.size === 0) return;
    const json = JSON.stringify(summary);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.broadcast(`event: summary\ndata: ${json}\n\n`);
  }

  private broadcast(text: string): void {
    for (const sink of this.sinks) this.send(sink, text);
  }

  private send(sink: Sink, text: string): void {
    try {
      sink.enqueue(encoder.encode(text));
    } catch {
      this.detach(sink, false);
    }
  }
}
