// Categories (a built-in tree every person shares, extended per person) and
// the person's rules ("labels like … go to category X").
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";

export const bankCategories = sqliteTable(
  "bank_categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null for the built-in tree (seeded at start with fixed ids below 1000). */
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    parentId: integer("parent_id"),
    /** Stable slug of a built-in category (e.g. "health.expenses"); null for a person's own. */
    key: text("key"),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [uniqueIndex("bank_categories_key_uq").on(table.key), index("bank_categories_user_idx").on(table.userId)],
);

export const bankRules = sqliteTable(
  "bank_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Normalized words the label must contain (lower case, no accents), as typed/confirmed by the person. */
    pattern: text("pattern").notNull(),
    /** Only debits, only credits, or both (null). */
    sign: text("sign", { enum: ["debit", "credit"] }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => bankCategories.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [index("bank_rules_user_idx").on(table.userId)],
);

export type BankCategoryRow = typeof bankCategories.$inferSelect;
export type BankRuleRow = typeof bankRules.$inferSelect;
