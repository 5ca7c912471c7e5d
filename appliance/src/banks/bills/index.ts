// Bills and their links to transactions, assembled: the services, the
// `banks.link` job, and what runs after each committed import.
import type { Database } from "../../db/client";
import type { JobQueue } from "../../jobs";
import type { Logger } from "../../shared/logger";
import type { Clock } from "../../shared/ports";
import { BillsRepository } from "./bills.repository";
import { BillsService } from "./bills.service";
import { BillLinker } from "./linker";
import { LinkingRepository } from "./linking.repository";
import { LinksService } from "./links.service";

export { billsRoutes } from "./bills.routes";
export { BillsService } from "./bills.service";
export { LinksService } from "./links.service";
export type { LinkRunSummary } from "./linker";

export const LINK_JOB = "banks.link";

export interface BillsOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** The job queue; without one (scripts), linking runs at once instead of in the background. */
  queue?: Pick<JobQueue, "register" | "enqueue">;
  healthExpenseIds(userId: number): Promise<number[]>;
  /** Rules and the classifier decide again for these transactions. */
  recategorize?(userId: number, transactionIds: number[]): Promise<void>;
}

export function createBills(options: BillsOptions) {
  const repository = new BillsRepository(options.db);
  const linker = new BillLinker({ repository: new LinkingRepository(options.db), healthExpenseIds: options.healthExpenseIds, clock: options.clock, logger: options.logger });
  const { queue } = options;
  /** Idempotent per person while queued: many arrivals, one run. */
  const schedule = async (userId: number) => {
    if (queue) await queue.enqueue({ kind: LINK_JOB, subject: `user:${userId}`, payload: { userId } });
    else await linker.run(userId);
  };
  queue?.register(LINK_JOB, async (payload: { userId: number }) => void (await linker.run(payload.userId)), {
    describe: async (payload: { userId: number }) => ({ label: "Linking bills to bank transactions", userId: payload.userId }),
  });
  const service = new BillsService({ repository, linker, schedule, clock: options.clock });
  const links = new LinksService({ repository, healthExpenseIds: options.healthExpenseIds, clock: options.clock, recategorize: options.recategorize });
  /** The imported hook (after categorization): new transactions may settle bills. */
  const onImported = (userId: number) => schedule(userId);
  return { service, links, linker, schedule, onImported };
}

export type BillsCapability = ReturnType<typeof createBills>;
