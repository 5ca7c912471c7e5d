// Before a method changes anything: the If header must hold (else 412), and
// every lock on what the method changes must have had its token submitted
// (else 423, RFC 4918 §7.4-7.5). The person who took a lock is no exception:
// a client that does not send the token may not be the one holding the lock
// (another device, another program of the same person).
import { etagOf } from "../files";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { hrefOf, resolveReference } from "./dav.paths";
import { evaluateIf, parseIfHeader, submittedTokens, type ResourceState } from "./if-header";
import { below, covering } from "./locks";
import type { DavLock } from "./locks.repository";

export interface WriteScope {
  /** Paths whose content, properties or members change: the locks covering each apply. */
  resources?: readonly string[];
  /** Paths removed or replaced with all they hold: locks anywhere below them apply too. */
  trees?: readonly string[];
}

export interface Checked {
  locks: DavLock[];
  submitted: Set<string>;
}

function pathOfTag(tag: string, request: Request): string | null {
  try {
    const resolved = resolveReference(tag, request);
    return resolved.startsWith("/") ? resolved : null;
  } catch {
    return null; // an invalid name cannot be a resource: its conditions are about nothing
  }
}

async function stateOf(dav: DavRequest, resource: string | null, locks: readonly DavLock[]): Promise<ResourceState> {
  const path = resource === null ? dav.path : pathOfTag(resource, dav.request);
  if (path === null) return { etag: null, lockTokens: new Set() };
  const row = await dav.services.files.tryStat(dav.owner, path).catch(() => null);
  return { etag: row ? etagOf(row) : null, lockTokens: new Set(covering(locks, path).map((lock) => lock.token)) };
}

/** The first group of locks (one group per lock root) none of whose tokens was submitted. */
function unsatisfied(locks: readonly DavLock[], scope: WriteScope, submitted: ReadonlySet<string>): DavLock | undefined {
  const groups: DavLock[][] = [...(scope.resources ?? []), ...(scope.trees ?? [])].map((path) => covering(locks, path));
  for (const path of scope.trees ?? []) groups.push(...Map.groupBy(below(locks, path), (lock) => lock.path).values());
  // Several shared locks on one resource: the token of any of them is enough.
  return groups.find((group) => group.length > 0 && !group.some((lock) => submitted.has(lock.token)))?.[0];
}

export function lockedError(lock: DavLock): DavError {
  const href = `<D:href>${hrefOf(lock.path, false)}</D:href>`;
  return new DavError(423, "The resource is locked and its lock token was not submitted.", `<D:lock-token-submitted>${href}</D:lock-token-submitted>`);
}

export async function checkPreconditions(dav: DavRequest, scope: WriteScope): Promise<Checked> {
  const locks = await dav.services.locks.active(dav.owner.id);
  const header = dav.request.headers.get("if");
  let submitted = new Set<string>();
  if (header !== null) {
    const lists = parseIfHeader(header);
    if (!(await evaluateIf(lists, (resource) => stateOf(dav, resource, locks)))) {
      throw new DavError(412, "The conditions of the If header do not hold.");
    }
    submitted = submittedTokens(lists);
  }
  const missing = unsatisfied(locks, scope, submitted);
  if (missing) throw lockedError(missing);
  return { locks, submitted };
}
