// Banks tables: accounts, their transactions and statement balances, and the
// imports that brought them (a preview first, then one committed batch).
// Money is integer minor units + ISO 4217 code; calendar dates are
// YYYY-MM-DD text; instants are epoch ms (DESIGN.md decision 4).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";

export const bankAccounts = sqliteTable(
  "bank_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** OFX BANKID, CAMT servicer BIC... */
    bankId: text("bank_id"),
    /** The account number as the bank writes it (OFX ACCTID, CAMT Othr/Id). */
    accountNumber: text("account_number"),
    iban: text("iban"),
    currency: text("currency").notNull(),
    type: text("type"),
    /** The CSV mapping the person last confirmed for this account (JSON of CsvMapping). */
    csvMapping: text("csv_mapping"),
    /**
     * Passed to the parsers as the account id of files that carry none (QIF,
     * CSV): part of their hashed import ids, so it never changes.
     */
    importKey: text("import_key").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [index("bank_accounts_user_idx").on(table.userId)],
);

export const bankImports = sqliteTable(
  "bank_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    format: text("format").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The uploaded file, kept under <data>/banks/imports until commit, cancel or expiry. */
    storedPath: text("stored_path"),
    state: text("state", { enum: ["preview", "committed", "cancelled"] }).notNull(),
    /** The last preview (JSON): account choices, mapping, counts, unsure candidates. */
    preview: text("preview").notNull(),
    newCount: integer("new_count").notNull().default(0),
    knownCount: integer("known_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    committedAt: integer("committed_at"),
    expiresAt: integer("expires_at").notNull(),
  },
  (table) => [index("bank_imports_user_idx").on(table.userId, table.createdAt), index("bank_imports_state_idx").on(table.state, table.expiresAt)],
);

export const bankTransactions = sqliteTable(
  "bank_transactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    /** FITID, AcctSvcrRef:…, or a stable hash (see parsers/README.md). */
    importId: text("import_id").notNull(),
    bookingDate: text("booking_date").notNull(),
    valueDate: text("value_date"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    label: text("label").notNull(),
    rawLabel: text("raw_label").notNull(),
    memo: text("memo"),
    counterparty: text("counterparty"),
    type: text("type"),
    /** The person's own note. */
    note: text("note"),
    categoryId: integer("category_id"),
    /** Why the category was given (a rule, the classifier, the person). */
    categoryReason: text("category_reason"),
    /** Who gave the category: the person (never overridden), a rule, a reimbursement link, or the classifier. */
    categorySource: text("category_source", { enum: ["manual", "rule", "link", "classifier"] }),
    /** The account's balance after this transaction, when a statement balance anchors it. */
    balanceAfterMinor: integer("balance_after_minor"),
    importBatchId: integer("import_batch_id").references(() => bankImports.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("bank_transactions_import_id_uq").on(table.accountId, table.importId),
    index("bank_transactions_user_date_idx").on(table.userId, table.bookingDate, table.id),
    index("bank_transactions_account_date_idx").on(table.accountId, table.bookingDate, table.id),
  ],
);

export const bankBalances = sqliteTable(
  "bank_balances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => bankAccounts.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    /** closing, opening, available... (parsers' BalanceKind). */
    kind: text("kind").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
  },
  (table) => [uniqueIndex("bank_balances_account_date_kind_uq").on(table.accountId, table.date, table.kind)],
);

export type BankAccountRow = typeof bankAccounts.$inferSelect;
export type BankTransactionRow = typeof bankTransactions.$inferSelect;
export type BankImportRow = typeof bankImports.$inferSelect;
export type BankBalanceRow = typeof bankBalances.$inferSelect;
