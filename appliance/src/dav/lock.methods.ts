// LOCK and UNLOCK (RFC 4918 §9.10-9.11). A LOCK with a lockinfo body takes
// a new lock (creating an empty file at an unmapped URL, §7.3); a LOCK
// without a body refreshes the lock whose token the If header names.
import { parentOf } from "../files";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { readXmlBody } from "./dav.body";
import { emptyResponse, xmlResponse } from "./dav.responses";
import { activeLockXml, covering, parseTimeout, type LockDepth, type LockScope } from "./locks";
import type { DavLock } from "./locks.repository";
import { checkPreconditions } from "./preconditions";
import { davChild, elementsOf, isDav, serializeNodes, type XmlElement } from "./xml";

function depthOf(request: Request): LockDepth {
  const depth = request.headers.get("depth")?.trim().toLowerCase() ?? "infinity";
  if (depth === "0" || depth === "infinity") return depth;
  throw new DavError(400, "LOCK takes Depth 0 or infinity.");
}

function lockInfoOf(body: XmlElement): { scope: LockScope; owner: string } {
  if (!isDav(body, "lockinfo")) throw new DavError(400, "The body must be a DAV:lockinfo element.");
  const scope = elementsOf(davChild(body, "lockscope") ?? body).find((child) => isDav(child, "exclusive") || isDav(child, "shared"));
  const type = davChild(body, "locktype");
  if (!scope) throw new DavError(400, "DAV:lockinfo needs a lockscope of exclusive or shared.");
  if (!type || !davChild(type, "write")) throw new DavError(400, "Only write locks exist.");
  const owner = davChild(body, "owner");
  return { scope: scope.local as LockScope, owner: owner ? serializeNodes(owner.children) : "" };
}

function lockAnswer(status: number, lock: DavLock, rootIsCollection: boolean, now: number): Response {
  const discovery = `<D:prop xmlns:D="DAV:"><D:lockdiscovery>${activeLockXml(lock, now, rootIsCollection)}</D:lockdiscovery></D:prop>`;
  return xmlResponse(status, discovery, { "lock-token": `<${lock.token}>` });
}

async function* nothing(): AsyncGenerator<Uint8Array> {}

async function refresh(dav: DavRequest): Promise<Response> {
  if (!dav.request.headers.has("if")) throw new DavError(400, "A LOCK without a body refreshes a lock: name it in the If header.");
  const row = await dav.services.files.stat(dav.owner, dav.path);
  const { locks, submitted } = await checkPreconditions(dav, {});
  // The lock may be rooted above the Request-URI (a depth-infinity lock on a folder, litmus indirect_refresh).
  const lock = covering(locks, row.path).find((candidate) => submitted.has(candidate.token));
  if (!lock) throw new DavError(412, "No lock named in the If header applies to this resource.", "<D:lock-token-matches-request-uri/>");
  const refreshed = await dav.services.locks.refresh(lock, parseTimeout(dav.request.headers.get("timeout")));
  return lockAnswer(200, refreshed, lock.path !== row.path || row.kind === "folder", dav.services.locks.now());
}

export async function lock(dav: DavRequest): Promise<Response> {
  const body = await readXmlBody(dav.request);
  if (body === null) return refresh(dav);
  const info = lockInfoOf(body);
  const depth = depthOf(dav.request);
  const { files, locks } = dav.services;
  const existing = await files.tryStat(dav.owner, dav.path);
  await checkPreconditions(dav, existing ? {} : { resources: [parentOf(dav.path)] });
  const seconds = parseTimeout(dav.request.headers.get("timeout"));
  // The lock is taken (conflicts checked) before the empty file is created, and let go if that fails.
  const taken = await locks.create(dav.owner.id, { path: dav.path, depth, scope: info.scope, owner: info.owner, seconds });
  if (!existing) {
    try {
      await files.write(dav.owner, dav.path, nothing(), { overwrite: false, expectedBytes: 0 });
    } catch (error) {
      await locks.remove(dav.owner.id, taken.token);
      throw error;
    }
  }
  return lockAnswer(existing ? 200 : 201, taken, existing?.kind === "folder", locks.now());
}

function lockTokenOf(request: Request): string {
  const match = /^\s*<([^<>]+)>\s*$/.exec(request.headers.get("lock-token") ?? "");
  if (!match?.[1]) throw new DavError(400, "UNLOCK needs a Lock-Token header: <token>.");
  return match[1];
}

export async function unlock(dav: DavRequest): Promise<Response> {
  const token = lockTokenOf(dav.request);
  const held = await dav.services.locks.active(dav.owner.id);
  const lock = covering(held, dav.path).find((candidate) => candidate.token === token);
  if (!lock) throw new DavError(409, "No such lock on this resource.", "<D:lock-token-matches-request-uri/>");
  await dav.services.locks.remove(dav.owner.id, token);
  return emptyResponse(204);
}
