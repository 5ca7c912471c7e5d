import { migrate } from "drizzle-orm/libsql/migrator";
import { MIGRATIONS_DIR } from "../config";
import type { Database } from "./client";

/** Applies every committed drizzle-kit migration not yet applied. */
export async function migrateDatabase(db: Database, migrationsFolder: string = MIGRATIONS_DIR): Promise<void> {
  await migrate(db, { migrationsFolder });
}
