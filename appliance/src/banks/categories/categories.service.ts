// A person's categories (the built-in tree plus their own), their rules, and
// the "always do this for labels like …" suggestion.
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../shared/errors";
import type { Clock } from "../../shared/ports";
import type { BankCategoryRow, BankRuleRow } from "../banks-categories.schema";
import { HEALTH_EXPENSES_ID, HEALTH_REIMBURSEMENTS_ID } from "./builtin";
import type { Categorizer, CategoryState } from "./categorizer";
import type { CategoriesRepository } from "./categories.repository";
import { normalizeLabel, suggestPattern } from "./labels";
import { signOf } from "./rules";

export const MAX_OWN_CATEGORIES = 500;
export const MAX_RULES = 2_000;
export const NAME_MAX = 60;
export const PATTERN_MAX = 100;

export interface RuleInput {
  pattern: string;
  sign?: "debit" | "credit" | null;
  categoryId: number;
}

export interface RuleSuggestion {
  pattern: string;
  sign: "debit" | "credit";
  /** How many other transactions the rule would recategorize. */
  matches: number;
}

export interface CategoriesDeps {
  repository: CategoriesRepository;
  categorizer: Categorizer;
  clock: Clock;
  /** Resolves once the built-in tree is in the database. */
  ready(): Promise<void>;
  /** The label, amount and category of one of the person's transactions, or null. */
  transaction(userId: number, id: number): Promise<(CategoryState & { id: number }) | null>;
  /** Told after a rule was made or removed (transactionIds null: any of the person's may have changed). */
  recategorized(userId: number, transactionIds: number[] | null): Promise<void>;
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed.length === 0) throw new ValidationError("name", "A category needs a name.");
  return trimmed;
}

export class CategoriesService {
  constructor(private readonly deps: CategoriesDeps) {}

  async list(userId: number): Promise<BankCategoryRow[]> {
    await this.deps.ready();
    return this.deps.repository.categories(userId);
  }

  /** A category the person may give a transaction or a rule; 404 otherwise (another person's is not revealed). */
  async usable(userId: number, id: number): Promise<BankCategoryRow> {
    await this.deps.ready();
    const row = await this.deps.repository.usable(userId, id);
    if (!row) throw new NotFoundError("No such category.");
    return row;
  }

  private async own(userId: number, id: number): Promise<BankCategoryRow> {
    const row = await this.usable(userId, id);
    if (row.userId === null) throw new ForbiddenError("builtin_category", "Built-in categories cannot be changed; add your own under them instead.");
    return row;
  }

  async create(userId: number, input: { name: string; parentId?: number | null }): Promise<BankCategoryRow> {
    const name = cleanName(input.name);
    if (input.parentId != null) await this.usable(userId, input.parentId);
    if ((await this.deps.repository.countOwn(userId)) >= MAX_OWN_CATEGORIES) {
      throw new ConflictError("too_many_categories", `You have ${MAX_OWN_CATEGORIES} categories of your own, the most there can be.`);
    }
    return this.deps.repository.insertCategory({ userId, name, parentId: input.parentId ?? null, key: null, createdAt: this.deps.clock.now() });
  }

  async update(userId: number, id: number, input: { name?: string; parentId?: number | null }): Promise<BankCategoryRow> {
    await this.own(userId, id);
    const fields: { name?: string; parentId?: number | null } = {};
    if (input.name !== undefined) fields.name = cleanName(input.name);
    if (input.parentId !== undefined) {
      if (input.parentId !== null) await this.refuseCycle(userId, id, input.parentId);
      fields.parentId = input.parentId;
    }
    if (Object.keys(fields).length === 0) return this.own(userId, id);
    return (await this.deps.repository.updateCategory(userId, id, fields))!;
  }

  /** The new parent must exist for the person and must not be the category itself or below it. */
  private async refuseCycle(userId: number, id: number, parentId: number): Promise<void> {
    await this.usable(userId, parentId);
    const parentOf = new Map((await this.deps.repository.categories(userId)).map((row) => [row.id, row.parentId]));
    for (let at: number | null | undefined = parentId, steps = 0; at != null && steps <= parentOf.size; at = parentOf.get(at), steps++) {
      if (at === id) throw new ValidationError("parentId", "A category cannot be placed under itself or one of its own subcategories.");
    }
  }

  /** Refused while rules or subcategories use it; its transactions become uncategorized. */
  async remove(userId: number, id: number): Promise<void> {
    await this.own(userId, id);
    const rule = await this.deps.repository.ruleUsing(userId, id);
    if (rule) throw new ConflictError("category_in_use", `The rule for "${rule.pattern}" uses this category; delete or change the rule first.`);
    if (await this.deps.repository.hasChildren(id)) throw new ConflictError("category_has_children", "This category has subcategories; move or delete them first.");
    await this.deps.repository.deleteCategory(userId, id);
    this.deps.categorizer.forget(userId);
  }

  /** Ids of health expenses (with every subcategory of it, built-in or the person's) and of health reimbursements. */
  async healthCategoryIds(userId: number): Promise<{ expenses: number[]; reimbursements: number[] }> {
    const rows = await this.list(userId);
    return { expenses: descendantsOf(rows, HEALTH_EXPENSES_ID), reimbursements: descendantsOf(rows, HEALTH_REIMBURSEMENTS_ID) };
  }

  /** Ids of health expenses and every subcategory of it (what bill linking searches among for health bills). */
  async healthExpenseIds(userId: number): Promise<number[]> {
    return (await this.healthCategoryIds(userId)).expenses;
  }

  rules(userId: number): Promise<BankRuleRow[]> {
    return this.deps.repository.rules(userId);
  }

  /** Creates a rule (or gives an existing rule of the same words and sign its new category) and applies it at once. */
  async createRule(userId: number, input: RuleInput): Promise<{ rule: BankRuleRow; applied: number; created: boolean }> {
    const pattern = normalizeLabel(input.pattern);
    if (pattern.length < 2) throw new ValidationError("pattern", "A rule needs at least two letters or digits to look for in labels.");
    if (pattern.length > PATTERN_MAX) throw new ValidationError("pattern", `A rule's words are at most ${PATTERN_MAX} characters.`);
    await this.usable(userId, input.categoryId);
    const sign = input.sign ?? null;
    const rules = await this.deps.repository.rules(userId);
    const same = rules.find((rule) => rule.pattern === pattern && rule.sign === sign);
    if (!same && rules.length >= MAX_RULES) throw new ConflictError("too_many_rules", `You have ${MAX_RULES} rules, the most there can be.`);
    const rule = same
      ? await this.deps.repository.setRuleCategory(same.id, input.categoryId)
      : await this.deps.repository.insertRule({ userId, pattern, sign, categoryId: input.categoryId, createdAt: this.deps.clock.now() });
    const applied = await this.deps.categorizer.applyRule(userId, rule);
    if (applied > 0) await this.deps.recategorized(userId, null);
    return { rule, applied, created: !same };
  }

  /** Deletes a rule; the transactions it categorized are decided again without it. */
  async removeRule(userId: number, id: number): Promise<void> {
    if (!(await this.deps.repository.rule(userId, id))) throw new NotFoundError("No such rule.");
    const rows = await this.deps.repository.rowsOfRule(userId, id);
    await this.deps.repository.deleteRule(userId, id);
    await this.deps.categorizer.recategorize(userId, rows);
    await this.deps.recategorized(userId, null);
  }

  /** A rule for labels like this transaction's, and how many other transactions it would change. */
  async suggestRule(userId: number, transactionId: number): Promise<RuleSuggestion> {
    const row = await this.deps.transaction(userId, transactionId);
    if (!row) throw new NotFoundError("No such transaction.");
    const pattern = suggestPattern(row.label);
    const sign = signOf(row.amountMinor);
    if (pattern.length < 2) return { pattern, sign, matches: 0 };
    const candidate = { id: Number.MAX_SAFE_INTEGER, pattern, sign, categoryId: row.categoryId ?? 0 };
    const won = await this.deps.categorizer.rowsWonBy(userId, candidate, await this.deps.repository.rules(userId));
    const matches = won.filter((other) => other.id !== row.id && (row.categoryId === null || other.categoryId !== row.categoryId)).length;
    return { pattern, sign, matches };
  }
}

function descendantsOf(rows: readonly BankCategoryRow[], rootId: number): number[] {
  const found = [rootId];
  for (let i = 0; i < found.length; i++) {
    for (const row of rows) if (row.parentId === found[i] && !found.includes(row.id)) found.push(row.id);
  }
  return found;
}
