// The WebDAV door, answered straight from Bun's router (see
// shared/http/server.ts): it does not go through Elysia, so it applies the
// box's baseline itself, in the same order as the security plugin:
// Host allowlist (421), cross-site refusal of unsafe methods (403), then
// authentication (401/429), then the method. One JSON log line per request.
import type { AppPasswordService } from "../auth";
import { hostOfHeader, type HostAllowlist } from "../shared/http/host-allowlist";
import { requestIdOf, startedAtOf } from "../shared/http/request-context";
import { checkCrossSite } from "../shared/http/security.plugin";
import type { Logger } from "../shared/logger";
import { authenticate } from "./dav.auth";
import type { DavRequest, DavServices, MethodHandler } from "./dav.context";
import { DavError, toDavError } from "./dav.errors";
import { requestPathOf } from "./dav.paths";
import { errorResponse, textResponse } from "./dav.responses";
import { copyOrMove } from "./copy-move";
import { lock, unlock } from "./lock.methods";
import { propfind } from "./propfind";
import { proppatch } from "./proppatch";
import { getOrHead, mkcol, notAllowed, options, put, remove } from "./resources";

export interface DavHandlerDeps {
  services: DavServices;
  appPasswords: AppPasswordService;
  hosts: HostAllowlist;
  logger: Logger;
}

const METHODS: Record<string, MethodHandler> = {
  OPTIONS: options,
  GET: getOrHead,
  HEAD: getOrHead,
  PUT: put,
  DELETE: remove,
  MKCOL: mkcol,
  PROPFIND: propfind,
  PROPPATCH: proppatch,
  COPY: (dav) => copyOrMove(dav, "COPY"),
  MOVE: (dav) => copyOrMove(dav, "MOVE"),
  LOCK: lock,
  UNLOCK: unlock,
};

// PROPFIND only reads, but no browser sends it by itself either: only GET, HEAD and OPTIONS pass cross-site.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function answer(request: Request, deps: DavHandlerDeps): Promise<Response> {
  const host = request.headers.get("host") ?? "";
  if (!deps.hosts.allows(hostOfHeader(host))) throw new DavError(421, "This box does not answer to that host name.");
  if (!SAFE_METHODS.has(request.method)) checkCrossSite(request, host);
  const owner = await authenticate(request, deps.appPasswords);
  const handler = METHODS[request.method];
  if (!handler) throw notAllowed(`${request.method} is not a WebDAV method this box knows.`);
  const url = new URL(request.url);
  const dav: DavRequest = { request, url, owner, path: requestPathOf(url), services: deps.services };
  return handler(dav);
}

function failure(error: unknown, request: Request, logger: Logger): Response {
  const known = toDavError(error, { method: request.method });
  if (known) return errorResponse(known);
  const requestId = requestIdOf(request);
  logger.error("unexpected error", {
    requestId,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack?.split("\n").slice(0, 6).join(" | ") : undefined,
  });
  return textResponse(500, `Something went wrong on the box (request ${requestId}).`);
}

/** Handles any request under /dav; never throws. */
export function davHandler(deps: DavHandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await answer(request, deps).catch((error: unknown) => failure(error, request, deps.logger));
    response.headers.set("x-request-id", requestIdOf(request));
    const startedAt = startedAtOf(request);
    // Like the request-log plugin: method, path without the query, status, duration; never a header.
    deps.logger.info("request", {
      requestId: requestIdOf(request),
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      durationMs: startedAt === undefined ? undefined : Math.round((performance.now() - startedAt) * 10) / 10,
    });
    return response;
  };
}
