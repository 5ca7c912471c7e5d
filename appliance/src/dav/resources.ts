// The plain-resource methods: OPTIONS, GET/HEAD, PUT, DELETE, MKCOL. Each is
// a thin layer over FilesService (the one file service behind every door):
// checks the WebDAV preconditions (If header, locks), then calls it.
import { etagOf, fileContentResponse, parentOf } from "../files";
import { chunksOf } from "../shared/http/body";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { hasNonEmptyBody } from "./dav.body";
import { emptyResponse } from "./dav.responses";
import { listingResponse } from "./listing";
import { checkPreconditions } from "./preconditions";

export const ALLOWED_METHODS = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK";

export function notAllowed(message: string): DavError {
  return new DavError(405, message, undefined, { allow: ALLOWED_METHODS });
}

export async function options(): Promise<Response> {
  return emptyResponse(200, { dav: "1, 2", allow: ALLOWED_METHODS, "ms-author-via": "DAV", "accept-ranges": "bytes", "content-length": "0" });
}

/**
 * A HEAD answer has no body, so Bun would send Content-Length: 0; clients
 * read the size from it (and Bun miscounts a HEAD of a file slice), so the
 * length is set here from what a GET would send.
 */
function headLength(response: Response, size: number): Response {
  const range = /^bytes (\d+)-(\d+)\//.exec(response.headers.get("content-range") ?? "");
  if (response.status === 206 && range) response.headers.set("content-length", String(Number(range[2]) - Number(range[1]) + 1));
  if (response.status === 200) response.headers.set("content-length", String(size));
  return response;
}

export async function getOrHead(dav: DavRequest): Promise<Response> {
  const row = await dav.services.files.stat(dav.owner, dav.path);
  if (row.kind === "folder") return listingResponse(dav.request, row, await dav.services.files.list(dav.owner, row.path));
  const { row: file, diskPath } = await dav.services.files.openRead(dav.owner, row.path);
  const response = fileContentResponse(dav.request, file, diskPath);
  return dav.request.method === "HEAD" ? headLength(response, file.size) : response;
}

function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  if (header === null) return undefined;
  if (!/^\d+$/.test(header.trim())) throw new DavError(400, "Content-Length must be a number of bytes.");
  return Number(header);
}

export async function put(dav: DavRequest): Promise<Response> {
  // RFC 9110 §9.3.4: a partial PUT would be taken for the whole content.
  if (dav.request.headers.has("content-range")) throw new DavError(400, "PUT with Content-Range is not supported.");
  if (dav.path === "/") throw notAllowed("The root is a collection.");
  const existing = await dav.services.files.tryStat(dav.owner, dav.path);
  if (existing?.kind === "folder") throw notAllowed("PUT cannot replace a collection.");
  // A new member changes its folder's membership, which a lock on the folder protects.
  await checkPreconditions(dav, { resources: existing ? [dav.path] : [dav.path, parentOf(dav.path)] });
  const { row, created } = await dav.services.files.write(dav.owner, dav.path, chunksOf(dav.request), {
    overwrite: true,
    expectedBytes: declaredLength(dav.request),
  });
  return emptyResponse(created ? 201 : 204, { etag: etagOf(row) });
}

export async function remove(dav: DavRequest): Promise<Response> {
  const depth = dav.request.headers.get("depth")?.trim().toLowerCase();
  const row = await dav.services.files.stat(dav.owner, dav.path);
  if (row.kind === "folder" && depth !== undefined && depth !== "infinity") {
    throw new DavError(400, "DELETE of a collection is always Depth: infinity.");
  }
  if (row.path === "/") throw new DavError(403, "The root cannot be deleted.");
  await checkPreconditions(dav, { trees: [row.path], resources: [parentOf(row.path)] });
  await dav.services.files.remove(dav.owner, row.path);
  await dav.services.locks.removeSubtree(dav.owner.id, row.path);
  return emptyResponse(204);
}

export async function mkcol(dav: DavRequest): Promise<Response> {
  // RFC 4918 §9.3: no MKCOL body format is defined here, so any body is unsupported.
  if (await hasNonEmptyBody(dav.request)) throw new DavError(415, "MKCOL with a body is not supported.");
  if (await dav.services.files.tryStat(dav.owner, dav.path)) throw notAllowed("Something already exists there.");
  await checkPreconditions(dav, { resources: [dav.path, parentOf(dav.path)] });
  await dav.services.files.createFolder(dav.owner, dav.path);
  return emptyResponse(201);
}
