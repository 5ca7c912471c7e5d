import { Elysia, t } from "elysia";
import type { authGuard } from "../auth";
import { ownerOf } from "../files";
import { SECURITY_HEADERS } from "../shared/http/security.plugin";
import { duplicateGroupDto, mediaItemDto, pendingThumbnailDto, thumbnailQuery } from "./media.model";
import type { MediaService, ThumbnailAnswer } from "./media.service";

/** Seconds the UI waits before asking again for a thumbnail still being made. */
const RETRY_AFTER_SECONDS = 2;
const IMMUTABLE = "private, max-age=31536000, immutable";

function thumbnailResponse(answer: ThumbnailAnswer, request: Request, set: { status?: number | string; headers: Record<string, string | number> }) {
  if (answer.state === "pending") {
    set.status = 202;
    set.headers["retry-after"] = String(RETRY_AFTER_SECONDS);
    set.headers["cache-control"] = "no-store";
    return { state: "pending" as const, thumbhash: answer.thumbhash, retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  // A URL with an old `v` still gets the current picture, but must not be cached forever under that URL.
  const headers = { ...SECURITY_HEADERS, "content-type": answer.contentType, etag: answer.etag, "cache-control": answer.current ? IMMUTABLE : "private, no-cache" };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim() === answer.etag || tag.trim() === "*")) return new Response(null, { status: 304, headers });
  return new Response(Bun.file(answer.path), { status: 200, headers });
}

export function mediaRoutes(service: MediaService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/media", tags: ["media"] })
    .use(guard)
    .get("/thumbnail", async ({ auth, query, request, set }) => {
      const answer = await service.thumbnail(ownerOf(auth), { path: query.path, id: query.id, v: query.v }, query.size ?? "small");
      return thumbnailResponse(answer, request, set);
    }, {
      query: thumbnailQuery,
      response: { 202: pendingThumbnailDto },
      detail: {
        summary: "A photo's, video's or PDF's thumbnail (small: WebP; preview: JPEG, or WebP when it has transparency)",
        description:
          "By path (as in Drive) or id. ETag and a year-long immutable cache when `v` matches the content; 304 on If-None-Match. " +
          "A missing thumbnail is made at high priority; if it is not ready within a few seconds the answer is 202 with Retry-After and the thumbhash to draw meanwhile. " +
          "409 thumbnail_failed when the file cannot be read (the reason says why).",
      },
    })
    .get("/items", async ({ auth, query }) => ({ item: await service.item(ownerOf(auth), { path: query.path, id: query.id }) }), {
      query: t.Object({ path: t.Optional(t.String({ minLength: 1, maxLength: 4096 })), id: t.Optional(t.Numeric({ minimum: 1 })) }),
      response: { 200: t.Object({ item: t.Union([mediaItemDto, t.Null()]) }) },
      detail: { summary: "A photo's or video's details: date taken (and where it came from), camera, exposure, dimensions, GPS; null for other files or until analysed" },
    })
    .get("/duplicates", async ({ auth }) => ({ groups: await service.duplicates(ownerOf(auth)) }), {
      response: { 200: t.Object({ groups: t.Array(duplicateGroupDto) }) },
      detail: { summary: "Groups of files with identical content (same SHA-256); nothing is ever deleted automatically" },
    });
}
