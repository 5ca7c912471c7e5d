// Banks statistics: balance over time, spending per category, list length.
import type { Database } from "../../db/client";
import type { Clock } from "../../shared/ports";
import { BanksStatsRepository } from "./stats.repository";
import { BanksStatsService } from "./stats.service";

export { statsRoutes } from "./stats.routes";
export { BanksStatsService, type BalanceSeries, type SpendingStats } from "./stats.service";

export function createBanksStats(db: Database, clock: Clock): BanksStatsService {
  return new BanksStatsService(new BanksStatsRepository(db), clock);
}
