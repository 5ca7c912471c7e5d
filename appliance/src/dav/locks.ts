// WebDAV write locks (RFC 4918 §6-7): exclusive or shared, depth 0 or
// infinity, bound to a URL (here: a Drive path) and to the person who took
// them. Lock-null resources are gone from RFC 4918: locking an unmapped URL
// creates an empty file (§7.3), done by the LOCK method, not here.
import { randomUUID } from "node:crypto";
import { isWithin } from "../files";
import type { Clock } from "../shared/ports";
import { DavError } from "./dav.errors";
import { hrefOf } from "./dav.paths";
import type { DavLock, LocksRepository } from "./locks.repository";

export type LockScope = "exclusive" | "shared";
export type LockDepth = "0" | "infinity";

/** Timeouts are capped: a client that vanishes must not leave a file locked for long. */
export const MAX_LOCK_SECONDS = 3600;
export const DEFAULT_LOCK_SECONDS = 600;

export interface NewLock {
  path: string;
  depth: LockDepth;
  scope: LockScope;
  /** The <D:owner> content, as self-contained XML. */
  owner: string;
  seconds: number;
}

/** The locks that apply to `path`: rooted there, or depth-infinity locks of a folder above it. */
export function covering(locks: readonly DavLock[], path: string): DavLock[] {
  return locks.filter((lock) => lock.path === path || (lock.depth === "infinity" && isWithin(path, lock.path)));
}

/** Locks rooted strictly below `path`. */
export function below(locks: readonly DavLock[], path: string): DavLock[] {
  return locks.filter((lock) => lock.path !== path && isWithin(lock.path, path));
}

/** An existing lock that a new one would conflict with: any overlap where either is exclusive. */
export function conflicting(locks: readonly DavLock[], wanted: Pick<NewLock, "path" | "depth" | "scope">): DavLock | undefined {
  const overlapping = [...covering(locks, wanted.path), ...(wanted.depth === "infinity" ? below(locks, wanted.path) : [])];
  return overlapping.find((lock) => lock.scope === "exclusive" || wanted.scope === "exclusive");
}

/** "Second-600, Infinite" -> seconds, first understood value wins, capped (RFC 4918 §10.7). */
export function parseTimeout(header: string | null): number {
  for (const item of (header ?? "").split(",").map((part) => part.trim().toLowerCase())) {
    if (item === "infinite") return MAX_LOCK_SECONDS;
    const match = /^second-(\d{1,10})$/.exec(item);
    if (match) return Math.min(MAX_LOCK_SECONDS, Math.max(1, Number(match[1])));
  }
  return DEFAULT_LOCK_SECONDS;
}

export class DavLocks {
  /** The lock being taken for each person, so that takers queue (check, then insert, is not atomic). */
  private readonly creating = new Map<number, Promise<unknown>>();

  constructor(
    private readonly repository: LocksRepository,
    private readonly clock: Clock,
  ) {}

  now(): number {
    return this.clock.now();
  }

  active(userId: number): Promise<DavLock[]> {
    return this.repository.active(userId, this.clock.now());
  }

  /** Takes a lock; one at a time per person, so two clients cannot both get an exclusive one. */
  create(userId: number, wanted: NewLock): Promise<DavLock> {
    const previous = this.creating.get(userId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.createNow(userId, wanted));
    const settled = next.catch(() => undefined);
    this.creating.set(userId, settled);
    void settled.then(() => this.creating.get(userId) === settled && this.creating.delete(userId));
    return next;
  }

  private async createNow(userId: number, wanted: NewLock): Promise<DavLock> {
    const clash = conflicting(await this.active(userId), wanted);
    if (clash) {
      const href = `<D:href>${hrefOf(clash.path, false)}</D:href>`;
      throw new DavError(423, "A conflicting lock is already held.", `<D:no-conflicting-lock>${href}</D:no-conflicting-lock>`);
    }
    const lock: DavLock = {
      token: `urn:uuid:${randomUUID()}`,
      userId,
      path: wanted.path,
      depth: wanted.depth,
      scope: wanted.scope,
      owner: wanted.owner,
      expiresAt: this.clock.now() + wanted.seconds * 1000,
    };
    await this.repository.insert(lock);
    return lock;
  }

  async refresh(lock: DavLock, seconds: number): Promise<DavLock> {
    const expiresAt = this.clock.now() + seconds * 1000;
    await this.repository.refresh(lock.token, expiresAt);
    return { ...lock, expiresAt };
  }

  remove(userId: number, token: string): Promise<boolean> {
    return this.repository.remove(userId, token);
  }

  removeSubtree(userId: number, path: string): Promise<void> {
    return this.repository.removeSubtree(userId, path);
  }
}

/** <D:activelock> for lockdiscovery (RFC 4918 §14.1). */
export function activeLockXml(lock: DavLock, now: number, rootIsCollection: boolean): string {
  const seconds = Math.max(0, Math.ceil((lock.expiresAt - now) / 1000));
  return (
    "<D:activelock><D:locktype><D:write/></D:locktype>" +
    `<D:lockscope><D:${lock.scope}/></D:lockscope><D:depth>${lock.depth}</D:depth>` +
    (lock.owner === "" ? "" : `<D:owner>${lock.owner}</D:owner>`) +
    `<D:timeout>Second-${seconds}</D:timeout>` +
    `<D:locktoken><D:href>${lock.token}</D:href></D:locktoken>` +
    `<D:lockroot><D:href>${hrefOf(lock.path, rootIsCollection)}</D:href></D:lockroot></D:activelock>`
  );
}

/** The value of DAV:lockdiscovery for a resource, given the locks that cover it. */
export function lockDiscoveryXml(locks: readonly DavLock[], path: string, isCollection: boolean, now: number): string {
  // A lock rooted above the resource is on a folder; one rooted at it shares its kind.
  return locks.map((lock) => activeLockXml(lock, now, lock.path !== path || isCollection)).join("");
}

export const SUPPORTED_LOCK_XML =
  "<D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>" +
  "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>";
