// Answers for a file's bytes, shared by REST and WebDAV: ETag and
// If-None-Match, single Range (206/416), HEAD. The body is a slice of the
// file handed to Bun, which streams it without buffering.
//
// A person's files are served so that they can never run as the appliance's
// own pages: a sandboxing CSP (no scripts, a unique origin), and active types
// (HTML, SVG, XML) are downloaded, never shown inline.
import { SECURITY_HEADERS } from "../shared/http/security.plugin";
import { etagOf } from "./files.model";
import type { FileRow } from "./files.schema";

const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)/;
const SANDBOX_CSP = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
// Chromium's PDF viewer does not run in a sandboxed document; PDFs get a locked-down CSP without the sandbox.
const PDF_CSP = "default-src 'none'; frame-ancestors 'self'";

export interface ContentOptions {
  inline?: boolean;
  /** Sent to the client as the file name for downloads. */
  fileName?: string;
}

function dispositionOf(row: FileRow, options: ContentOptions): string {
  const wantsInline = options.inline === true && !ACTIVE_TYPES.test(row.mime);
  const name = options.fileName ?? row.name;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${wantsInline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function baseHeaders(row: FileRow, options: ContentOptions): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    "content-security-policy": row.mime === "application/pdf" ? PDF_CSP : SANDBOX_CSP,
    "x-frame-options": "SAMEORIGIN",
    "content-type": ACTIVE_TYPES.test(row.mime) ? "application/octet-stream" : row.mime,
    "content-disposition": dispositionOf(row, options),
    "accept-ranges": "bytes",
    etag: etagOf(row),
    "last-modified": new Date(row.mtime).toUTCString(),
    "cache-control": "private, no-cache",
  };
}

/** Parses "bytes=a-b" / "bytes=a-" / "bytes=-n"; null for none or several ranges (then the whole file is sent). */
export function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== "" && Number(to) < start) return null; // "bytes=5-2" is invalid: ignored, the whole file is sent (RFC 9110 §14.2)
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

/** What to answer for a file's bytes: a status, headers and a body (a slice of the file, or nothing). */
export interface ContentPlan {
  status: number;
  headers: Record<string, string>;
  body: Blob | null;
}

export function fileContent(request: Request, row: FileRow, diskPath: string, options: ContentOptions = {}): ContentPlan {
  const headers = baseHeaders(row, options);
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === headers.etag || tag.trim() === "*")) {
    return { status: 304, headers, body: null };
  }
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== headers.etag ? null : parseRange(request.headers.get("range"), row.size);
  const file = Bun.file(diskPath);
  if (range === "unsatisfiable") return { status: 416, headers: { ...headers, "content-range": `bytes */${row.size}` }, body: null };
  if (range) {
    return { status: 206, headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${row.size}` }, body: file.slice(range.start, range.end + 1) };
  }
  return { status: 200, headers, body: file };
}

/** The plan as a Response, for doors that answer directly (WebDAV). Bun sets Content-Length from the Blob. */
export function fileContentResponse(request: Request, row: FileRow, diskPath: string, options: ContentOptions = {}): Response {
  const plan = fileContent(request, row, diskPath, options);
  return new Response(request.method === "HEAD" ? null : plan.body, { status: plan.status, headers: plan.headers });
}

/**
 * A file's bytes from an Elysia handler. Elysia rebuilds any returned
 * Response from its stream (losing Content-Length, and in Bun 1.3 the stream
 * of a file slice runs on to the end of the file), but it serves a returned
 * file natively, Range included. So: our headers go through `set`, 304 is
 * answered here, and the file itself is returned for Elysia to send.
 */
export function sendFileContent(
  set: { status?: number | string; headers: Record<string, string | number> },
  request: Request,
  row: FileRow,
  diskPath: string,
  options: ContentOptions = {},
): Blob | Response | string {
  const headers = baseHeaders(row, options);
  Object.assign(set.headers, headers);
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === headers.etag || tag.trim() === "*")) {
    set.status = 304;
    return "";
  }
  // An empty file as a Blob would become a 204.
  if (row.size === 0) return new Response(new Uint8Array(0), { status: 200, headers: { ...headers, "content-length": "0" } });
  return Bun.file(diskPath);
}
