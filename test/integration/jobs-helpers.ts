// A job queue on a real libsql file in a fresh folder, as the appliance opens it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DatabaseHandle } from "../../appliance/src/db/client";
import { migrateDatabase } from "../../appliance/src/db/migrate";
import { createJobs, type JobsCapability, type JobsOptions } from "../../appliance/src/jobs";
import { silentLogger } from "../../appliance/src/shared/logger";
import { systemClock } from "../../appliance/src/shared/ports";

const GIB = 1024 ** 3;

export interface TestQueue {
  jobs: JobsCapability;
  database: DatabaseHandle;
  dir: string;
  dispose(): Promise<void>;
}

/** Defaults: a 4-core, 8 GB device (3 workers), no sensor, retries after 5-10 ms. */
export async function openTestQueue(options: Partial<JobsOptions> = {}): Promise<TestQueue> {
  const dir = mkdtempSync(join(tmpdir(), "cozy-jobs-"));
  const database = await openDatabase(join(dir, "cozy.db"));
  await migrateDatabase(database.db);
  const jobs = createJobs({
    db: database.db,
    clock: systemClock,
    logger: silentLogger,
    device: { cores: 4, availableMemoryBytes: 8 * GIB },
    temperature: async () => null,
    backoff: { baseMs: 10, maxMs: 40 },
    ...options,
  });
  return {
    jobs,
    database,
    dir,
    async dispose() {
      await jobs.stop();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A promise with its resolve function, for handlers the test releases by hand. */
export function gate(): { promise: Promise<void>; open(): void } {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { promise, open: () => resolve() };
}

/** Waits until `check` holds, looking every 10 ms (no time limit of its own: the test timeout is the limit). */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await Bun.sleep(10);
}

export async function rowsOf(database: DatabaseHandle, kind: string) {
  const result = await database.client.execute({ sql: "select * from jobs where kind = ? order by id", args: [kind] });
  return result.rows.map((row) => ({ ...row }));
}
