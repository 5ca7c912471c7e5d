// Bills (a document with vendor, date, amount) and their links to the
// transactions that paid them or reimbursed them.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../auth/auth.schema";
import { files } from "../files/files.schema";
import { bankTransactions } from "./banks.schema";

export const bankBills = sqliteTable(
  "bank_bills",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The document in Drive (a PDF); null when a connector gave no file. */
    fileId: integer("file_id").references(() => files.id, { onDelete: "set null" }),
    vendor: text("vendor").notNull(),
    /** health_costs, phone, energy, internet, insurance, rent, tax, other... */
    type: text("type").notNull(),
    /** The bill's date (for a health reimbursement statement: the date the insurer pays). */
    date: text("date").notNull(),
    /** What the bill asks for (for a health reimbursement statement: the amount reimbursed). */
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** For health bills from an insurer: what the person paid, and when (matched against the debit). */
    originalAmountMinor: integer("original_amount_minor"),
    originalDate: text("original_date"),
    /** The connector or "person" that created it. */
    source: text("source").notNull(),
    /** A connector's own id for the bill, so that a re-run does not duplicate it. */
    sourceRef: text("source_ref"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    index("bank_bills_user_date_idx").on(table.userId, table.date),
    uniqueIndex("bank_bills_source_ref_uq").on(table.userId, table.source, table.sourceRef),
  ],
);

export const bankBillLinks = sqliteTable(
  "bank_bill_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    billId: integer("bill_id")
      .notNull()
      .references(() => bankBills.id, { onDelete: "cascade" }),
    transactionId: integer("transaction_id")
      .notNull()
      .references(() => bankTransactions.id, { onDelete: "cascade" }),
    /** payment: the debit that paid it; reimbursement: the credit that reimbursed it. */
    role: text("role", { enum: ["payment", "reimbursement"] }).notNull(),
    /** auto: made by linking; manual: made by the person; removed: the person removed it (never re-made); suggested: a tie. */
    state: text("state", { enum: ["auto", "manual", "removed", "suggested"] }).notNull(),
    /** The part of the transaction's amount this bill accounts for (minor units, positive). */
    amountMinor: integer("amount_minor").notNull(),
    /** Lower is better: date distance and amount difference combined. */
    score: integer("score"),
    /** Why: "same amount, 3 days later, label matches ENGIE" (JSON of reasons, rendered by the UI in its language). */
    explanation: text("explanation"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("bank_bill_links_uq").on(table.billId, table.transactionId, table.role),
    index("bank_bill_links_transaction_idx").on(table.transactionId),
  ],
);

export type BankBillRow = typeof bankBills.$inferSelect;
export type BankBillLinkRow = typeof bankBillLinks.$inferSelect;
