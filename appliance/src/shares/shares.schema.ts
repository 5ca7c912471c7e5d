import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";
import { files } from "../files/files.schema";

/**
 * Share links: a capability URL (/s/<token>) to one file or folder, optionally
 * with a password and an expiry. Tied to the file's id, so a link follows the
 * item when it is renamed or moved, and dies with it when it is deleted.
 */
export const shares = sqliteTable(
  "shares",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    /** The random part of the URL. Kept (not hashed) so the owner can copy the link again. */
    token: text("token").notNull().unique(),
    passwordHash: text("password_hash"),
    expiresAt: integer("expires_at"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [index("shares_user_idx").on(table.userId), index("shares_file_idx").on(table.fileId)],
);

export type ShareRow = typeof shares.$inferSelect;
