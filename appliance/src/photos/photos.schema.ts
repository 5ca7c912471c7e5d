import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";
import { files } from "../files/files.schema";

/**
 * A person's albums. An album holds references to files (by id, so it follows
 * renames and moves); deleting an album never touches the photos themselves.
 */
export const albums = sqliteTable(
  "albums",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Chosen by the person; null means "the newest photo in the album". */
    coverFileId: integer("cover_file_id").references(() => files.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [index("albums_user_idx").on(table.userId, table.updatedAt)],
);

/** Which photos are in which album; a file leaving the Drive leaves its albums too. */
export const albumItems = sqliteTable(
  "album_items",
  {
    albumId: integer("album_id")
      .notNull()
      .references(() => albums.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    addedAt: integer("added_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.albumId, table.fileId] }), index("album_items_file_idx").on(table.fileId)],
);

/** Per-person Photos settings: which Drive folders the timeline shows, where uploads go. */
export const photoSettings = sqliteTable("photo_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** JSON array of Drive folder paths; null shows every folder. */
  folders: text("folders"),
  /** Drive folder for uploads made from Photos; {year} and {month} are filled in at upload time. */
  uploadFolder: text("upload_folder").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type AlbumRow = typeof albums.$inferSelect;
export type AlbumItemRow = typeof albumItems.$inferSelect;
export type PhotoSettingsRow = typeof photoSettings.$inferSelect;
