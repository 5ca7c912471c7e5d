import { t } from "elysia";
import type { FileRow } from "../files";
import { versionOf, type MediaItemRow } from "../media";
import { ValidationError } from "../shared/errors";
import type { AlbumRow } from "./photos.schema";

export const PAGE_LIMIT_DEFAULT = 200;
export const PAGE_LIMIT_MAX = 500;
export const ALBUM_NAME_MAX = 100;
export const ALBUMS_MAX = 1000;
export const ITEMS_PER_CHANGE_MAX = 1000;
export const FOLDERS_MAX = 50;
export const DEFAULT_UPLOAD_FOLDER = "/Photos/Uploads/{year}/{month}";

/**
 * A position in the timeline: the photo's (takenAt, fileId). A page holds the
 * photos strictly older than its cursor, newest first. Written
 * "<takenAt>_<fileId>" so the UI can also build one from an item it holds.
 */
export interface TimelineKey {
  takenAt: number;
  fileId: number;
}

const CURSOR = /^(-?\d{1,15})_(\d{1,15})$/;

export function encodeCursor(key: TimelineKey): string {
  return `${key.takenAt}_${key.fileId}`;
}

export function decodeCursor(cursor: string | undefined): TimelineKey | null {
  if (cursor === undefined || cursor === "") return null;
  const match = CURSOR.exec(cursor);
  if (!match) throw new ValidationError("cursor", "The cursor is not one this server gave out.");
  return { takenAt: Number(match[1]), fileId: Number(match[2]) };
}

export const pageQuery = t.Object({
  cursor: t.Optional(t.String({ maxLength: 40, description: "`next` of the previous page, or `start` of a summary group" })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })),
  tz: t.Optional(t.Numeric({ minimum: -840, maximum: 840, description: "The viewer's UTC offset in minutes east, for photos whose camera recorded none" })),
});
export const tzQuery = t.Object({ tz: pageQuery.properties.tz });

const nullableNumber = t.Union([t.Number(), t.Null()]);
const nullableString = t.Union([t.String(), t.Null()]);

export const timelineItemDto = t.Object({
  fileId: t.Number(),
  path: t.String(),
  name: t.String(),
  mime: t.String(),
  kind: t.Union([t.Literal("image"), t.Literal("video")]),
  takenAt: t.Number({ description: "Epoch ms UTC" }),
  offset: t.Union([t.Number({ description: "Minutes east of UTC the camera recorded" }), t.Null()]),
  dateSource: t.Union([t.Literal("exif"), t.Literal("video"), t.Literal("mtime")]),
  width: nullableNumber,
  height: nullableNumber,
  durationMs: nullableNumber,
  thumbhash: nullableString,
  thumbs: t.Union([t.Literal("pending"), t.Literal("ready"), t.Literal("failed")]),
  /** Goes into the thumbnail URL (`v=`) so a changed photo is never served from an old cache. */
  thumbVersion: nullableString,
});
export type TimelineItem = typeof timelineItemDto.static;

export const pageDto = t.Object({ items: t.Array(timelineItemDto), next: nullableString });

export const summaryDto = t.Object({
  total: t.Number(),
  groups: t.Array(
    t.Object({ day: t.String(), count: t.Number(), start: t.String({ description: "Cursor whose page starts with this group's first photo" }) }),
    { description: "Runs of photos of the same day, in timeline order" },
  ),
  months: t.Array(t.Object({ month: t.String(), count: t.Number() })),
  years: t.Array(t.Object({ year: t.Number(), count: t.Number() })),
});
export type Summary = typeof summaryDto.static;

export interface MediaWithFile {
  media: MediaItemRow;
  file: Pick<FileRow, "id" | "path" | "name" | "mime" | "sha256" | "size" | "mtime">;
}

export function toTimelineItem({ media, file }: MediaWithFile): TimelineItem {
  return {
    fileId: media.fileId,
    path: file.path,
    name: file.name,
    mime: file.mime,
    kind: media.kind,
    takenAt: media.takenAt,
    offset: media.takenAtOffsetMinutes,
    dateSource: media.dateSource,
    width: media.width,
    height: media.height,
    durationMs: media.durationMs,
    thumbhash: media.thumbhash,
    // Thumbnails made from older content count as pending: new ones are on their way.
    thumbs: media.thumbsState === "ready" && media.thumbsSha256 !== file.sha256 ? "pending" : media.thumbsState,
    thumbVersion: file.sha256 ? versionOf(file.sha256) : null,
  };
}

export const itemDetailDto = t.Object({
  item: timelineItemDto,
  size: t.Number(),
  sha256: nullableString,
  camera: t.Object({ make: nullableString, model: nullableString, lens: nullableString }),
  exposure: t.Object({ exposureTime: nullableNumber, fNumber: nullableNumber, iso: nullableNumber, focalLength: nullableNumber }),
  location: t.Union([t.Object({ latitude: t.Number(), longitude: t.Number(), text: t.String() }), t.Null()]),
  duplicates: t.Array(t.Object({ fileId: t.Number(), path: t.String() }), { description: "The person's other files with the same content" }),
  albums: t.Array(t.Object({ id: t.Number(), name: t.String() })),
});

/** 48.858370, 2.294481 → "48.85837° N, 2.29448° E". */
export function coordinatesText(latitude: number, longitude: number): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
  return `${part(latitude, "N", "S")}, ${part(longitude, "E", "W")}`;
}

export const albumDto = t.Object({
  id: t.Number(),
  name: t.String(),
  count: t.Number(),
  cover: t.Union([timelineItemDto, t.Null()]),
  coverChosen: t.Boolean({ description: "False when the cover is simply the newest photo" }),
  createdAt: t.Number(),
  updatedAt: t.Number(),
});
export type AlbumDto = typeof albumDto.static;

export function toAlbumDto(album: AlbumRow, count: number, cover: MediaWithFile | null): AlbumDto {
  return {
    id: album.id,
    name: album.name,
    count,
    cover: cover ? toTimelineItem(cover) : null,
    coverChosen: album.coverFileId !== null,
    createdAt: album.createdAt,
    updatedAt: album.updatedAt,
  };
}

const albumName = t.String({ minLength: 1, maxLength: ALBUM_NAME_MAX * 4 });
// t.Number with multipleOf rather than t.Integer: Elysia turns "1" into 1 for t.Integer in a body, and a string is no id.
const bodyId = () => t.Number({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 });
const fileIds = t.Array(bodyId(), { minItems: 1, maxItems: ITEMS_PER_CHANGE_MAX });

/** A positive whole number (1.5, 0, -1, "abc" are refused with 422). */
export const idNumber = () => t.Numeric({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 });
export const albumParams = t.Object({ id: idNumber() });
export const createAlbumBody = t.Object({ name: albumName, fileIds: t.Optional(fileIds) }, { additionalProperties: false });
export const updateAlbumBody = t.Object(
  { name: t.Optional(albumName), coverFileId: t.Optional(t.Union([bodyId(), t.Null()])) },
  { additionalProperties: false },
);
export const albumItemsBody = t.Object({ fileIds }, { additionalProperties: false });

export const settingsDto = t.Object({
  folders: t.Union([t.Array(t.String()), t.Null()], { description: "Drive folders the timeline shows; null: all" }),
  uploadFolder: t.String({ description: "Where uploads from Photos go; {year} and {month} are filled in" }),
});
export const settingsBody = t.Object(
  {
    folders: t.Union([t.Array(t.String({ minLength: 1, maxLength: 4096 }), { maxItems: FOLDERS_MAX }), t.Null()]),
    uploadFolder: t.String({ minLength: 1, maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type PhotoSettings = typeof settingsDto.static;
