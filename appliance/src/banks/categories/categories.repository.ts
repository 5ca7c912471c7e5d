// Categories, rules, and the category columns of transactions (drizzle, and
// plain batched statements for the writes that touch thousands of rows).
import type { Client, InStatement, InValue } from "@libsql/client";
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bankCategories, bankRules, type BankCategoryRow, type BankRuleRow } from "../banks-categories.schema";
import { bankTransactions } from "../banks.schema";
import { FIRST_OWN_CATEGORY_ID, type BuiltinCategory } from "./builtin";

/** A transaction's category, as a rule or the classifier sets it (null: uncategorized). */
export interface Assignment {
  id: number;
  categoryId: number | null;
  source: "rule" | "classifier" | null;
  reason: string | null;
}

export interface LabelRow {
  id: number;
  label: string;
  amountMinor: number;
  categoryId: number | null;
}

/** Which rows a page reads: one import's, or only labels that may hold a word (none: all the person's). */
export interface PageScope {
  importId?: number;
  /** A lower-case ASCII word (letters and digits). */
  containing?: string;
}

/**
 * Labels that may hold the word once normalized: a plain ASCII label holds it
 * as typed (LIKE ignores ASCII case); a label with any other character (an
 * accent that normalizes away) is left to the exact check in code.
 */
function mayContain(word: string): SQL {
  return sql`(${bankTransactions.label} like ${`%${word}%`} or ${bankTransactions.label} glob '*[^ -~]*')`;
}

/** Rows per UPDATE statement (one JSON argument read by json_each). */
const ROWS_PER_UPDATE = 5_000;

const labelColumns = {
  id: bankTransactions.id,
  label: bankTransactions.label,
  amountMinor: bankTransactions.amountMinor,
  categoryId: bankTransactions.categoryId,
};

/** Rows rules and the classifier may (re)categorize: not the person's choices, nor reimbursements known from a link. */
const decidedAutomatically = or(isNull(bankTransactions.categorySource), inArray(bankTransactions.categorySource, ["rule", "classifier"]))!;

export class CategoriesRepository {
  constructor(
    private readonly db: Database,
    private readonly client: Client,
  ) {}

  /** Writes the built-in tree (idempotent) and keeps own ids from FIRST_OWN_CATEGORY_ID up. */
  async seed(builtins: readonly BuiltinCategory[], now: number): Promise<void> {
    const statements: InStatement[] = builtins.map((category) => ({
      sql: `insert into bank_categories (id, user_id, parent_id, key, name, created_at) values (?, null, ?, ?, ?, ?)
        on conflict (id) do update set parent_id = excluded.parent_id, key = excluded.key, name = excluded.name where user_id is null`,
      args: [category.id, category.parentId, category.key, category.name, now],
    }));
    statements.push({ sql: "update sqlite_sequence set seq = ? where name = 'bank_categories' and seq < ?", args: [FIRST_OWN_CATEGORY_ID - 1, FIRST_OWN_CATEGORY_ID - 1] });
    await this.client.batch(statements, "write");
  }

  /** The built-in tree and the person's own categories. */
  categories(userId: number): Promise<BankCategoryRow[]> {
    return this.db
      .select()
      .from(bankCategories)
      .where(or(isNull(bankCategories.userId), eq(bankCategories.userId, userId)))
      .orderBy(asc(bankCategories.id));
  }

  /** A category the person may use (built-in or their own), or null. */
  async usable(userId: number, id: number): Promise<BankCategoryRow | null> {
    const [row] = await this.db
      .select()
      .from(bankCategories)
      .where(and(eq(bankCategories.id, id), or(isNull(bankCategories.userId), eq(bankCategories.userId, userId))));
    return row ?? null;
  }

  async countOwn(userId: number): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(bankCategories).where(eq(bankCategories.userId, userId));
    return Number(row?.n ?? 0);
  }

  async insertCategory(row: typeof bankCategories.$inferInsert): Promise<BankCategoryRow> {
    const [saved] = await this.db.insert(bankCategories).values(row).returning();
    if (!saved) throw new Error("insert returned no row");
    return saved;
  }

  async updateCategory(userId: number, id: number, fields: { name?: string; parentId?: number | null }): Promise<BankCategoryRow | null> {
    const [row] = await this.db.update(bankCategories).set(fields).where(and(eq(bankCategories.id, id), eq(bankCategories.userId, userId))).returning();
    return row ?? null;
  }

  async hasChildren(id: number): Promise<boolean> {
    const [row] = await this.db.select({ id: bankCategories.id }).from(bankCategories).where(eq(bankCategories.parentId, id)).limit(1);
    return row !== undefined;
  }

  /** Deletes an own category; its transactions (even manual ones) become uncategorized, in the same transaction. */
  async deleteCategory(userId: number, id: number): Promise<void> {
    await this.db.batch([
      this.db
        .update(bankTransactions)
        .set({ categoryId: null, categorySource: null, categoryReason: null })
        .where(and(eq(bankTransactions.userId, userId), eq(bankTransactions.categoryId, id))),
      this.db.delete(bankCategories).where(and(eq(bankCategories.id, id), eq(bankCategories.userId, userId))),
    ]);
  }

  rules(userId: number): Promise<BankRuleRow[]> {
    return this.db.select().from(bankRules).where(eq(bankRules.userId, userId)).orderBy(asc(bankRules.id));
  }

  async rule(userId: number, id: number): Promise<BankRuleRow | null> {
    const [row] = await this.db.select().from(bankRules).where(and(eq(bankRules.userId, userId), eq(bankRules.id, id)));
    return row ?? null;
  }

  async ruleUsing(userId: number, categoryId: number): Promise<BankRuleRow | null> {
    const [row] = await this.db.select().from(bankRules).where(and(eq(bankRules.userId, userId), eq(bankRules.categoryId, categoryId))).limit(1);
    return row ?? null;
  }

  async insertRule(row: typeof bankRules.$inferInsert): Promise<BankRuleRow> {
    const [saved] = await this.db.insert(bankRules).values(row).returning();
    if (!saved) throw new Error("insert returned no row");
    return saved;
  }

  async setRuleCategory(id: number, categoryId: number): Promise<BankRuleRow> {
    const [saved] = await this.db.update(bankRules).set({ categoryId }).where(eq(bankRules.id, id)).returning();
    if (!saved) throw new Error("update returned no row");
    return saved;
  }

  async deleteRule(userId: number, id: number): Promise<void> {
    await this.db.delete(bankRules).where(and(eq(bankRules.userId, userId), eq(bankRules.id, id)));
  }

  async countRules(userId: number): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(bankRules).where(eq(bankRules.userId, userId));
    return Number(row?.n ?? 0);
  }

  /**
   * A page of rows not categorized by hand, in id order after afterId: those
   * of one import, or all of the person's (what a new rule may change).
   * Read in pages so 100,000 rows never sit in memory at once, each page as
   * one JSON text (libsql builds a JS object per row otherwise: twice slower).
   */
  async automaticPage(userId: number, scope: PageScope, afterId: number, limit: number): Promise<LabelRow[]> {
    // "+user_id": walk the primary key from afterId (one pass over all pages), not the user index (a sort of every row per page).
    const where = [sql`+${bankTransactions.userId} = ${userId}`, gt(bankTransactions.id, afterId), decidedAutomatically];
    if (scope.importId !== undefined) where.push(eq(bankTransactions.importBatchId, scope.importId));
    if (scope.containing !== undefined) where.push(mayContain(scope.containing));
    const page = this.db.select(labelColumns).from(bankTransactions).where(and(...where)).orderBy(asc(bankTransactions.id)).limit(limit).toSQL();
    const result = await this.client.execute({
      sql: `select json_group_array(json_array(id, label, amount_minor, category_id)) as page from (${page.sql})`,
      args: page.params as InValue[],
    });
    const rows = JSON.parse(String(result.rows[0]?.page ?? "[]")) as [number, string, number, number | null][];
    return rows.map(([id, label, amountMinor, categoryId]) => ({ id, label, amountMinor, categoryId }));
  }

  /** These rows, if rules and the classifier may categorize them (uncategorized, or by a rule or the classifier). */
  automaticRows(userId: number, ids: readonly number[]): Promise<LabelRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select(labelColumns).from(bankTransactions).where(and(eq(bankTransactions.userId, userId), inArray(bankTransactions.id, [...ids]), decidedAutomatically));
  }

  /** Rows a given rule categorized. */
  rowsOfRule(userId: number, ruleId: number): Promise<LabelRow[]> {
    return this.db
      .select(labelColumns)
      .from(bankTransactions)
      .where(and(eq(bankTransactions.userId, userId), eq(bankTransactions.categorySource, "rule"), sql`json_extract(${bankTransactions.categoryReason}, '$.ruleId') = ${ruleId}`));
  }

  /** The person's manual choices: what the classifier learns from. */
  manualRows(userId: number): Promise<LabelRow[]> {
    return this.db
      .select(labelColumns)
      .from(bankTransactions)
      .where(and(eq(bankTransactions.userId, userId), eq(bankTransactions.categorySource, "manual"), sql`${bankTransactions.categoryId} is not null`));
  }

  /**
   * Sets many rows' categories in one transaction, a few thousand rows per
   * statement. A row the person categorized by hand meanwhile is left alone.
   * The unary "+" keeps SQLite from driving the update by the user index
   * (then reading the whole JSON for each of the person's rows: quadratic);
   * it reads the JSON once and finds each row by its primary key.
   */
  async assign(userId: number, assignments: readonly Assignment[]): Promise<void> {
    if (assignments.length === 0) return;
    const statements: InStatement[] = [];
    for (let start = 0; start < assignments.length; start += ROWS_PER_UPDATE) {
      const rows = assignments.slice(start, start + ROWS_PER_UPDATE).map((a) => [a.id, a.categoryId, a.source, a.reason]);
      statements.push({
        sql: `update bank_transactions set category_id = json_extract(j.value, '$[1]'), category_source = json_extract(j.value, '$[2]'),
            category_reason = json_extract(j.value, '$[3]')
          from json_each(?) as j
          where bank_transactions.id = json_extract(j.value, '$[0]') and +bank_transactions.user_id = ?
            and (bank_transactions.category_source is null or bank_transactions.category_source in ('rule', 'classifier'))`,
        args: [JSON.stringify(rows), userId],
      });
    }
    await this.client.batch(statements, "write");
  }
}
