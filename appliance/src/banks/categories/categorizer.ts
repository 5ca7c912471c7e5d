// Who gives a transaction its category: the person (never overridden), else
// the most specific of the person's rules, else the classifier learnt from the
// person's manual choices, else nobody (uncategorized). Each decision carries
// its reason as JSON, which the UI renders in its own language.
import { featuresOf, NaiveBayes, normalizedFeatures, type Prediction } from "./classifier";
import type { Assignment, CategoriesRepository, LabelRow, PageScope } from "./categories.repository";
import { normalizeLabel } from "./labels";
import { RuleMatcher, type Rule } from "./rules";

export type CategoryReason =
  | { source: "manual" }
  | { source: "rule"; ruleId: number; pattern: string }
  | { source: "classifier"; confidence: number; tokens: string[] }
  | { source: "link"; billId: number; vendor: string };

/** Rows read and written per step: bounded memory however large the import. */
const PAGE_ROWS = 5_000;

export const MANUAL_REASON = JSON.stringify({ source: "manual" } satisfies CategoryReason);

/** What the classifier needs of a transaction before and after a manual change. */
export interface CategoryState {
  label: string;
  amountMinor: number;
  categoryId: number | null;
  categorySource: "manual" | "rule" | "link" | "classifier" | null;
}

export function ruleReason(rule: Rule): string {
  return JSON.stringify({ source: "rule", ruleId: rule.id, pattern: rule.pattern } satisfies CategoryReason);
}

function classifierReason(prediction: Prediction): string {
  return JSON.stringify({ source: "classifier", confidence: prediction.confidence, tokens: prediction.tokens } satisfies CategoryReason);
}

export class Categorizer {
  /** Per person, built once from their manual rows, then kept up to date choice by choice. */
  private readonly models = new Map<number, Promise<NaiveBayes>>();

  constructor(private readonly repository: CategoriesRepository) {}

  model(userId: number): Promise<NaiveBayes> {
    let model = this.models.get(userId);
    if (!model) {
      model = this.build(userId);
      this.models.set(userId, model);
      model.catch(() => this.models.delete(userId));
    }
    return model;
  }

  private async build(userId: number): Promise<NaiveBayes> {
    const model = new NaiveBayes();
    for (const row of await this.repository.manualRows(userId)) model.learn(featuresOf(row.label, row.amountMinor), row.categoryId!);
    return model;
  }

  /** A manual choice made or taken back: the model's counts follow (only if it is built; else it reads them when built). */
  async learn(userId: number, before: CategoryState, after: CategoryState): Promise<void> {
    // A model still being built (or failed) is awaited quietly: the choice is saved either way, and a failed build is redone on next use.
    const built = await this.models.get(userId)?.catch(() => null);
    if (!built) return;
    if (before.categorySource === "manual" && before.categoryId !== null) built.learn(featuresOf(before.label, before.amountMinor), before.categoryId, -1);
    if (after.categorySource === "manual" && after.categoryId !== null) built.learn(featuresOf(after.label, after.amountMinor), after.categoryId, 1);
  }

  /** Manual rows changed in bulk (a category deleted): rebuild on next use. */
  forget(userId: number): void {
    this.models.delete(userId);
  }

  /** Decides with the person's current rules and model. */
  async decider(userId: number): Promise<Decider> {
    return new Decider(new RuleMatcher(await this.repository.rules(userId)), await this.model(userId));
  }

  /** Categorizes the rows of a committed import (the imported hook), a page at a time; returns how many got a category. */
  async categorizeImport(userId: number, importId: number): Promise<number> {
    const decider = await this.decider(userId);
    // Nothing learnt and no rules: nothing to decide (and 100,000 fresh rows need not be read back).
    if (decider.idle) return 0;
    let categorized = 0;
    for await (const rows of this.pages(userId, { importId })) {
      const decided = rows.map((row) => decider.decide(row)).filter((assignment) => assignment.categoryId !== null);
      await this.repository.assign(userId, decided);
      categorized += decided.length;
    }
    return categorized;
  }

  /** The person's rows not categorized by hand (of one import, or all), page by page. */
  private async *pages(userId: number, scope: PageScope): AsyncGenerator<LabelRow[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.repository.automaticPage(userId, scope, afterId, PAGE_ROWS);
      if (rows.length === 0) return;
      yield rows;
      afterId = rows[rows.length - 1]!.id;
    }
  }

  /** Decides again for some rows (those of a deleted rule), with the rules left. */
  async recategorize(userId: number, rows: readonly LabelRow[]): Promise<void> {
    if (rows.length === 0) return;
    const decider = await this.decider(userId);
    await this.repository.assign(userId, rows.map((row) => decider.decide(row)));
  }

  /** The rows (not manual) a rule would win among all the person's rules. */
  async rowsWonBy(userId: number, rule: Rule, others: readonly Rule[]): Promise<LabelRow[]> {
    const matcher = new RuleMatcher([...others.filter((other) => other.id !== rule.id), rule]);
    const won: LabelRow[] = [];
    // Only labels that may hold the pattern's longest word are read back (an ASCII word: SQL's LIKE can look for it).
    const longest = rule.pattern.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
    const scope = /^[a-z0-9]+$/.test(longest) ? { containing: longest } : {};
    for await (const rows of this.pages(userId, scope)) {
      for (const row of rows) if (matcher.best(normalizeLabel(row.label), row.amountMinor)?.id === rule.id) won.push(row);
    }
    return won;
  }

  /** Applies a rule at once to the rows it wins; returns how many. */
  async applyRule(userId: number, rule: Rule): Promise<number> {
    const won = await this.rowsWonBy(userId, rule, await this.repository.rules(userId));
    const reason = ruleReason(rule);
    await this.repository.assign(userId, won.map((row) => ({ id: row.id, categoryId: rule.categoryId, source: "rule", reason })));
    return won.length;
  }
}

/** The most distinct label word sets remembered while deciding one batch. */
const REMEMBERED_PREDICTIONS = 50_000;

/**
 * Decides rows with one set of rules and one model: a rule, else the
 * classifier, else uncategorized. A statement repeats its merchants, so the
 * classifier runs once per distinct set of label words, not once per row.
 */
export class Decider {
  private readonly predictions = new Map<string, Prediction | null>();

  constructor(
    private readonly matcher: RuleMatcher,
    private readonly model: NaiveBayes,
  ) {}

  /** No rules and no manual choice to learn from: every row would stay uncategorized. */
  get idle(): boolean {
    return this.matcher.size === 0 && this.model.size === 0;
  }

  decide(row: LabelRow): Assignment {
    const normalized = normalizeLabel(row.label);
    const rule = this.matcher.best(normalized, row.amountMinor);
    if (rule) return { id: row.id, categoryId: rule.categoryId, source: "rule", reason: ruleReason(rule) };
    const prediction = this.model.size > 0 ? this.predict(normalizedFeatures(normalized, row.amountMinor)) : null;
    if (prediction) return { id: row.id, categoryId: prediction.categoryId, source: "classifier", reason: classifierReason(prediction) };
    return { id: row.id, categoryId: null, source: null, reason: null };
  }

  private predict(features: string[]): Prediction | null {
    const key = features.join(" ");
    let prediction = this.predictions.get(key);
    if (prediction === undefined) {
      if (this.predictions.size >= REMEMBERED_PREDICTIONS) this.predictions.clear();
      prediction = this.model.predict(features);
      this.predictions.set(key, prediction);
    }
    return prediction;
  }
}
