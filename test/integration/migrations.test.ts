// A box that was set up with an older release must upgrade in place: every
// committed migration applies on top of the data that is already there.
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "../../appliance/src/config";
import { openDatabase, type DatabaseHandle } from "../../appliance/src/db/client";
import { migrateDatabase } from "../../appliance/src/db/migrate";

interface Journal {
  entries: { idx: number; tag: string }[];
}

const workDir = mkdtempSync(join(tmpdir(), "cozy-migrations-"));
const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as Journal;
let opened: DatabaseHandle[] = [];

afterEach(() => {
  for (const handle of opened) handle.close();
  opened = [];
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function open(file: string): Promise<DatabaseHandle> {
  const handle = await openDatabase(file);
  opened.push(handle);
  return handle;
}

/** A copy of the migrations folder whose journal stops after the first `count` entries. */
function migrationsUpTo(count: number): string {
  const folder = mkdtempSync(join(workDir, `drizzle-${count}-`));
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const truncated = { ...journal, entries: journal.entries.slice(0, count) };
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(truncated, null, 2));
  return folder;
}

async function columnsOf(handle: DatabaseHandle, table: string): Promise<string[]> {
  const result = await handle.client.execute(`PRAGMA table_info(${table})`);
  return result.rows.map((row) => String(row.name));
}

async function insertUser(handle: DatabaseHandle, name: string): Promise<number> {
  const result = await handle.client.execute({
    sql: `INSERT INTO users (name, name_key, role, passphrase_hash, created_at, passphrase_changed_at)
          VALUES (?, ?, 'owner', '$argon2id$placeholder', 1767000000000, 1767000000000)`,
    args: [name, name.toLowerCase()],
  });
  return Number(result.lastInsertRowid);
}

async function insertSession(handle: DatabaseHandle, id: string, userId: number): Promise<void> {
  await handle.client.execute({
    sql: `INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
          VALUES (?, ?, ?, 1767000000000, 1767000000000, 1777000000000)`,
    args: [id, userId, `hash-of-${id}`],
  });
}

describe("upgrading a database from an older release", () => {
  test("the repository holds more than one migration, so an upgrade path exists", () => {
    expect(journal.entries.length).toBeGreaterThan(1);
  });

  test("a database at the first migration upgrades to the latest with its people kept", async () => {
    const file = join(workDir, "upgrade.db");
    const old = await open(file);
    await migrateDatabase(old.db, migrationsUpTo(1));
    expect(await columnsOf(old, "users")).not.toContain("locale");
    const aliceId = await insertUser(old, "Alice");
    await insertSession(old, "s-alice", aliceId);
    old.close();
    opened = [];

    const upgraded = await open(file);
    await migrateDatabase(upgraded.db);
    expect(await columnsOf(upgraded, "users")).toContain("locale");
    const users = await upgraded.client.execute("SELECT id, name, name_key, role, locale FROM users");
    expect(users.rows).toHaveLength(1);
    expect(users.rows[0]).toMatchObject({ id: aliceId, name: "Alice", name_key: "alice", role: "owner", locale: null });
    const sessions = await upgraded.client.execute("SELECT id, user_id FROM sessions");
    expect(sessions.rows.map((row) => row.id)).toEqual(["s-alice"]);
  });

  test("every step of the way upgrades: at migration N, the rest applies", async () => {
    for (let applied = 1; applied < journal.entries.length; applied++) {
      const handle = await open(join(workDir, `step-${applied}.db`));
      await migrateDatabase(handle.db, migrationsUpTo(applied));
      await insertUser(handle, `user${applied}`);
      await migrateDatabase(handle.db);
      const names = await handle.client.execute("SELECT name FROM users");
      expect(names.rows.map((row) => row.name)).toEqual([`user${applied}`]);
    }
  });

  test("migrating an up-to-date database again changes nothing", async () => {
    const handle = await open(join(workDir, "twice.db"));
    await migrateDatabase(handle.db);
    await insertUser(handle, "Bob");
    await migrateDatabase(handle.db);
    const applied = await handle.client.execute("SELECT COUNT(*) AS n FROM __drizzle_migrations");
    expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
    expect((await handle.client.execute("SELECT name FROM users")).rows.map((row) => row.name)).toEqual(["Bob"]);
  });
});

describe("the database as the appliance opens it", () => {
  test("enforces foreign keys and runs in WAL mode", async () => {
    const handle = await open(join(workDir, "pragmas.db"));
    await migrateDatabase(handle.db);
    const foreignKeys = await handle.client.execute("PRAGMA foreign_keys");
    const journalMode = await handle.client.execute("PRAGMA journal_mode");
    expect(Number(Object.values(foreignKeys.rows[0] ?? {})[0])).toBe(1);
    expect(String(Object.values(journalMode.rows[0] ?? {})[0]).toLowerCase()).toBe("wal");
  });

  test("deleting a person deletes their sessions", async () => {
    const handle = await open(join(workDir, "cascade.db"));
    await migrateDatabase(handle.db);
    const alice = await insertUser(handle, "Alice");
    const bob = await insertUser(handle, "Bob");
    await insertSession(handle, "a1", alice);
    await insertSession(handle, "a2", alice);
    await insertSession(handle, "b1", bob);
    await handle.client.execute({ sql: "DELETE FROM users WHERE id = ?", args: [alice] });
    const left = await handle.client.execute("SELECT id FROM sessions ORDER BY id");
    expect(left.rows.map((row) => row.id)).toEqual(["b1"]);
  });

  test("a session for a person who does not exist is refused", async () => {
    const handle = await open(join(workDir, "orphan.db"));
    await migrateDatabase(handle.db);
    await expect(insertSession(handle, "ghost", 4242)).rejects.toThrow(/FOREIGN KEY/i);
  });
});
