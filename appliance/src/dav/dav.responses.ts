// Answers of the WebDAV door. Every one carries the box's security headers;
// what WebDAV itself writes (XML, short texts) gets a CSP that runs nothing
// and a sandbox, since a browser may be pointed at /dav/ directly. File
// content goes through files/download.ts, which has its own.
import { SECURITY_HEADERS } from "../shared/http/security.plugin";
import { DavError } from "./dav.errors";

export const DAV_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";
export const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  207: "Multi-Status",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  421: "Misdirected Request",
  423: "Locked",
  424: "Failed Dependency",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  507: "Insufficient Storage",
};

export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${REASONS[status] ?? "Unknown"}`;
}

export function baseHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { ...SECURITY_HEADERS, "content-security-policy": DAV_CSP, "cache-control": "no-store", ...extra };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: baseHeaders(headers) });
}

export function xmlResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(XML_DECL + body, { status, headers: baseHeaders({ "content-type": "application/xml; charset=utf-8", ...headers }) });
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, { status, headers: baseHeaders({ "content-type": "text/plain; charset=utf-8", ...headers }) });
}

export function errorResponse(error: DavError): Response {
  if (error.condition) {
    return xmlResponse(error.status, `<D:error xmlns:D="DAV:">${error.condition}</D:error>`, error.headers);
  }
  return textResponse(error.status, error.message, error.headers);
}

/** One <D:response> of a 207 Multi-Status: an href and its propstats (or a plain status). */
export function responseXml(href: string, inner: string): string {
  return `<D:response><D:href>${href}</D:href>${inner}</D:response>`;
}

export function multistatus(responses: readonly string[]): Response {
  return xmlResponse(207, `<D:multistatus xmlns:D="DAV:">${responses.join("")}</D:multistatus>`);
}
