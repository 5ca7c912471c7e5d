// Banks page figures at 100,000 transactions (20 accounts, 5 years, a closing
// balance each month): balance over time (5 years by month, one year by
// week; computed after a new transaction, and shown again with nothing new),
// spending per month and category over 12 months, and the list's length
// (all, and a text filter), p50 and p95 of 20 runs each, beside the database
// summing every row once (the least any of them must read).
// The history is written straight into the tables by SQL (the import has
// its own figures); the stats run through their service as the API does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { users } from "../../appliance/src/auth/auth.schema";
import { openServices } from "../../appliance/src/bootstrap";
import { loadConfig } from "../../appliance/src/config";
import { record } from "./figures";

const TRANSACTIONS = Number(process.env.BENCH_BANKS_TRANSACTIONS ?? 100_000);
const ACCOUNTS = 20;
const RUNS = 20;
const DAYS = 1826;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(run: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await before?.();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Services = Awaited<ReturnType<typeof openServices>>;

/** 20 accounts, the transactions spread over 5 years up to today, a closing balance at each month's end. */
async function writeHistory(services: Services, userId: number): Promise<void> {
  const { client } = services.database;
  const now = Date.now();
  for (let a = 1; a <= ACCOUNTS; a += 1) {
    await client.execute({ sql: "insert into bank_accounts (user_id, name, currency, import_key, created_at) values (?, ?, ?, ?, ?)", args: [userId, `Account ${a}`, a % 5 === 0 ? "USD" : "EUR", `bench-${a}`, now] });
  }
  await client.execute({
    sql: `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?)
      insert into bank_transactions (user_id, account_id, import_id, booking_date, amount_minor, currency, label, raw_label, category_id, created_at)
      select ?, (i % ${ACCOUNTS}) + (select min(id) from bank_accounts), 'B' || i,
        date('now', '-' || (${DAYS} - (i * ${DAYS} / ?)) || ' days'),
        case when i % 9 = 0 then 150000 else -(300 + (i * 37) % 9000) end, 'EUR', 'CB SHOP ' || (i % 97), 'CB SHOP ' || (i % 97),
        case when i % 4 = 0 then null else 100 + (i % 13) end, ?
      from n`,
    args: [TRANSACTIONS, userId, TRANSACTIONS, now],
  });
  await client.execute(`insert into bank_balances (account_id, date, kind, amount_minor, currency)
    select a.id, date(m.d, 'start of month', '+1 month', '-1 day'), 'closing', 100000 + a.id, a.currency
    from bank_accounts a, (select distinct substr(booking_date, 1, 7) || '-01' as d from bank_transactions) m`);
}

export async function benchBanksStats(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "cozy-bench-banks-stats-"));
  const services = await openServices(loadConfig({ COZY_DATA_DIR: dataDir }));
  try {
    const now = Date.now();
    const [user] = await services.database.db.insert(users).values({ name: "bench", nameKey: "bench", role: "owner", passphraseHash: "-", createdAt: now, passphraseChangedAt: now }).returning();
    if (!user) throw new Error("no user");
    console.log(`banks: writing a ${TRANSACTIONS}-transaction history for the page's figures…`);
    await writeHistory(services, user.id);
    const stats = services.banks.stats;
    const floor = await timed(() => services.database.client.execute({ sql: "select count(*), sum(amount_minor) from bank_transactions where user_id = ?", args: [user.id] }));
    const rows = TRANSACTIONS.toLocaleString("en");
    let added = 0;
    // One more transaction: the balances are computed again, not shown from the last answer.
    const arrive = () => services.database.client.execute({
      sql: "insert into bank_transactions (user_id, account_id, import_id, booking_date, amount_minor, currency, label, raw_label, created_at) select ?, min(id), ?, date('now'), -100, 'EUR', 'NEW', 'NEW', 0 from bank_accounts",
      args: [user.id, `new-${(added += 1)}`],
    });
    const yearByWeek = { from: new Date(now - 365 * 86_400_000).toISOString().slice(0, 10), step: "week" as const };
    const figures: Array<[string, () => Promise<unknown>, (() => Promise<unknown>)?]> = [
      ["balance over time, 5 years by month (after a new transaction)", () => stats.balances(user.id, {}), arrive],
      ["balance over time, one year by week (after a new transaction)", () => stats.balances(user.id, yearByWeek), arrive],
      ["balance over time, 5 years by month (nothing new)", () => stats.balances(user.id, {})],
      ["spending per category, 12 months", () => stats.spending(user.id, 12)],
      ["list length, all", () => stats.count(user.id, {})],
      ["list length, text filter", () => stats.count(user.id, { text: "SHOP 42" })],
    ];
    for (const [name, run, before] of figures) {
      const { p50, p95 } = await timed(run, before);
      record(`Banks ${name} at ${rows} rows, p50`, p50, "ms", floor.p50, "report (anchor: one SQL sum over every row)", () => true);
      record(`Banks ${name} at ${rows} rows, p95`, p95, "ms", floor.p95, "report (anchor: one SQL sum over every row)", () => true);
    }
  } finally {
    await services.database.client.close?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchBanksStats();
