// Runs in its own process for `make bench` (so its peak RSS is the
// import's): imports a statement through the very preview and commit of the
// API, previews it again (dedup against everything it just wrote), then
// times list queries. Prints one JSON line of measurements on stdout.
import { openServices } from "../../appliance/src/bootstrap";
import { users } from "../../appliance/src/auth/auth.schema";
import { readFileSync } from "node:fs";
import type { InValue } from "@libsql/client";
import type { TransactionFilters } from "../../appliance/src/banks/banks.repository";
import { decodeCursor } from "../../appliance/src/banks/banks.service";
import { loadConfig } from "../../appliance/src/config";

const [dataDir, statementPath] = process.argv.slice(2);
if (!dataDir || !statementPath) throw new Error("usage: banks-runner.ts DATA_DIR STATEMENT");

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

async function upload() {
  const file = Bun.file(statementPath!);
  return imports.upload(userId, "history.ofx", file.stream() as unknown as AsyncIterable<Uint8Array>, file.size);
}

const started = performance.now();
const preview = await upload();
const previewed = performance.now();
console.error(`previewed in ${Math.round(previewed - started)} ms (peak RSS so far ${Math.round(peakRssKb() / 1024)} MB); committing…`);
const committed = await imports.commit(user.id, preview.id);
const importMs = performance.now() - started;
const commitMs = performance.now() - previewed;
const importPeakRssKb = peakRssKb();

console.error(`imported in ${Math.round(importMs)} ms; previewing again…`);
const againStarted = performance.now();
const again = await upload();
const reimportPreviewMs = performance.now() - againStarted;
await imports.cancel(user.id, again.id);
if (again.totals.new !== 0) throw new Error(`re-import would add ${again.totals.new}`);

const accounts = await repository.accounts(user.id);
const middle = (await services.database.client.execute({ sql: "select booking_date, id from bank_transactions where user_id = ? order by booking_date desc, id desc limit 1 offset ?", args: [user.id, Math.floor(committed.new / 2)] })).rows[0]!;
const deepCursor = Buffer.from(`${middle.booking_date}|${middle.id}`).toString("base64url");
const shapes: [string, TransactionFilters, string | undefined][] = [
  ["first page", {}, undefined],
  ["one account", { accountId: accounts[7]!.id }, undefined],
  ["middle page (cursor)", {}, deepCursor],
  ["one month", { from: "2023-03-01", to: "2023-03-31" }, undefined],
  ["amount range", { minAmount: -5000, maxAmount: -4000 }, undefined],
  ["text", { text: "PHARMACIE" }, undefined],
  ["account + month", { accountId: accounts[3]!.id, from: "2022-06-01", to: "2022-06-30" }, undefined],
];

async function timed(work: () => Promise<unknown>, into: number[]): Promise<void> {
  const t0 = performance.now();
  await work();
  into.push(performance.now() - t0);
}

const times: number[] = [];
const rawTimes: number[] = [];
const perShape: Record<string, number> = {};
for (const [name, filters, cursor] of shapes) {
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
  perShape[name] = Math.round(mine.sort((a, b) => a - b)[94]! * 100) / 100;
}
const sorted = times.sort((a, b) => a - b);
const rawSorted = rawTimes.sort((a, b) => a - b);
const rowsWritten = committed.new;
console.log(JSON.stringify({
  rows: rowsWritten,
  importMs,
  commitMs,
  reimportPreviewMs,
  baselineRssKb,
  peakRssKb: importPeakRssKb,
  listP50: sorted[Math.floor(sorted.length * 0.5)],
  listP95: sorted[Math.floor(sorted.length * 0.95)],
  rawP50: rawSorted[Math.floor(rawSorted.length * 0.5)],
  rawP95: rawSorted[Math.floor(rawSorted.length * 0.95)],
  perShapeP95: perShape,
}));
services.database.close();
process.exit(0);
