// One attempt of one job: the handler, raced against its timeout and the
// service stopping. Both abort the handler's signal; the attempt's outcome is
// settled at once, while `finished` tells when the handler really let go
// (its worker slot stays taken until then, so a handler that ignores its
// signal cannot pile up copies of itself).
import { JobTimeoutError, type JobHandler } from "./jobs.model";

export interface AttemptOptions {
  attempt: number;
  timeoutMs?: number;
  controller: AbortController;
  onProgress(fraction: number): void;
}

export interface Attempt {
  /** Resolves on success; rejects with the handler's error, a JobTimeoutError, or the stop reason. */
  outcome: Promise<void>;
  /** Settles when the handler's own promise settles. */
  finished: Promise<void>;
}

export function startAttempt(handler: JobHandler, payload: unknown, options: AttemptOptions): Attempt {
  const { controller } = options;
  const timer = options.timeoutMs ? setTimeout(() => controller.abort(new JobTimeoutError(options.timeoutMs!)), options.timeoutMs) : undefined;
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);
  const running = (async () =>
    handler(payload, {
      attempt: options.attempt,
      signal: controller.signal,
      progress: (fraction) => {
        if (Number.isFinite(fraction)) options.onProgress(Math.min(1, Math.max(0, fraction)));
      },
    }))();
  const outcome = Promise.race([running, aborted]).finally(() => clearTimeout(timer));
  const finished = running.then(
    () => undefined,
    () => undefined,
  );
  return { outcome, finished };
}

/** A failure's reason as people will read it in the failures list. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

/** Waits for `promise`, but at most `ms`. */
export async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}
