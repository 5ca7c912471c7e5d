// Bill linking figures of issue 5, each beside an anchor measured in the same
// run on the same database file:
// - full linking of 10,000 bills against 100,000 transactions (5 years, 20
//   accounts), beside the naive reference: the same exact-amount and
//   -15..+29-day matching written as one SQL join, run by the sqlite3 shell
//   (no labels, health category, groups or ties: less work than ours);
// - incremental linking of one new month, beside that join for the month's bills;
// - the engine alone in memory, and how many made links are the right ones.
// The history and both runs live in their own process (banks-linking-runner.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { record } from "./figures";
import { ROOT } from "./processes";

const TRANSACTIONS = Number(process.env.BENCH_BANKS_TRANSACTIONS ?? 100_000);
const BILLS = Number(process.env.BENCH_BANKS_BILLS ?? 10_000);

interface Quality {
  made: number;
  right: number;
  expected: number;
  suggested: number;
}

interface RunnerFigures {
  transactions: number;
  bills: number;
  fullMs: number;
  engineMs: number;
  fullQuality: Quality;
  monthTransactions: number;
  monthBills: number;
  incrementalMs: number;
  monthQuality: Quality;
  naiveFullMs: number;
  naiveMonthMs: number;
}

async function run(dataDir: string): Promise<RunnerFigures> {
  const child = Bun.spawn([process.execPath, join(ROOT, "scripts/bench/banks-linking-runner.ts"), dataDir, String(TRANSACTIONS), String(BILLS)], { stdout: "pipe", stderr: "inherit" });
  const [text, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`banks-linking-runner failed (${code})`);
  return JSON.parse(text.trim().split("\n").at(-1)!) as RunnerFigures;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : (part / whole) * 100;
}

export async function benchBanksLinking(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-linking-"));
  try {
    console.log(`banks linking: ${BILLS} bills against ${TRANSACTIONS} transactions, then one more month…`);
    const figures = await run(work);
    const { fullQuality: quality } = figures;
    console.log(`  full run: ${quality.made} links made (${quality.right} right, of ${quality.expected} expected), ${quality.suggested} suggested`);
    console.log(`  new month: ${figures.monthTransactions} transactions, ${figures.monthBills} bills; ${figures.monthQuality.made} made (${figures.monthQuality.right} right, of ${figures.monthQuality.expected})`);
    record(`Banks full linking, ${figures.bills} bills x ${figures.transactions} transactions`, figures.fullMs, "ms", figures.naiveFullMs, "report (anchor: one SQL join on amount + window, sqlite3 shell)", () => true);
    record("Banks incremental linking of one new month", figures.incrementalMs, "ms", figures.naiveMonthMs, "report (anchor: the same join for the month's bills)", () => true);
    record("Banks linking engine alone (in memory, same bills and transactions)", figures.engineMs, "ms", figures.fullMs, "report (anchor: the whole run with its reads and writes)", () => true);
    record("Banks linking: made links that are right", percent(quality.right, quality.made), "%", null, ">= 99 %", () => percent(quality.right, quality.made) >= 99);
    record("Banks linking: expected links made", percent(quality.right, quality.expected), "%", null, "report", () => true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
