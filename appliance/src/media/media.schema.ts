import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";
import { files } from "../files/files.schema";

/**
 * What the media pipeline learned about a photo or video (one row per file,
 * tied to its id so it follows renames and moves and dies with the file).
 * The Photos timeline reads this table; the derived images live under
 * <data>/cache/thumbs/ and are named from the file id and its checksum.
 */
export const mediaItems = sqliteTable(
  "media_items",
  {
    fileId: integer("file_id")
      .primaryKey()
      .references(() => files.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["image", "video"] }).notNull(),
    /** The photo's date, epoch ms UTC: the date taken when known, else the file's mtime. */
    takenAt: integer("taken_at").notNull(),
    /** The UTC offset the camera recorded (minutes east of UTC), null when the file did not say. */
    takenAtOffsetMinutes: integer("taken_at_offset_minutes"),
    /** Where takenAt came from, so the UI can say "date from the file's modification time". */
    dateSource: text("date_source", { enum: ["exif", "video", "mtime"] }).notNull(),
    /** Upright dimensions (orientation applied). */
    width: integer("width"),
    height: integer("height"),
    orientation: integer("orientation"),
    durationMs: integer("duration_ms"),
    make: text("make"),
    model: text("model"),
    lens: text("lens"),
    exposureTime: real("exposure_time"),
    fNumber: real("f_number"),
    iso: integer("iso"),
    focalLength: real("focal_length"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    /** Base64 thumbhash placeholder, drawn until the thumbnail arrives. */
    thumbhash: text("thumbhash"),
    /** The checksum the thumbnails were made from; differs from files.sha256 while new ones are pending. */
    thumbsSha256: text("thumbs_sha256"),
    thumbsState: text("thumbs_state", { enum: ["pending", "ready", "failed"] }).notNull().default("pending"),
    thumbsError: text("thumbs_error"),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [index("media_items_user_taken_idx").on(table.userId, table.takenAt)],
);

export type MediaItemRow = typeof mediaItems.$inferSelect;
