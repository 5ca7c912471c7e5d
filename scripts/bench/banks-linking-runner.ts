// Runs in its own process for `make bench`: writes a 5-year history (20
// accounts, 100,000 transactions, 10,000 bills) straight into a fresh
// database, links every bill (a full run), adds one new month and links it
// (an incremental run), then times the naive anchor: the same exact-amount
// and date-window matching as one SQL join, in the sqlite3 shell, on the same
// file. Prints one JSON line of measurements on stdout.
import type { Client } from "@libsql/client";
import { users } from "../../appliance/src/auth/auth.schema";
import { openServices } from "../../appliance/src/bootstrap";
import { loadConfig } from "../../appliance/src/config";
import { LinkingRepository } from "../../appliance/src/banks/bills/linking.repository";
import { windowRanges } from "../../appliance/src/banks/bills/linker";
import { linkBills } from "../../appliance/src/banks/linking/engine";
import { HistoryWriter, type History } from "./banks-linking-history";

const [dataDir, transactionsArg, billsArg] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: banks-linking-runner.ts DATA_DIR [TRANSACTIONS] [BILLS]");
const TRANSACTIONS = Number(transactionsArg ?? 100_000);
const BILLS = Number(billsArg ?? 10_000);
const ACCOUNTS = 20;
const MONTHS = 60;
const CHUNK = 5_000;

async function insertJson(client: Client, sql: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await client.execute({ sql, args: [JSON.stringify(rows.slice(i, i + CHUNK))] });
}

async function write(client: Client, userId: number, history: History, fromTransaction: number, fromBill: number): Promise<void> {
  const now = Date.now();
  await insertJson(client, `insert into bank_transactions (id, user_id, account_id, import_id, booking_date, amount_minor, currency, label, raw_label, category_id, created_at)
    select j.value ->> 0, ${userId}, j.value ->> 1, 'bench-' || (j.value ->> 0), j.value ->> 2, j.value ->> 3, 'EUR', j.value ->> 4, j.value ->> 4, j.value ->> 5, ${now} from json_each(?) j`,
  history.transactions.slice(fromTransaction).map((row) => [row.id, row.accountId, row.date, row.amountMinor, row.label, row.categoryId]));
  await insertJson(client, `insert into bank_bills (id, user_id, vendor, type, date, amount_minor, currency, original_amount_minor, original_date, source, created_at)
    select j.value ->> 0, ${userId}, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, 'EUR', j.value ->> 5, j.value ->> 6, 'bench', ${now} from json_each(?) j`,
  history.bills.slice(fromBill).map((row) => [row.id, row.vendor, row.type, row.date, row.amountMinor, row.originalAmountMinor, row.originalDate]));
}

/** Made links that are the generator's truth, made links in all, and links the truth asked for (bills with id > afterBill). */
async function quality(client: Client, history: History, afterBill: number) {
  const rows = (await client.execute({ sql: "select bill_id, transaction_id, role from bank_bill_links where state = 'auto' and bill_id > ?", args: [afterBill] })).rows;
  const right = rows.filter((row) => history.truth.get(`${row.bill_id}|${row.role}`) === Number(row.transaction_id)).length;
  const expected = [...history.truth.keys()].filter((key) => Number(key.split("|")[0]) > afterBill).length;
  const suggested = Number((await client.execute({ sql: "select count(*) as n from bank_bill_links where state = 'suggested' and bill_id > ?", args: [afterBill] })).rows[0]!.n);
  return { made: rows.length, right, expected, suggested };
}

/** The anchor: every (bill, transaction) pair of the exact amount inside the window, as one SQL join in the sqlite3 shell. */
function naiveJoinMs(database: string, afterBill: number): { ms: number; pairs: number } {
  const sql = `select count(*) from bank_bills b join bank_transactions t on t.user_id = b.user_id and t.currency = b.currency
    and t.amount_minor = -coalesce(b.original_amount_minor, b.amount_minor)
    and t.booking_date between date(coalesce(b.original_date, b.date), '-15 days') and date(coalesce(b.original_date, b.date), '+29 days')
    where b.id > ${afterBill};`;
  const started = performance.now();
  const run = Bun.spawnSync(["sqlite3", "-readonly", database, sql]);
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`sqlite3: ${run.stderr.toString()}`);
  return { ms, pairs: Number(run.stdout.toString().trim()) };
}

const services = await openServices(loadConfig({ COZY_DATA_DIR: dataDir }));
const client = services.database.client;
const now = Date.now();
const [user] = await services.database.db.insert(users).values({ name: "bench", nameKey: "bench", role: "owner", passphraseHash: "-", createdAt: now, passphraseChangedAt: now }).returning();
const userId = user!.id;
await services.banks.categories.healthCategoryIds(userId);
for (let account = 1; account <= ACCOUNTS; account++) {
  await client.execute({ sql: "insert into bank_accounts (id, user_id, name, currency, import_key, created_at) values (?, ?, ?, 'EUR', ?, ?)", args: [account, userId, `Account ${account}`, `bench-${account}`, now] });
}
const writer = new HistoryWriter(ACCOUNTS, 6);
const history = writer.months(0, MONTHS, TRANSACTIONS, BILLS);
await write(client, userId, history, 0, 0);
console.error(`history: ${history.transactions.length} transactions, ${history.bills.length} bills; linking them all…`);

const bills = services.banks.bills.service;
let started = performance.now();
const full = await bills.link(userId, { full: true });
const fullMs = performance.now() - started;
const fullQuality = await quality(client, history, 0);

// The pure engine alone on the same facts (what the run read), without the database's reads and writes.
const reader = new LinkingRepository(services.database.db);
const facts = await reader.billsBetween(userId, 0, Number.MAX_SAFE_INTEGER);
const health = new Set((await services.banks.categories.healthCategoryIds(userId)).expenses);
const transactionFacts = await reader.transactionsIn(userId, windowRanges(facts), health);
Bun.gc(true);
started = performance.now();
linkBills({ bills: facts, transactions: transactionFacts, links: [] });
const engineMs = performance.now() - started;

const lastBill = history.bills.at(-1)!.id;
const [transactionsBefore, billsBefore] = [history.transactions.length, history.bills.length];
writer.months(MONTHS, MONTHS + 1, Math.round(TRANSACTIONS / MONTHS));
await write(client, userId, history, transactionsBefore, billsBefore);
console.error(`one more month: ${history.transactions.length - transactionsBefore} transactions, ${history.bills.length - billsBefore} bills; linking it…`);
started = performance.now();
const incremental = await bills.link(userId);
const incrementalMs = performance.now() - started;
const monthQuality = await quality(client, history, lastBill);

services.database.close();
const database = `${dataDir}/cozy.db`;
const naiveFull = naiveJoinMs(database, 0);
const naiveMonth = naiveJoinMs(database, lastBill);
console.log(JSON.stringify({
  transactions: transactionsBefore, bills: billsBefore, fullMs, engineMs, full, fullQuality,
  monthTransactions: history.transactions.length - transactionsBefore, monthBills: history.bills.length - billsBefore, incrementalMs, incremental, monthQuality,
  naiveFullMs: naiveFull.ms, naiveFullPairs: naiveFull.pairs, naiveMonthMs: naiveMonth.ms, naiveMonthPairs: naiveMonth.pairs,
}));
process.exit(0);
