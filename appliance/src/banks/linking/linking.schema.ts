// How far bill linking has looked, per person: an incremental run considers
// only the bills and transactions that arrived after these marks (ids only
// grow), plus the older unlinked bills whose window a new transaction falls in.
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { users } from "../../auth/auth.schema";

export const bankLinkingState = sqliteTable("bank_linking_state", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The highest transaction id the last run considered (0: none yet, the next run is a full one). */
  transactionsSeen: integer("transactions_seen").notNull().default(0),
  /** The highest bill id the last run considered. */
  billsSeen: integer("bills_seen").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
});

export type BankLinkingStateRow = typeof bankLinkingState.$inferSelect;
