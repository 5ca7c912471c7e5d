// Sign-in throttling: per client address and for the whole box.
//
// A client's first few failures are free; after that each failure locks that
// client out for twice as long as the previous one (1 s, 2 s, 4 s ... 15 min).
// A locked-out request is refused before any passphrase is hashed, so a flood
// of attempts costs almost nothing and the service stays responsive.
//
// The global lock guards against guessing spread over many addresses: when
// too many failures happen within a minute, every client waits, but never
// longer than GLOBAL_MAX_LOCK_MS. A client with a clean record is therefore
// only ever delayed by that global cap, never by other clients' own lockouts.
import type { Clock } from "../shared/ports";

export interface ThrottleSettings {
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
  maxTrackedClients: number;
  globalWindowMs: number;
  globalFailureLimit: number;
  globalBaseLockMs: number;
  globalMaxLockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  freeFailures: 3,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 10_000,
  globalWindowMs: 60_000,
  globalFailureLimit: 100,
  globalBaseLockMs: 5_000,
  globalMaxLockMs: 60_000,
};

interface ClientRecord {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export class LoginThrottle {
  private readonly clients = new Map<string, ClientRecord>();
  private globalFailures: number[] = [];
  private globalLockedUntil = 0;
  private globalLocks = 0;

  constructor(
    private readonly clock: Clock,
    private readonly settings: ThrottleSettings = DEFAULT_THROTTLE,
  ) {}

  /** Seconds the client must wait before trying again; 0 when it may try now. */
  retryAfterSeconds(client: string): number {
    const now = this.clock.now();
    const record = this.clients.get(client);
    const until = Math.max(record?.lockedUntil ?? 0, this.globalLockedUntil);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /**
   * Starts an attempt: refuses it while the client (or the box) is locked out,
   * and otherwise counts it as a failure straight away, before the passphrase
   * is checked. Counting only after the slow check would let a burst of
   * simultaneous guesses all pass the lock. `succeeded()` takes it back.
   */
  begin(client: string): { retryAfterSeconds: number; succeeded(): void } {
    const retryAfterSeconds = this.retryAfterSeconds(client);
    if (retryAfterSeconds > 0) return { retryAfterSeconds, succeeded: () => undefined };
    this.recordFailure(client);
    return {
      retryAfterSeconds: 0,
      succeeded: () => {
        this.recordSuccess(client);
        this.globalFailures.pop();
      },
    };
  }

  recordFailure(client: string): void {
    const now = this.clock.now();
    const record = this.freshRecord(client, now);
    record.failures += 1;
    record.lastFailureAt = now;
    const excess = record.failures - this.settings.freeFailures;
    if (excess > 0) {
      const lock = Math.min(this.settings.baseLockMs * 2 ** (excess - 1), this.settings.maxLockMs);
      record.lockedUntil = now + lock;
    }
    this.clients.delete(client); // re-insert: the Map's order is then least recently failed first
    this.clients.set(client, record);
    this.evictOldest();
    this.recordGlobalFailure(now);
  }

  recordSuccess(client: string): void {
    this.clients.delete(client);
  }

  private freshRecord(client: string, now: number): ClientRecord {
    const record = this.clients.get(client);
    if (record && now - record.lastFailureAt < this.settings.forgetAfterMs) return record;
    return { failures: 0, lockedUntil: 0, lastFailureAt: now };
  }

  private evictOldest(): void {
    while (this.clients.size > this.settings.maxTrackedClients) {
      const oldest = this.clients.keys().next().value;
      if (oldest === undefined) return;
      this.clients.delete(oldest);
    }
  }

  private recordGlobalFailure(now: number): void {
    const windowStart = now - this.settings.globalWindowMs;
    this.globalFailures = this.globalFailures.filter((at) => at > windowStart);
    this.globalFailures.push(now);
    if (this.globalFailures.length < this.settings.globalFailureLimit || this.globalLockedUntil > now) return;
    if (now - this.globalLockedUntil > this.settings.globalWindowMs) this.globalLocks = 0;
    const lock = Math.min(this.settings.globalBaseLockMs * 2 ** this.globalLocks, this.settings.globalMaxLockMs);
    this.globalLocks += 1;
    this.globalLockedUntil = now + lock;
    this.globalFailures = [];
  }
}
