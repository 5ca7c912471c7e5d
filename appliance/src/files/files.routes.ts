import { Elysia, t } from "elysia";
import { signedIn, type authGuard, type Authenticated } from "../auth";
import { BadRequestError } from "../shared/errors";
import { chunksOf, jsonBody } from "../shared/http/body";
import { sendFileContent } from "./download";
import { zipStream } from "./zip";
import { fileEntryDto, toFileEntry, toTrashItem, toVersion, trashItemDto, versionDto, type Owner } from "./files.model";
import type { FilesService } from "./files.service";
import type { TrashBin } from "./trash";
import type { VersionKeeper } from "./versions";
import type { Disk } from "./disk";

export interface FilesRoutesDeps {
  files: FilesService;
  trash: TrashBin;
  versions: VersionKeeper;
  disk: Disk;
  guard: ReturnType<typeof authGuard>;
}

const SMALL_BODY = 16 * 1024;
const pathQuery = t.Object({ path: t.String({ minLength: 1, maxLength: 4096 }) });
const transferBody = t.Object(
  { from: t.String({ minLength: 1, maxLength: 4096 }), to: t.String({ minLength: 1, maxLength: 4096 }), overwrite: t.Optional(t.Boolean()) },
  { additionalProperties: false },
);
const idParams = t.Object({ id: t.Numeric({ minimum: 1 }) });

export function ownerOf(auth: Authenticated | null): Owner {
  const { user } = signedIn(auth);
  return { id: user.id, key: user.nameKey };
}

function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  if (header === null) return undefined;
  if (!/^\d+$/.test(header)) throw new BadRequestError("bad_length", "Content-Length must be a number of bytes.");
  return Number(header);
}

export function filesRoutes({ files, trash, versions, disk, guard }: FilesRoutesDeps) {
  return new Elysia({ prefix: "/api/files", tags: ["files"] })
    .use(guard)
    .get("/", async ({ auth, query }) => {
      const owner = ownerOf(auth);
      const folder = await files.stat(owner, query.path);
      return { folder: toFileEntry(folder), entries: (await files.list(owner, folder.path)).map(toFileEntry) };
    }, { query: pathQuery, response: { 200: t.Object({ folder: fileEntryDto, entries: t.Array(fileEntryDto) }) }, detail: { summary: "List a folder" } })
    .get("/stat", async ({ auth, query }) => toFileEntry(await files.stat(ownerOf(auth), query.path)), {
      query: pathQuery, response: { 200: fileEntryDto }, detail: { summary: "One file or folder" },
    })
    .get("/content", async ({ auth, query, request, set }) => {
      const { row, diskPath } = await files.openRead(ownerOf(auth), query.path);
      return sendFileContent(set, request, row, diskPath, { inline: query.inline === "1" });
    }, {
      query: t.Object({ path: t.String({ minLength: 1, maxLength: 4096 }), inline: t.Optional(t.Union([t.Literal("0"), t.Literal("1")])) }),
      detail: { summary: "Download a file (Range and ETag supported)" },
    })
    .get("/zip", async ({ auth, query }) => {
      const { folder, entries } = await files.zipEntries(ownerOf(auth), query.path);
      const name = `${folder.path === "/" ? "Drive" : folder.name}.zip`;
      return new Response(zipStream(entries), {
        headers: {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          "cache-control": "no-store",
        },
      });
    }, { query: pathQuery, detail: { summary: "Download a folder as a zip, streamed" } })
    .put("/content", async ({ auth, query, request, set }) => {
      const result = await files.write(ownerOf(auth), query.path, chunksOf(request), {
        overwrite: query.overwrite === "1",
        expectedBytes: declaredLength(request),
      });
      set.status = result.created ? 201 : 200;
      return toFileEntry(result.row);
    }, {
      parse: "none",
      query: t.Object({ path: t.String({ minLength: 1, maxLength: 4096 }), overwrite: t.Optional(t.Union([t.Literal("0"), t.Literal("1")])) }),
      detail: { summary: "Upload a file's bytes (streamed; 409 if it exists unless overwrite=1)" },
    })
    .post("/folders", async ({ auth, body, set }) => {
      set.status = 201;
      return toFileEntry(await files.createFolder(ownerOf(auth), body.path, { parents: body.parents ?? false }));
    }, {
      parse: jsonBody(SMALL_BODY),
      body: t.Object({ path: t.String({ minLength: 1, maxLength: 4096 }), parents: t.Optional(t.Boolean()) }, { additionalProperties: false }),
      detail: { summary: "Create a folder" },
    })
    .post("/move", async ({ auth, body }) => toFileEntry((await files.move(ownerOf(auth), body.from, body.to, { overwrite: body.overwrite ?? false })).row), {
      parse: jsonBody(SMALL_BODY), body: transferBody, detail: { summary: "Move or rename" },
    })
    .post("/copy", async ({ auth, body, set }) => {
      set.status = 201;
      return toFileEntry((await files.copy(ownerOf(auth), body.from, body.to, { overwrite: body.overwrite ?? false })).row);
    }, { parse: jsonBody(SMALL_BODY), body: transferBody, detail: { summary: "Copy a file or folder" } })
    .delete("/", async ({ auth, query }) => toTrashItem(await files.remove(ownerOf(auth), query.path)), {
      query: pathQuery, response: { 200: trashItemDto }, detail: { summary: "Move to the Trash" },
    })
    .get("/trash", async ({ auth }) => ({ items: (await trash.list(ownerOf(auth))).map(toTrashItem) }), {
      response: { 200: t.Object({ items: t.Array(trashItemDto) }) }, detail: { summary: "What is in the Trash" },
    })
    .post("/trash/:id/restore", async ({ auth, params }) => toFileEntry(await files.restore(ownerOf(auth), params.id)), {
      params: idParams, response: { 200: fileEntryDto }, detail: { summary: "Restore from the Trash" },
    })
    .delete("/trash", async ({ auth }) => ({ removed: await trash.empty(ownerOf(auth)) }), {
      detail: { summary: "Empty the Trash" },
    })
    .get("/versions", async ({ auth, query }) => {
      const owner = ownerOf(auth);
      const file = await files.stat(owner, query.path);
      return { versions: (await versions.list(owner, file.path)).map(toVersion) };
    }, { query: pathQuery, response: { 200: t.Object({ versions: t.Array(versionDto) }) }, detail: { summary: "Earlier versions of a file" } })
    .get("/versions/:id/content", async ({ auth, params, request, set }) => {
      const owner = ownerOf(auth);
      const version = await versions.find(owner, params.id);
      const row = { id: version.id, userId: owner.id, path: version.path, parentPath: "", name: version.path.slice(version.path.lastIndexOf("/") + 1),
        kind: "file" as const, size: version.size, mtime: version.mtime, mime: "application/octet-stream", sha256: version.sha256, createdAt: version.keptAt };
      return sendFileContent(set, request, row, versions.diskPath(owner, version.id));
    }, { params: idParams, detail: { summary: "Download an earlier version" } })
    .post("/versions/:id/restore", async ({ auth, params }) => toFileEntry(await files.restoreVersion(ownerOf(auth), params.id)), {
      params: idParams, response: { 200: fileEntryDto }, detail: { summary: "Make an earlier version current" },
    })
    .get("/space", () => disk.freeBytes(), {
      response: { 200: t.Object({ freeBytes: t.Number(), totalBytes: t.Number() }) }, detail: { summary: "Free space of the data volume" },
    });
}
