// URLs of the WebDAV door <-> paths of the Drive. "/dav/Photos/a%20b.jpg" is
// the person's "/Photos/a b.jpg". Each segment is percent-decoded exactly
// once, as UTF-8 that must be valid (overlong forms such as %c0%ae are not),
// and then validated as a name by the file service's rules (no "..", no
// slash, no NUL or control character, at most 255 bytes, NFC).
//
// Bun resolves dot segments, "%2e" ones included, before the request reaches
// us: "/dav/%2e%2e/etc" arrives as "/etc". Whatever climbs out of /dav/ is
// therefore refused here as not being under the mount point.
import { joinPath, normalizePath, validateName } from "../files";
import { DavError } from "./dav.errors";

export const MOUNT = "/dav";

const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

function decodeSegment(raw: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) throw new DavError(400, "The URL has a malformed percent-encoding.");
  const parts = raw.split(/(%[0-9a-fA-F]{2})/).filter((part) => part !== "");
  const bytes = parts.flatMap((part) => (part.startsWith("%") ? [Number.parseInt(part.slice(1), 16)] : [...encoder.encode(part)]));
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    throw new DavError(400, "The URL is not valid UTF-8.");
  }
}

function isUnderMount(pathname: string): boolean {
  return pathname === MOUNT || pathname.startsWith(`${MOUNT}/`);
}

/** The Drive path of a URL path under /dav/; 400 for anything else or any invalid name. */
export function drivePathOf(pathname: string, outsideStatus = 400): string {
  if (!isUnderMount(pathname)) throw new DavError(outsideStatus, "The path is not under /dav/.");
  const names = pathname
    .slice(MOUNT.length)
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => validateName(decodeSegment(segment)));
  // Each name is valid on its own (no slash inside), so joining cannot create new segments.
  return normalizePath(names.reduce(joinPath, "/"));
}

/** The Drive path of the request's own URL. A fragment has no place in a Request-URI (litmus delete_fragment). */
export function requestPathOf(url: URL): string {
  if (url.hash !== "") throw new DavError(400, "A request URL cannot carry a fragment.");
  return drivePathOf(url.pathname);
}

/** "/Photos/a b.jpg" -> "/dav/Photos/a%20b.jpg"; collections end with a slash. */
export function hrefOf(path: string, isCollection: boolean): string {
  if (path === "/") return `${MOUNT}/`;
  const encoded = path
    .split("/")
    .slice(1)
    .map((name) => encodeURIComponent(name))
    .join("/");
  return `${MOUNT}/${encoded}${isCollection ? "/" : ""}`;
}

function urlOf(reference: string, request: Request): URL | null {
  try {
    return new URL(reference, request.url);
  } catch {
    return null;
  }
}

/**
 * The Drive path a URL (absolute or absolute-path) names on this box, or a
 * reason it names none: "foreign" (another host or scheme), "outside" (this
 * host, but not under /dav/).
 */
export function resolveReference(reference: string, request: Request): string | "foreign" | "outside" | "invalid" {
  const url = urlOf(reference, request);
  if (!url) return "invalid";
  if (url.protocol !== "http:" && url.protocol !== "https:") return "foreign";
  // Compared by host and port only: behind a TLS proxy the client's scheme is not ours.
  if (url.host.toLowerCase() !== new URL(request.url).host.toLowerCase()) return "foreign";
  if (!isUnderMount(url.pathname)) return "outside";
  return drivePathOf(url.pathname);
}

/**
 * The Destination of COPY/MOVE. Another host is 502 Bad Gateway (RFC 4918
 * §9.8.5, §9.9.4: this server cannot write there); a place on this host
 * outside /dav/ is 403 Forbidden (the rest of the box is not WebDAV's).
 */
export function destinationOf(request: Request): string {
  const header = request.headers.get("destination");
  if (!header) throw new DavError(400, "COPY and MOVE need a Destination header.");
  const resolved = resolveReference(header.trim(), request);
  if (resolved === "invalid") throw new DavError(400, "The Destination header is not a URL.");
  if (resolved === "foreign") throw new DavError(502, "The Destination is on another server.");
  if (resolved === "outside") throw new DavError(403, "The Destination is outside /dav/.");
  return resolved;
}
