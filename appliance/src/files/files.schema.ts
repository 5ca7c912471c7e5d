import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";

/**
 * The index of every person's files. The tree under <data>/files/<user>/ is
 * the truth; this table mirrors it (DESIGN decision 1) and carries what other
 * capabilities attach to a file (its id, checksum, MIME type).
 */
export const files = sqliteTable(
  "files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** As the person sees it, NFC, starting with "/": "/Photos/2024/a.jpg". The root is "/". */
    path: text("path").notNull(),
    parentPath: text("parent_path").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["file", "folder"] }).notNull(),
    size: integer("size").notNull().default(0),
    /** Modification time on disk, epoch ms. */
    mtime: integer("mtime").notNull(),
    mime: text("mime").notNull().default("application/octet-stream"),
    /** Hex SHA-256 of the content; null for folders and for files not yet hashed. */
    sha256: text("sha256"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("files_user_path_idx").on(table.userId, table.path),
    index("files_user_parent_idx").on(table.userId, table.parentPath),
    index("files_sha256_idx").on(table.sha256),
  ],
);

/** WebDAV dead properties (PROPPATCH), kept with the file they describe. */
export const fileProperties = sqliteTable(
  "file_properties",
  {
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    /** The property's XML content, as sent. */
    value: text("value").notNull(),
  },
  (table) => [primaryKey({ columns: [table.fileId, table.namespace, table.name] })],
);

/** What was deleted, from where and when; the bytes wait under <data>/trash/<user>/<id>. */
export const trashItems = sqliteTable(
  "trash_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    originalPath: text("original_path").notNull(),
    kind: text("kind", { enum: ["file", "folder"] }).notNull(),
    size: integer("size").notNull(),
    deletedAt: integer("deleted_at").notNull(),
  },
  (table) => [index("trash_user_idx").on(table.userId, table.deletedAt)],
);

/** Earlier contents of an overwritten file; the bytes live under <data>/versions/<user>/<id>. */
export const fileVersions = sqliteTable(
  "file_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256"),
    /** When this content was written (the overwritten file's mtime). */
    mtime: integer("mtime").notNull(),
    keptAt: integer("kept_at").notNull(),
  },
  (table) => [index("versions_user_path_idx").on(table.userId, table.path)],
);

/** WebDAV locks (class 2). Kept in the database so they survive a restart until they time out. */
export const davLocks = sqliteTable(
  "dav_locks",
  {
    token: text("token").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    depth: text("depth", { enum: ["0", "infinity"] }).notNull(),
    scope: text("scope", { enum: ["exclusive", "shared"] }).notNull(),
    /** The lock's <D:owner> XML, returned as given. */
    owner: text("owner").notNull().default(""),
    expiresAt: integer("expires_at").notNull(),
  },
  (table) => [index("dav_locks_user_path_idx").on(table.userId, table.path)],
);

export type FileRow = typeof files.$inferSelect;
export type TrashRow = typeof trashItems.$inferSelect;
export type VersionRow = typeof fileVersions.$inferSelect;
export type DavLockRow = typeof davLocks.$inferSelect;
