import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";
import { files } from "../files/files.schema";

/**
 * One row per thing the search box can find: a file or folder (ref
 * `file:<id>`), later a bank transaction or a bill (their own refs). The full
 * text index `search_index` (FTS5, created by the custom migration
 * `*_search_index.sql`, drizzle has no virtual-table type) takes its text from
 * this table (external content, rowid = id) and is kept in step by triggers,
 * so nothing else ever writes to it.
 */
export const searchDocuments = sqliteTable(
  "search_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stable key from the capability that owns the document: "file:42", "transaction:7"… */
    ref: text("ref").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set for files and folders: the document dies with its file row even if an event was missed. */
    fileId: integer("file_id").references(() => files.id, { onDelete: "cascade" }),
    /** "file", "folder", "photo", "video", "document", later "transaction", "bill"… */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    /** The Drive path of a file ("/Photos/a.jpg"); null for what is not a file. */
    path: text("path"),
    /** Extracted text (a PDF's, a text file's), capped per document. */
    body: text("body").notNull().default(""),
    /** Words describing it that are not in its text: camera, lens, month and year taken… */
    meta: text("meta").notNull().default(""),
    /** The date the filters use, epoch ms: a photo's date taken, else the file's mtime. */
    date: integer("date"),
    /** 1 once the media pipeline described a file: its kind and date then win over the ones guessed from the file row. */
    described: integer("described", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at").notNull(),
  },
  // Only the indexes writes need (ref for upserts, file_id for the cascade from
  // files): queries reach rows through the FTS index and the primary key, and
  // every extra index slowed the build of a 100,000-file index by a quarter.
  (table) => [index("search_documents_file_idx").on(table.fileId)],
);

export type SearchDocumentRow = typeof searchDocuments.$inferSelect;
