// Search figures of issue 4, each beside an anchor measured in the same run:
// - building the index for 100,000 files from their file events (what a first
//   scan of a full disk does), beside the sqlite3 shell (Debian's own SQLite)
//   filling an FTS5 table with the same tokenizer from the same rows;
// - search latency p50/p95 over 1,000 as-you-type queries on that index,
//   beside the same searches done as a LIKE scan (what a box without a
//   full-text index would do).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../../appliance/src/db/client";
import { migrateDatabase } from "../../appliance/src/db/migrate";
import { files, users } from "../../appliance/src/db/schema";
import type { FileEvent } from "../../appliance/src/files";
import { createSearch } from "../../appliance/src/search";
import { silentLogger } from "../../appliance/src/shared/logger";
import { systemClock } from "../../appliance/src/shared/ports";
import { record } from "./figures";
import { median } from "./processes";
import { generateCorpus, queriesFrom, type BenchFile } from "./search-corpus";

const DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCS ?? 100_000);
const QUERIES = 1_000;
const LIKE_QUERIES = 50;

async function insertFiles(handle: DatabaseHandle, userId: number, corpus: BenchFile[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < corpus.length; i += 1_000) {
    const rows = corpus.slice(i, i + 1_000).map((file) => ({
      userId, path: file.path, parentPath: file.folder, name: file.name, kind: file.kind, size: 1, mtime: file.mtime, mime: file.mime, createdAt: file.mtime,
    }));
    const saved = await handle.db.insert(files).values(rows).returning({ id: files.id });
    ids.push(...saved.map((row) => row.id));
  }
  return ids;
}

/** Our build: one "created" event per file, as the start-up scan publishes them, until the batches are all in the index. */
async function buildFromEvents(handle: DatabaseHandle, userId: number, corpus: BenchFile[], ids: number[]) {
  let listener: (event: FileEvent) => void = () => undefined;
  const search = createSearch({ db: handle.db, clock: systemClock, logger: silentLogger, fileEvents: { subscribe: (l) => ((listener = l), () => undefined) } });
  const started = performance.now();
  corpus.forEach((file, i) => listener({ type: "created", userId, path: file.path, kind: file.kind, fileId: ids[i]! }));
  await search.flush();
  const seconds = (performance.now() - started) / 1000;
  // Extracted text for the documents (untimed: it comes later, one file at a time, from the media jobs).
  for (const [i, file] of corpus.entries()) if (file.body) await search.setFileDetails(userId, ids[i]!, { body: file.body });
  return { search, docsPerSecond: corpus.length / seconds };
}

/** The anchor: Debian's sqlite3 shell filling an FTS5 table (same tokenizer and prefixes) from the same rows in a plain table. */
async function sqliteShellBuild(work: string, corpus: BenchFile[]): Promise<number | null> {
  if (!Bun.which("sqlite3")) {
    console.error("  sqlite3 is missing (apt-get install sqlite3): no anchor for the index build");
    return null;
  }
  const csv = join(work, "docs.csv");
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  writeFileSync(csv, corpus.map((file) => `${quote(file.name)},${quote(file.folder)}`).join("\n"));
  const script = [
    "CREATE TABLE staging (title TEXT, folder TEXT);",
    ".mode csv",
    `.import ${csv} staging`,
    "CREATE VIRTUAL TABLE fts USING fts5(title, folder, body, meta, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');",
    ".timer on",
    "INSERT INTO fts (title, folder, body, meta) SELECT title, folder, '', '' FROM staging;",
  ].join("\n");
  const child = Bun.spawn(["sqlite3", join(work, "anchor.db")], { stdin: new TextEncoder().encode(script), stdout: "pipe", stderr: "pipe" });
  const [out, , code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const real = /Run Time: real ([0-9.]+)/.exec(out);
  if (code !== 0 || !real) return null;
  return corpus.length / Number(real[1]);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

async function timeQueries(queries: string[], run: (q: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await run(q);
    times.push(performance.now() - started);
  }
  return times;
}

/** What searching looks like without an index: every row read, every word a LIKE, newest first. */
function likeScan(handle: DatabaseHandle, userId: number, q: string) {
  const words = q.split(/\s+/).filter(Boolean).map((word) => `%${word}%`);
  const conditions = words.map((word) => sql`(title LIKE ${word} OR path LIKE ${word} OR body LIKE ${word})`);
  return handle.db.all(sql`SELECT ref, title, path FROM search_documents WHERE user_id = ${userId} AND ${sql.join(conditions, sql` AND `)} ORDER BY date DESC LIMIT 20`);
}

export async function benchSearch(): Promise<void> {
  console.log(`search: ${DOCUMENTS} documents`);
  const work = mkdtempSync(join(tmpdir(), "cozy-bench-search-"));
  const handle = await openDatabase(join(work, "cozy.db"));
  try {
    await migrateDatabase(handle.db);
    const [user] = await handle.db.insert(users).values({ name: "Bench", nameKey: "bench", role: "owner", passphraseHash: "-", createdAt: 0, passphraseChangedAt: 0 }).returning();
    const corpus = generateCorpus(DOCUMENTS);
    const ids = await insertFiles(handle, user!.id, corpus);
    const { search, docsPerSecond } = await buildFromEvents(handle, user!.id, corpus, ids);
    const anchor = await sqliteShellBuild(work, corpus);
    record(`search index build, ${DOCUMENTS} files from their events, beside the sqlite3 shell's FTS5 build`, docsPerSecond, "docs/s", anchor, ">= 0.2x sqlite3 shell", (r) => r !== null && r >= 0.2);
    const queries = queriesFrom(corpus, QUERIES);
    const fts = await timeQueries(queries, (q) => search.query(user!.id, q));
    const like = await timeQueries(queries.slice(0, LIKE_QUERIES), (q) => likeScan(handle, user!.id, q));
    record(`search latency p50, ${QUERIES} as-you-type queries, beside a LIKE scan`, median(fts), "ms", median(like), "< 20 ms", () => median(fts) < 20);
    record(`search latency p95, ${QUERIES} as-you-type queries, beside a LIKE scan`, percentile(fts, 0.95), "ms", percentile(like, 0.95), "< 20 ms", () => percentile(fts, 0.95) < 20);
    await search.stop();
  } finally {
    handle.close();
    rmSync(work, { recursive: true, force: true });
  }
}
