import { Elysia, t } from "elysia";
import type { authGuard } from "../auth";
import { ownerOf } from "../files";
import { jsonBody } from "../shared/http/body";
import type { AlbumsService } from "./albums.service";
import {
  albumDto,
  albumItemsBody,
  albumParams,
  createAlbumBody,
  idNumber,
  itemDetailDto,
  pageDto,
  pageQuery,
  settingsBody,
  settingsDto,
  summaryDto,
  type Summary,
  tzQuery,
  updateAlbumBody,
} from "./photos.model";
import type { PhotosService } from "./photos.service";

const SMALL_BODY = 64 * 1024;

/** The summary with its ETag; 304 when the browser already holds this very one. */
function withEtag({ summary, etag }: { summary: Summary; etag: string }, request: Request, set: { status?: number | string; headers: Record<string, string | number> }) {
  set.headers.etag = etag;
  set.headers["cache-control"] = "private, no-cache";
  if (request.headers.get("if-none-match") === etag) {
    set.status = 304;
    return undefined;
  }
  return summary;
}

export interface PhotosRoutesDeps {
  photos: PhotosService;
  albums: AlbumsService;
  guard: ReturnType<typeof authGuard>;
}

export function photosRoutes({ photos, albums, guard }: PhotosRoutesDeps) {
  return new Elysia({ prefix: "/api/photos", tags: ["photos"] })
    .use(guard)
    .get("/timeline", async ({ auth, query }) => photos.page(await photos.timelineScope(ownerOf(auth)), query), {
      query: pageQuery, response: { 200: pageDto },
      detail: { summary: "Photos and videos, newest first (by date taken, then file id), a page at a time", description: "Keyset paging: pass `next` as `cursor` for the following page." },
    })
    .get("/summary", async ({ auth, query, request, set }) => {
      return withEtag(await photos.summary(await photos.timelineScope(ownerOf(auth)), query.tz), request, set);
    }, {
      query: tzQuery, response: { 200: summaryDto, 304: t.Undefined() },
      detail: { summary: "How many photos per day, month and year, to lay out the timeline and its year scrubber" },
    })
    .get("/items/:fileId", async ({ auth, params }) => photos.item(ownerOf(auth), params.fileId), {
      params: t.Object({ fileId: idNumber() }), response: { 200: itemDetailDto },
      detail: { summary: "One photo's details: date and its source, camera, exposure, place, duplicates, albums" },
    })
    .get("/settings", async ({ auth }) => photos.settings(ownerOf(auth)), {
      response: { 200: settingsDto }, detail: { summary: "Which folders Photos shows and where its uploads go" },
    })
    .put("/settings", async ({ auth, body }) => photos.saveSettings(ownerOf(auth), body), {
      parse: jsonBody(SMALL_BODY), body: settingsBody, response: { 200: settingsDto },
      detail: { summary: "Change the folders Photos shows (null: all) and the upload folder" },
    })
    .post("/upload-folder", async ({ auth, body }) => ({ path: await photos.uploadFolder(ownerOf(auth), body.month) }), {
      parse: jsonBody(SMALL_BODY),
      body: t.Object({ month: t.Optional(t.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" })) }, { additionalProperties: false }),
      response: { 200: t.Object({ path: t.String() }) },
      detail: { summary: "The Drive folder for uploads made now from Photos (made if missing); upload there with /api/files" },
    })
    .use(albumRoutes(albums, photos, guard));
}

/** Albums themselves: list, create, read, rename or choose the cover, delete. */
function albumRoutes(albums: AlbumsService, photos: PhotosService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/albums", tags: ["photos"] })
    .use(guard)
    .get("/", async ({ auth }) => ({ albums: await albums.list(ownerOf(auth)) }), {
      response: { 200: t.Object({ albums: t.Array(albumDto) }) }, detail: { summary: "Albums, most recently changed first, with counts and covers" },
    })
    .post("/", async ({ auth, body, set }) => {
      set.status = 201;
      return albums.create(ownerOf(auth), body.name, body.fileIds);
    }, { parse: jsonBody(SMALL_BODY), body: createAlbumBody, response: { 201: albumDto }, detail: { summary: "Create an album, optionally with photos" } })
    .get("/:id", async ({ auth, params }) => albums.get(ownerOf(auth), params.id), {
      params: albumParams, response: { 200: albumDto }, detail: { summary: "One album" },
    })
    .patch("/:id", async ({ auth, params, body }) => albums.update(ownerOf(auth), params.id, body), {
      params: albumParams, parse: jsonBody(SMALL_BODY), body: updateAlbumBody, response: { 200: albumDto },
      detail: { summary: "Rename an album or choose its cover (null: the newest photo)" },
    })
    .delete("/:id", async ({ auth, params, set }) => {
      await albums.remove(ownerOf(auth), params.id);
      set.status = 204;
    }, { params: albumParams, detail: { summary: "Delete an album (its photos stay in the Drive)" } })
    .use(albumItemRoutes(albums, photos, guard));
}

/** An album's photos: add, take out, page through, count. */
function albumItemRoutes(albums: AlbumsService, photos: PhotosService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ tags: ["photos"] })
    .use(guard)
    .post("/:id/items", async ({ auth, params, body }) => albums.addItems(ownerOf(auth), params.id, body.fileIds), {
      params: albumParams, parse: jsonBody(SMALL_BODY), body: albumItemsBody,
      response: { 200: t.Object({ added: t.Number(), album: albumDto }) }, detail: { summary: "Add photos to an album" },
    })
    .post("/:id/items/remove", async ({ auth, params, body }) => albums.removeItems(ownerOf(auth), params.id, body.fileIds), {
      params: albumParams, parse: jsonBody(SMALL_BODY), body: albumItemsBody,
      response: { 200: t.Object({ removed: t.Number(), album: albumDto }) }, detail: { summary: "Take photos out of an album (they stay in the Drive)" },
    })
    .get("/:id/items", async ({ auth, params, query }) => photos.page(await albums.scope(ownerOf(auth), params.id), query), {
      params: albumParams, query: pageQuery, response: { 200: pageDto }, detail: { summary: "An album's photos, newest first, a page at a time" },
    })
    .get("/:id/summary", async ({ auth, params, query, request, set }) => {
      return withEtag(await photos.summary(await albums.scope(ownerOf(auth), params.id), query.tz), request, set);
    }, {
      params: albumParams, query: tzQuery, response: { 200: summaryDto, 304: t.Undefined() }, detail: { summary: "An album's counts per day, month and year" },
    });
}
