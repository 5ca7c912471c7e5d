// Runs in its own process for `make bench`: 100,000 files on disk, indexed
// once, then a reconciling scan with nothing changed, timed beside
// `find -printf` (which reads the same names, sizes and times) on the same tree.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openServices } from "../../appliance/src/bootstrap";
import { loadConfig } from "../../appliance/src/config";

const FOLDERS = 100;
const PER_FOLDER = Number(process.env.BENCH_SCAN_FILES ?? 100_000) / FOLDERS;
const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: scan-runner.ts DATA_DIR");

const services = await openServices(loadConfig({ COZY_DATA_DIR: dataDir }));
const user = await services.auth.createOwner("bench", "benchmark passphrase");
const owner = { id: user.id, key: user.nameKey };
const root = join(dataDir, "files", owner.key);
for (let f = 0; f < FOLDERS; f++) {
  const folder = join(root, `folder-${f}`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < PER_FOLDER; i++) writeFileSync(join(folder, `file-${i}.txt`), `${f}/${i}`);
}
console.error(`indexing ${FOLDERS * PER_FOLDER} files once…`);
await services.files.reconciler.scan(owner);

// The first indexing published 100,000 "created" events: search and media
// work through them in the background. Let that settle, then time three
// unchanged scans, each beside a find over the same tree, and keep medians.
await Bun.sleep(5_000);
const scans: number[] = [];
const finds: number[] = [];
for (let run = 0; run < 3; run++) {
  const scanStarted = performance.now();
  const report = await services.files.reconciler.scan(owner);
  scans.push(performance.now() - scanStarted);
  if (report.added + report.changed + report.removed !== 0) throw new Error(`an unchanged scan changed things: ${JSON.stringify(report)}`);
  console.error(`  scan ${run + 1}: ${Math.round(scans[run]!)} ms`);
  const findStarted = performance.now();
  const find = Bun.spawn(["find", root, "-printf", "%s %T@ %p\\n"], { stdout: "ignore" });
  await find.exited;
  finds.push(performance.now() - findStarted);
  console.error(`  find ${run + 1}: ${Math.round(finds[run]!)} ms`);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
const scanMs = median(scans);
const findMs = median(finds);
console.log(JSON.stringify({ scanMs, findMs, files: FOLDERS * PER_FOLDER }));
// The owner's creation started the Drive watcher (an inotifywait child) and
// the search and media listeners: stop them, or this process never ends and
// `make bench` waits for it forever.
services.files.stop();
await services.search.stop();
services.database.close();
process.exit(0);
