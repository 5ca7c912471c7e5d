// Categories, rules and the classifier, assembled. The rest of Banks uses
// them through this file (the imported hook, the manual choice of a category).
import type { Client } from "@libsql/client";
import type { Database } from "../../db/client";
import type { Clock } from "../../shared/ports";
import { BUILTIN_CATEGORIES } from "./builtin";
import { Categorizer, MANUAL_REASON, type CategoryState } from "./categorizer";
import { CategoriesRepository } from "./categories.repository";
import { CategoriesService } from "./categories.service";

export { BUILTIN_CATEGORIES, FIRST_OWN_CATEGORY_ID, HEALTH_EXPENSES_ID, HEALTH_REIMBURSEMENTS_ID, type BuiltinCategory } from "./builtin";
export { MANUAL_REASON, type CategoryReason, type CategoryState } from "./categorizer";
export { categoriesRoutes } from "./categories.routes";
export { CategoriesService, type RuleInput, type RuleSuggestion } from "./categories.service";

/** What the transactions PATCH needs: check a category may be used, and let the classifier learn the choice. */
export interface ManualCategories {
  /** Throws NotFoundError unless the category is built-in or the person's own. */
  assertUsable(userId: number, categoryId: number): Promise<void>;
  /** The person chose (or cleared) a transaction's category by hand. */
  learn(userId: number, before: CategoryState, after: CategoryState & { id: number }): Promise<void>;
  readonly manualReason: string;
}

export interface CategoriesOptions {
  db: Database;
  client: Client;
  clock: Clock;
  transaction(userId: number, id: number): Promise<(CategoryState & { id: number }) | null>;
  /**
   * Categories changed after the import (by hand: these ids; by a rule made or
   * removed: null, any of the person's). Bill linking looks again, since a debit
   * that became a health expense may settle an insurer's statement.
   */
  onRecategorized?(userId: number, transactionIds: number[] | null): Promise<void>;
}

export function createCategories(options: CategoriesOptions) {
  const repository = new CategoriesRepository(options.db, options.client);
  const categorizer = new Categorizer(repository);
  let seeded: Promise<void> | null = null;
  /** Seeds the built-in tree once per process (idempotent in the database too); a failure is retried on next use. */
  const ready = () => {
    seeded ??= repository.seed(BUILTIN_CATEGORIES, options.clock.now()).catch((error) => {
      seeded = null;
      throw error;
    });
    return seeded;
  };
  const recategorized = (userId: number, ids: number[] | null) => options.onRecategorized?.(userId, ids) ?? Promise.resolve();
  const service = new CategoriesService({ repository, categorizer, clock: options.clock, ready, transaction: options.transaction, recategorized });
  const manual: ManualCategories = {
    assertUsable: async (userId, categoryId) => void (await service.usable(userId, categoryId)),
    learn: async (userId, before, after) => {
      await categorizer.learn(userId, before, after);
      await recategorized(userId, [after.id]);
    },
    manualReason: MANUAL_REASON,
  };
  /** The imported hook: categorizes a committed import's rows before the commit answers; says how many got a category. */
  const categorizeImport = async (userId: number, importId: number): Promise<number> => {
    await ready();
    return categorizer.categorizeImport(userId, importId);
  };
  /** Decides again, by rules and the classifier, for these rows (a category a removed link had given). */
  const recategorizeRows = async (userId: number, ids: readonly number[]): Promise<void> => {
    await categorizer.recategorize(userId, await repository.automaticRows(userId, ids));
  };
  return { repository, categorizer, service, manual, ready, categorizeImport, recategorizeRows };
}

export type CategoriesCapability = ReturnType<typeof createCategories>;
