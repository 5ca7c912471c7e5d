import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  client: Client;
  close(): void;
}

/**
 * Opens the libsql file in WAL mode (readers never wait for the writer, and an
 * SD card sees fewer random writes) with foreign keys enforced.
 */
export async function openDatabase(file: string): Promise<DatabaseHandle> {
  mkdirSync(dirname(file), { recursive: true });
  const client = createClient({ url: `file:${file}` });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA foreign_keys = ON");
  await client.execute("PRAGMA busy_timeout = 5000");
  // NORMAL is durable in WAL mode except for the last transactions before a power cut.
  await client.execute("PRAGMA synchronous = NORMAL");
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}
