// Banks figures of issue 5, each beside an anchor measured in the same run,
// for a 100,000-transaction history (20 accounts, 5 years) as OFX and as
// CAMT.053:
// - importing it through the API's preview and commit: transactions per
//   second, beside the sqlite3 shell importing the same rows from CSV;
// - previewing the same file again (every row deduplicated against the
//   100,000 stored), beside the parser alone reading it;
// - peak RSS of the import's process (VmHWM) up to the end of the import's
//   write, and after the after-import work (categories, bill links), beside
//   its RSS before the import;
// - list queries (filtered, sorted, paged) p50/p95 at 100,000 rows, beside
//   the same SQL run straight through the libsql client.
// Each import runs in its own process (banks-runner.ts) so its peak is its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePerSecond, sqliteImportPerSecond } from "./banks-anchor";
import { writeHistoryCamt, writeHistoryOfx } from "./banks-history";
import { record } from "./figures";
import { ROOT } from "./processes";

const TRANSACTIONS = Number(process.env.BENCH_BANKS_TRANSACTIONS ?? 100_000);

interface RunnerFigures {
  rows: number;
  importMs: number;
  reimportPreviewMs: number;
  baselineRssKb: number;
  writePeakRssKb: number;
  peakRssKb: number;
  listP50?: number;
  listP95?: number;
  rawP50?: number;
  rawP95?: number;
}

async function runImport(dataDir: string, statement: string, list: boolean): Promise<RunnerFigures> {
  const args = [process.execPath, join(ROOT, "scripts/bench/banks-runner.ts"), dataDir, statement, ...(list ? [] : ["--no-list"])];
  const child = Bun.spawn(args, { stdout: "pipe", stderr: "inherit" });
  const [text, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`banks-runner failed (${code})`);
  return JSON.parse(text.trim().split("\n").at(-1)!) as RunnerFigures;
}

async function benchFormat(kind: "OFX" | "CAMT", work: string, list: boolean): Promise<void> {
  console.log(`banks: writing a ${TRANSACTIONS}-transaction ${kind} history…`);
  const statement = join(work, kind === "OFX" ? "history.ofx" : "history.xml");
  const count = await (kind === "OFX" ? writeHistoryOfx : writeHistoryCamt)(statement, 20, TRANSACTIONS);
  const parsed = parsePerSecond(statement);
  if (parsed.rows !== count) throw new Error(`parsed ${parsed.rows} of ${count}`);
  const sqlitePerSecond = await sqliteImportPerSecond(statement, work);
  Bun.gc(true);
  console.log(`banks: importing it (preview, commit, preview again${list ? ", list queries" : ""})…`);
  const run = await runImport(join(work, `data-${kind}`), statement, list);
  if (run.rows !== count) throw new Error(`imported ${run.rows} of ${count}`);
  const rows = count.toLocaleString("en");
  record(`Banks import, ${rows}-transaction ${kind} (preview + commit)`, count / (run.importMs / 1000), "transactions/s", sqlitePerSecond, "report (anchor: sqlite3 shell importing the same rows from CSV)", () => true);
  record(`Banks ${kind} re-import preview (all ${rows} already known)`, count / (run.reimportPreviewMs / 1000), "transactions/s", parsed.perSecond, "report (anchor: parsing alone)", () => true);
  record(`Banks ${kind} import peak RSS, through its write`, run.writePeakRssKb / 1024, "MB", run.baselineRssKb / 1024, "<= 200 MB (anchor: the process idle)", () => run.writePeakRssKb / 1024 <= 200);
  record(`Banks ${kind} import peak RSS, with the after-import work (categories, links)`, run.peakRssKb / 1024, "MB", run.baselineRssKb / 1024, "<= 200 MB (anchor: the process idle)", () => run.peakRssKb / 1024 <= 200);
  if (run.listP50 === undefined || run.listP95 === undefined) return;
  const p95 = run.listP95;
  record(`Banks list query p50 at ${rows} rows`, run.listP50, "ms", run.rawP50 ?? null, "report (anchor: the same SQL, raw)", () => true);
  record(`Banks list query p95 at ${rows} rows`, p95, "ms", run.rawP95 ?? null, "< 20 ms", () => p95 < 20);
}

export async function benchBanks(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-banks-"));
  try {
    await benchFormat("OFX", work, true);
    await benchFormat("CAMT", work, false);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
