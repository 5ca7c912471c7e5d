// The security baseline every route gets, whatever its handler does:
// - Host allowlist: a page on another site that rebinds its DNS name to the
//   box's address still sends its own name as Host, and is refused (421).
// - Unsafe methods from another site are refused (CSRF), by Sec-Fetch-Site
//   and Origin. Clients that send neither (curl, the CLI, WebDAV clients)
//   are not browsers and cannot be driven by a hostile page.
// - Strict headers on every answer.
// - A default body limit from Content-Length.
import { Elysia } from "elysia";
import { AppError, ForbiddenError, PayloadTooLargeError } from "../errors";
import { DEFAULT_BODY_LIMIT_BYTES } from "./body";
import { hostOfHeader, type HostAllowlist } from "./host-allowlist";

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface SecurityOptions {
  hosts: HostAllowlist;
  /** Path prefixes allowed larger bodies than the default (they stream them). */
  largeBodyPrefixes?: readonly string[];
}

class MisdirectedRequestError extends AppError {
  constructor() {
    super(421, "host_not_allowed", "This box does not answer to that host name.");
  }
}

export function checkCrossSite(request: Request, host: string): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new ForbiddenError("cross_site_request", "Requests from other sites are refused.");
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    originHost = null;
  }
  if (originHost !== host.toLowerCase()) {
    throw new ForbiddenError("cross_site_request", "Requests from other sites are refused.");
  }
}

function checkBodySize(request: Request, path: string, largePrefixes: readonly string[]): void {
  if (largePrefixes.some((prefix) => path.startsWith(prefix))) return;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > DEFAULT_BODY_LIMIT_BYTES) throw new PayloadTooLargeError(DEFAULT_BODY_LIMIT_BYTES);
}

export function securityPlugin(options: SecurityOptions) {
  const largePrefixes = options.largeBodyPrefixes ?? [];
  return new Elysia({ name: "cozy.security" }).onRequest(({ request, set }) => {
    Object.assign(set.headers, SECURITY_HEADERS);
    const hostHeader = request.headers.get("host") ?? "";
    if (!options.hosts.allows(hostOfHeader(hostHeader))) throw new MisdirectedRequestError();
    if (!SAFE_METHODS.has(request.method)) checkCrossSite(request, hostHeader);
    checkBodySize(request, new URL(request.url).pathname, largePrefixes);
  });
}
