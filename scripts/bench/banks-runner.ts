// Runs in its own process for `make bench` (so its peak RSS is the
// import's): imports a statement through the very preview and commit of the
// API, previews it again (dedup against everything it just wrote), then
// times list queries (unless --no-list). Prints one JSON line of
// measurements on stdout. Usage: banks-runner.ts DATA_DIR STATEMENT [--no-list]
import { openServices } from "../../appliance/src/bootstrap";
import { users } from "../../appliance/src/auth/auth.schema";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { InValue } from "@libsql/client";
import type { TransactionFilters } from "../../appliance/src/banks/banks.repository";
import { decodeCursor } from "../../appliance/src/banks/banks.service";
import { loadConfig } from "../../appliance/src/config";

const [dataDir, statementPath, flag] = process.argv.slice(2);
if (!dataDir || !statementPath) throw new Error("usage: banks-runner.ts DATA_DIR STATEMENT [--no-list]");

/**
 * Peak RSS of this process in kB. VmHWM, not getrusage's maxRSS: Linux keeps
 * maxRSS across exec, so a child would report its parent's peak.
 */
function peakRssKb(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  return Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

const services = await openServices(loadConfig({ COZY_DATA_DIR: dataDir }));
// A person without argon2 (its 64 MB would be the peak before the import starts).
const now = Date.now();
const [user] = await services.database.db.insert(users).values({ name: "bench", nameKey: "bench", role: "owner", passphraseHash: "-", createdAt: now, passphraseChangedAt: now }).returning();
if (!user) throw new Error("no user");
const { imports, service, repository } = services.banks;
Bun.gc(true);
const baselineRssKb = peakRssKb();

const userId = user.id;

// The peak up to the end of the import's write, before the after-import work
// (categories, bill links) that the commit then runs on the new rows.
let writePeakRssKb = 0;
const write = repository.commit.bind(repository);
repository.commit = async (plan) => {
  await write(plan);
  writePeakRssKb = peakRssKb();
};

async function upload() {
  const file = Bun.file(statementPath!);
  return imports.upload(userId, basename(statementPath!), file.stream() as unknown as AsyncIterable<Uint8Array>, file.size);
}

const started = performance.now();
const preview = await upload();
const previewed = performance.now();
console.error(`previewed in ${Math.round(previewed - started)} ms (peak RSS so far ${Math.round(peakRssKb() / 1024)} MB); committing…`);
const committed = await imports.commit(user.id, preview.id);
const importMs = performance.now() - started;
const commitMs = performance.now() - previewed;
const importPeakRssKb = peakRssKb();
const previewMs = previewed - started;

console.error(`imported in ${Math.round(importMs)} ms; previewing again…`);
const againStarted = performance.now();
const again = await upload();
const reimportPreviewMs = performance.now() - againStarted;
await imports.cancel(user.id, again.id);
if (again.totals.new !== 0) throw new Error(`re-import would add ${again.totals.new}`);

/** Filtered, sorted, paged list shapes; a cursor from the middle of the history. */
async function listShapes(rows: number): Promise<[string, TransactionFilters, string | undefined][]> {
  const accounts = await repository.accounts(userId);
  const middle = (await services.database.client.execute({ sql: "select booking_date, id from bank_transactions where user_id = ? order by booking_date desc, id desc limit 1 offset ?", args: [userId, Math.floor(rows / 2)] })).rows[0]!;
  const deepCursor = Buffer.from(`${middle.booking_date}|${middle.id}`).toString("base64url");
  return [
    ["first page", {}, undefined],
    ["one account", { accountId: accounts[7]!.id }, undefined],
    ["middle page (cursor)", {}, deepCursor],
    ["one month", { from: "2023-03-01", to: "2023-03-31" }, undefined],
    ["amount range", { minAmount: -5000, maxAmount: -4000 }, undefined],
    ["text", { text: "PHARMACIE" }, undefined],
    ["account + month", { accountId: accounts[3]!.id, from: "2022-06-01", to: "2022-06-30" }, undefined],
  ];
}

async function timed(work: () => Promise<unknown>, into: number[]): Promise<void> {
  const t0 = performance.now();
  await work();
  into.push(performance.now() - t0);
}

const at = (sorted: number[], share: number) => sorted[Math.floor(sorted.length * share)]!;

/** Each shape 100 times through the service, and its SQL 100 times raw through the libsql client. */
async function listQueries(rows: number) {
  const times: number[] = [];
  const rawTimes: number[] = [];
  const perShapeP95: Record<string, number> = {};
  for (const [name, filters, cursor] of await listShapes(rows)) {
    console.error(`list: ${name}`);
    const query = () => service.transactions(userId, filters, cursor, 100);
    const { sql, params } = repository.listTransactions(userId, filters, cursor ? decodeCursor(cursor) : null, 101).toSQL();
    const raw = () => services.database.client.execute({ sql, args: params as InValue[] });
    await query();
    const mine: number[] = [];
    for (let i = 0; i < 100; i++) {
      await timed(query, mine);
      await timed(raw, rawTimes);
    }
    times.push(...mine);
    perShapeP95[name] = Math.round(at(mine.sort((a, b) => a - b), 0.95) * 100) / 100;
  }
  times.sort((a, b) => a - b);
  rawTimes.sort((a, b) => a - b);
  return { listP50: at(times, 0.5), listP95: at(times, 0.95), rawP50: at(rawTimes, 0.5), rawP95: at(rawTimes, 0.95), perShapeP95 };
}

const list = flag === "--no-list" ? null : await listQueries(committed.new);
console.log(JSON.stringify({
  rows: committed.new,
  importMs,
  previewMs,
  commitMs,
  reimportPreviewMs,
  baselineRssKb,
  writePeakRssKb,
  peakRssKb: importPeakRssKb,
  ...list,
}));
services.database.close();
process.exit(0);
