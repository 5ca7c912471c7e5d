// Checks an enqueue request and turns it into a row; reads a row's payload back.
import type { EnqueueRequest } from "./jobs.model";
import type { NewJob } from "./jobs.repository";

const MAX_PAYLOAD_CHARS = 64 * 1024;
const MAX_PRIORITY = 1_000_000;

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}

export function validateKind(kind: string): void {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(kind)) throw new Error(`Invalid job kind "${kind}"`);
}

export function toNewJob(request: EnqueueRequest, now: number): NewJob {
  validateKind(request.kind);
  if (request.subject.length === 0 || request.subject.length > 1024) throw new Error("A job subject must be 1 to 1024 characters");
  // A function or symbol serialises to nothing: stored as null, as an absent payload.
  const payload = JSON.stringify(request.payload ?? null) ?? "null";
  if (payload.length > MAX_PAYLOAD_CHARS) throw new Error(`A job payload must be at most ${MAX_PAYLOAD_CHARS} characters`);
  const priority = Math.max(-MAX_PRIORITY, Math.min(MAX_PRIORITY, Math.trunc(finiteOr(request.priority, 0))));
  const delayMs = Math.max(0, finiteOr(request.delayMs, 0));
  return { kind: request.kind, subject: request.subject, payload, priority, runAfter: now + delayMs };
}

export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
