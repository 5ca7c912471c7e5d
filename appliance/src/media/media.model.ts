// What the pipeline does with a file (by its content's MIME type), and the
// HTTP shapes of the media routes.
import { t } from "elysia";
import type { FileRow } from "../files";
import type { MediaItemRow } from "./media.schema";
import { versionOf, type ThumbSize } from "./thumb-store";

export type Treatment = "image" | "heic" | "video" | "pdf" | "text" | null;

/** Images sharp's own libvips reads (no HEVC: HEIC goes through libheif). */
export const SHARP_IMAGES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/tiff", "image/avif", "image/bmp"]);
export const HEIC = new Set(["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"]);
const TEXT = new Set(["application/json", "application/xml", "application/x-yaml", "application/yaml", "application/x-sh"]);

export function treatmentOf(file: Pick<FileRow, "mime" | "name">): Treatment {
  const mime = file.mime.toLowerCase();
  if (HEIC.has(mime) || /\.(heic|heif)$/i.test(file.name)) return "heic";
  if (SHARP_IMAGES.has(mime)) return "image";
  if (mime.startsWith("video/")) return "video";
  if (mime === "application/pdf") return "pdf";
  if (mime.startsWith("text/") || TEXT.has(mime)) return "text";
  return null;
}

/** Treatments that yield thumbnails. */
export function hasThumbnails(treatment: Treatment): boolean {
  return treatment === "image" || treatment === "heic" || treatment === "video" || treatment === "pdf";
}

/** The URL the API hands out: `v` changes with the content, so the browser may cache each URL forever. */
export function thumbnailUrl(fileId: number, sha256: string | null, size: ThumbSize = "small"): string {
  return `/api/media/thumbnail?id=${fileId}&size=${size}${sha256 ? `&v=${versionOf(sha256)}` : ""}`;
}

const nullable = <T extends import("@sinclair/typebox").TSchema>(schema: T) => t.Union([schema, t.Null()]);

export const mediaItemDto = t.Object({
  fileId: t.Number(),
  path: t.String(),
  kind: t.Union([t.Literal("image"), t.Literal("video")]),
  takenAt: t.Number({ description: "Epoch ms UTC: the date taken, else the file's modification time (see dateSource)" }),
  takenAtOffsetMinutes: nullable(t.Number({ description: "The UTC offset the camera recorded, minutes east of UTC" })),
  dateSource: t.Union([t.Literal("exif"), t.Literal("video"), t.Literal("mtime")]),
  width: nullable(t.Number()),
  height: nullable(t.Number()),
  orientation: nullable(t.Number()),
  durationMs: nullable(t.Number()),
  make: nullable(t.String()),
  model: nullable(t.String()),
  lens: nullable(t.String()),
  exposureTime: nullable(t.Number()),
  fNumber: nullable(t.Number()),
  iso: nullable(t.Number()),
  focalLength: nullable(t.Number()),
  latitude: nullable(t.Number()),
  longitude: nullable(t.Number()),
  thumbhash: nullable(t.String({ description: "Base64 thumbhash, drawn until the thumbnail arrives" })),
  thumbsState: t.Union([t.Literal("pending"), t.Literal("ready"), t.Literal("failed")]),
  thumbsError: nullable(t.String()),
  thumbnailUrl: t.String(),
  previewUrl: t.String(),
});
export type MediaItemDto = typeof mediaItemDto.static;

export function toMediaItemDto(item: MediaItemRow, file: FileRow): MediaItemDto {
  const { userId: _userId, thumbsSha256, updatedAt: _updatedAt, ...fields } = item;
  // Made from older content: new thumbnails are on their way.
  const state = item.thumbsState === "ready" && thumbsSha256 !== file.sha256 ? "pending" : item.thumbsState;
  return {
    ...fields,
    path: file.path,
    thumbsState: state,
    thumbnailUrl: thumbnailUrl(file.id, file.sha256, "small"),
    previewUrl: thumbnailUrl(file.id, file.sha256, "preview"),
  };
}

export const duplicateGroupDto = t.Object({
  sha256: t.String(),
  size: t.Number(),
  files: t.Array(t.Object({ id: t.Number(), path: t.String(), name: t.String(), mtime: t.Number() })),
});

export const thumbnailQuery = t.Object({
  path: t.Optional(t.String({ minLength: 1, maxLength: 4096, description: "As in Drive and under /dav/, e.g. /Photos/a.jpg" })),
  id: t.Optional(t.Numeric({ minimum: 1, description: "The file's id (instead of path)" })),
  size: t.Optional(t.Union([t.Literal("small"), t.Literal("preview")], { description: "small (shorter side 256 px, default) or preview (longest side 1440 px)" })),
  v: t.Optional(t.String({ maxLength: 64, description: "Content version from the URLs the API hands out; makes the URL cacheable forever" })),
});

export const pendingThumbnailDto = t.Object({
  state: t.Union([t.Literal("pending")]),
  thumbhash: nullable(t.String()),
  retryAfterSeconds: t.Number(),
});
