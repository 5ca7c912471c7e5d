// COPY and MOVE (RFC 4918 §9.8-9.9), through FilesService.copy/move: the
// Destination header names the target, Overwrite (T by default) says whether
// an existing one may be replaced (it goes to the Trash, like any deletion).
// Dead properties follow a MOVE (the entries keep their ids) and are
// duplicated by a COPY; locks follow neither (§7.6): they stay with URLs.
import { isWithin, parentOf, type FileRow } from "../files";
import type { DavRequest } from "./dav.context";
import { DavError } from "./dav.errors";
import { destinationOf } from "./dav.paths";
import { emptyResponse } from "./dav.responses";
import { checkPreconditions, type WriteScope } from "./preconditions";

type Transfer = "COPY" | "MOVE";

function overwriteOf(request: Request): boolean {
  const header = request.headers.get("overwrite")?.trim().toUpperCase() ?? "T";
  if (header !== "T" && header !== "F") throw new DavError(400, "Overwrite must be T or F.");
  return header === "T";
}

/** COPY of a folder may be shallow (Depth 0) or deep (infinity, the default); MOVE of a folder is always deep (§9.9.2). */
function depthOf(request: Request, method: Transfer, source: FileRow): "0" | "infinity" {
  const depth = request.headers.get("depth")?.trim().toLowerCase() ?? "infinity";
  if (depth !== "0" && depth !== "infinity") throw new DavError(400, `${method} takes Depth 0 or infinity.`);
  if (depth === "0" && method === "MOVE" && source.kind === "folder") throw new DavError(400, "MOVE of a collection is always Depth: infinity.");
  return depth;
}

function scopeOf(method: Transfer, source: FileRow, to: string, replacing: boolean): WriteScope {
  const destination: WriteScope = replacing ? { trees: [to], resources: [parentOf(to)] } : { resources: [to, parentOf(to)] };
  if (method === "COPY") return destination;
  return { trees: [source.path, ...(destination.trees ?? [])], resources: [parentOf(source.path), ...(destination.resources ?? [])] };
}

/** A shallow copy of a folder is a new, empty folder (its members are not copied). */
async function copyFolderShell(dav: DavRequest, to: string, replacing: boolean): Promise<void> {
  if (replacing) await dav.services.files.remove(dav.owner, to);
  await dav.services.files.createFolder(dav.owner, to);
}

async function transfer(dav: DavRequest, method: Transfer, source: FileRow, to: string, replacing: boolean, depth: "0" | "infinity"): Promise<void> {
  const { files, locks, properties } = dav.services;
  const overwrite = { overwrite: replacing };
  if (method === "MOVE") {
    await files.move(dav.owner, source.path, to, overwrite);
    await locks.removeSubtree(dav.owner.id, source.path);
    return;
  }
  if (source.kind === "folder" && depth === "0") await copyFolderShell(dav, to, replacing);
  else await files.copy(dav.owner, source.path, to, overwrite);
  await properties.copySubtree(dav.owner.id, source.path, to);
}

export async function copyOrMove(dav: DavRequest, method: Transfer): Promise<Response> {
  const to = destinationOf(dav.request);
  const overwrite = overwriteOf(dav.request);
  const source = await dav.services.files.stat(dav.owner, dav.path);
  const depth = depthOf(dav.request, method, source);
  if (to === source.path) throw new DavError(403, "The source and the destination are the same.");
  if (isWithin(to, source.path)) throw new DavError(403, "A collection cannot be copied or moved into itself.");
  const existing = await dav.services.files.tryStat(dav.owner, to);
  if (existing && !overwrite) throw new DavError(412, "The destination exists and Overwrite is F.");
  await checkPreconditions(dav, scopeOf(method, source, to, existing !== null));
  await transfer(dav, method, source, to, existing !== null, depth);
  // Overwriting deletes the destination first (§9.8.4, §9.9.3), and its locks with it.
  if (existing) await dav.services.locks.removeSubtree(dav.owner.id, to);
  return emptyResponse(existing ? 204 : 201);
}
