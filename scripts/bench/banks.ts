// Banks figures of issue 5, each beside an anchor measured in the same run:
// - importing a 100,000-transaction OFX (20 accounts, 5 years) through the
//   API's preview and commit: transactions per second, beside the parser
//   alone reading the same file (the part no storage can avoid);
// - previewing the same file again (every row deduplicated against the
//   100,000 stored), beside the same parser figure;
// - peak RSS of the import's process, beside its RSS before the import;
// - list queries (filtered, sorted, paged) p50/p95 at 100,000 rows, beside
//   the same SQL run straight through the libsql client.
// The import runs in its own process (banks-runner.ts) so its peak is its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStatementFile } from "../../appliance/src/banks/parsers";
import { writeHistoryOfx } from "./banks-history";
import { record } from "./figures";
import { ROOT } from "./processes";

const TRANSACTIONS = Number(process.env.BENCH_BANKS_TRANSACTIONS ?? 100_000);

interface RunnerFigures {
  rows: number;
  importMs: number;
  reimportPreviewMs: number;
  baselineRssKb: number;
  peakRssKb: number;
  listP50: number;
  listP95: number;
  rawP50: number;
  rawP95: number;
}

async function runImport(dataDir: string, statement: string): Promise<RunnerFigures> {
  const child = Bun.spawn([process.execPath, join(ROOT, "scripts/bench/banks-runner.ts"), dataDir, statement], { stdout: "pipe", stderr: "inherit" });
  const [text, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`banks-runner failed (${code})`);
  return JSON.parse(text.trim().split("\n").at(-1)!) as RunnerFigures;
}

export async function benchBanks(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-banks-"));
  try {
    console.log(`banks: writing a ${TRANSACTIONS}-transaction OFX history…`);
    const statement = join(work, "history.ofx");
    const count = await writeHistoryOfx(statement, 20, TRANSACTIONS);
    const parseStarted = performance.now();
    await parseStatementFile(statement);
    const parsePerSecond = count / ((performance.now() - parseStarted) / 1000);
    Bun.gc(true);
    console.log("banks: importing it (preview, commit, preview again, list queries)…");
    const run = await runImport(join(work, "data"), statement);
    if (run.rows !== count) throw new Error(`imported ${run.rows} of ${count}`);
    record("Banks import, 100,000-transaction OFX (preview + commit)", count / (run.importMs / 1000), "transactions/s", parsePerSecond, "report (anchor: parsing alone)", () => true);
    record("Banks re-import preview (all 100,000 already known)", count / (run.reimportPreviewMs / 1000), "transactions/s", parsePerSecond, "report (anchor: parsing alone)", () => true);
    record("Banks peak RSS during the import", run.peakRssKb / 1024, "MB", run.baselineRssKb / 1024, "<= 200 MB", () => run.peakRssKb / 1024 <= 200);
    record("Banks list query p50 at 100,000 rows", run.listP50, "ms", run.rawP50, "report (anchor: the same SQL, raw)", () => true);
    record("Banks list query p95 at 100,000 rows", run.listP95, "ms", run.rawP95, "< 20 ms", () => run.listP95 < 20);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
