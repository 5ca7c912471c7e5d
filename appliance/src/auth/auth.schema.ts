import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** People of the household. The first one is the owner. */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** As typed at setup: shown in the UI and used as the WebDAV/SMB user name. */
  name: text("name").notNull(),
  /** Lower-cased name: names are matched case-insensitively and are unique that way. */
  nameKey: text("name_key").notNull().unique(),
  role: text("role", { enum: ["owner", "member"] }).notNull(),
  passphraseHash: text("passphrase_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  passphraseChangedAt: integer("passphrase_changed_at").notNull(),
  /** UI language chosen in Settings; null follows the browser. */
  locale: text("locale", { enum: ["en", "fr"] }),
});

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** Absolute expiry; the idle expiry is lastSeenAt + idle period. */
    expiresAt: integer("expires_at").notNull(),
    ip: text("ip").notNull().default(sql`''`),
    userAgent: text("user_agent").notNull().default(sql`''`),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/**
 * Per-device passwords for WebDAV and SMB (Settings → App passwords). Shown
 * once, stored as an argon2id hash, revocable one by one. The main passphrase
 * is never used for those doors.
 */
export const appPasswords = sqliteTable(
  "app_passwords",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    /**
     * Set for a "Connect a computer" (SMB) password: the Samba account made for
     * that one computer (e.g. "alice-7"), since Samba keeps one hash per account.
     */
    smbAccount: text("smb_account").unique(),
  },
  (table) => [index("app_passwords_user_idx").on(table.userId)],
);

export type AppPasswordRow = typeof appPasswords.$inferSelect;
