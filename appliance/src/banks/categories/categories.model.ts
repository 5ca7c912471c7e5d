// Request and response shapes of categories and rules, and row -> DTO mappers.
import { t } from "elysia";
import type { BankCategoryRow, BankRuleRow } from "../banks-categories.schema";
import { NAME_MAX, PATTERN_MAX } from "./categories.service";

const nullable = <T extends Parameters<typeof t.Union>[0][number]>(schema: T) => t.Union([schema, t.Null()]);
const sign = t.Union([t.Literal("debit"), t.Literal("credit")]);
const id = t.Integer({ minimum: 1 });

export const categoryDto = t.Object({
  id: t.Number(),
  parentId: nullable(t.Number()),
  /** Stable key of a built-in category (the UI translates banks.category.<key>); null for the person's own. */
  key: nullable(t.String()),
  name: t.String(),
  /** The person's own (can be renamed, moved, deleted) rather than built-in. */
  own: t.Boolean(),
});

export function toCategoryDto(row: BankCategoryRow): typeof categoryDto.static {
  return { id: row.id, parentId: row.parentId, key: row.key, name: row.name, own: row.userId !== null };
}

export const categoryCreate = t.Object(
  { name: t.String({ minLength: 1, maxLength: NAME_MAX }), parentId: t.Optional(nullable(id)) },
  { additionalProperties: false },
);

export const categoryPatch = t.Object(
  { name: t.Optional(t.String({ minLength: 1, maxLength: NAME_MAX })), parentId: t.Optional(nullable(id)) },
  { additionalProperties: false },
);

export const ruleDto = t.Object({
  id: t.Number(),
  /** Normalized words the label must hold in a row (lower case, no accents). */
  pattern: t.String(),
  /** Only debits, only credits, or both (null). */
  sign: nullable(sign),
  categoryId: t.Number(),
  createdAt: t.Number(),
});

export function toRuleDto(row: BankRuleRow): typeof ruleDto.static {
  return { id: row.id, pattern: row.pattern, sign: row.sign, categoryId: row.categoryId, createdAt: row.createdAt };
}

export const ruleCreate = t.Object(
  { pattern: t.String({ minLength: 1, maxLength: PATTERN_MAX * 2 }), sign: t.Optional(nullable(sign)), categoryId: id },
  { additionalProperties: false },
);

export const ruleCreated = t.Object({
  rule: ruleDto,
  /** How many transactions (not categorized by hand) the rule now categorizes. */
  applied: t.Number(),
});

export const ruleSuggestionDto = t.Object({
  pattern: t.String(),
  sign,
  /** How many other transactions the rule would recategorize. */
  matches: t.Number(),
});
