// The Banks capability, assembled: accounts, transactions, statement imports.
// Other capabilities use it only through this file.
import type { Client } from "@libsql/client";
import type { Database } from "../db/client";
import type { JobQueue } from "../jobs";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { BanksImportsService } from "./banks-imports.service";
import { BanksRepository } from "./banks.repository";
import { BanksService } from "./banks.service";
import { createBills } from "./bills";
import { createCategories } from "./categories";
import { UploadStore } from "./import/upload";
import { createBanksStats } from "./stats";
import { DEFAULT_MAX_BYTES } from "./parsers";

export { BANKS_UPLOAD_PREFIX, banksRoutes } from "./banks.routes";
export { BanksImportsService, type CommitResult, type ImportedHook, type ImportView, type PreviewRevision } from "./banks-imports.service";
export { BanksService } from "./banks.service";
export { exportStream, type ExportFormat } from "./export";
export { BillProposer, type BillProposerDeps } from "./bills/propose.service";
export { billProposeRoutes } from "./bills/propose.routes";
export { BillsService, billsRoutes, LINK_JOB, LinksService, type BillsCapability, type LinkRunSummary } from "./bills";
export {
  BUILTIN_CATEGORIES,
  HEALTH_EXPENSES_ID,
  HEALTH_REIMBURSEMENTS_ID,
  CategoriesService,
  type CategoryReason,
} from "./categories";

export interface BanksOptions {
  db: Database;
  client: Client;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  /** The largest statement accepted (default 50 MB). */
  maxImportBytes?: number;
  /** The job queue (bill linking runs as `banks.link` jobs); without one, linking runs at once. */
  queue?: Pick<JobQueue, "register" | "enqueue">;
}

const HOUR_MS = 3_600_000;

export function createBanks(options: BanksOptions) {
  const repository = new BanksRepository(options.db, options.client);
  // Bill linking is made below (it reads categories); a category change reaches it through this late binding.
  let relink: (userId: number, transactionIds: number[] | null) => Promise<void> = async () => undefined;
  const categories = createCategories({
    db: options.db, client: options.client, clock: options.clock,
    transaction: (userId, id) => repository.transaction(userId, id),
    onRecategorized: (userId, ids) => relink(userId, ids),
  });
  const service = new BanksService(repository, categories.manual);
  const imports = new BanksImportsService({
    repository,
    uploads: new UploadStore(options.dataDir),
    clock: options.clock,
    logger: options.logger,
    maxImportBytes: options.maxImportBytes ?? DEFAULT_MAX_BYTES,
  });
  // First hook: when a commit answers, its transactions have their categories (bill linking reads health ones).
  imports.onImported(categories.categorizeImport);
  const bills = createBills({
    db: options.db, clock: options.clock, logger: options.logger, queue: options.queue,
    healthExpenseIds: async (userId) => (await categories.service.healthCategoryIds(userId)).expenses,
    recategorize: categories.recategorizeRows,
  });
  // Second hook, after categorization: it reads which debits are health expenses (it only queues the linking job).
  imports.onImported(bills.onImported);
  relink = async (userId, ids) => {
    const run = ids ? bills.service.linkAround(userId, ids) : bills.service.linkOpen(userId);
    await run.catch((error) => options.logger.error("banks: linking bills after a category change failed", { userId, error: String(error) }));
  };
  let timer: ReturnType<typeof setInterval> | null = null;
  const clean = () => void imports.cleanExpired().catch((error) => options.logger.error("banks: cleaning expired previews failed", { error: String(error) }));

  /** Cleans expired previews now and every hour. */
  function start() {
    void categories.ready().catch((error) => options.logger.error("banks: seeding the built-in categories failed", { error: String(error) }));
    clean();
    timer = setInterval(clean, HOUR_MS);
    timer.unref();
  }

  function stop() {
    if (timer) clearInterval(timer);
  }

  return { repository, service, imports, bills, categories: categories.service, stats: createBanksStats(options.db, options.clock), start, stop };
}

export type BanksCapability = ReturnType<typeof createBanks>;
