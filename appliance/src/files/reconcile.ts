// Makes the index match the disk. Runs at start, every hour, and for the
// folders a watcher saw change: files written over SMB, copied from a USB
// stick or by a shell appear in the Drive, and deleted ones disappear.
import { readdirSync, type Dirent } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import type { Disk, DiskEntry } from "./disk";
import type { FileEvents } from "./file-events";
import type { FilesRepository } from "./files.repository";
import type { NewFile, ScanRow } from "./files.repository";
import type { Owner } from "./files.model";
import { detectMime } from "./mime";
import type { OwnerGate } from "./owner-gate";
import { joinPath, nameOf, parentOf, validateName } from "./paths";

/** Entries hashed, then indexed in one statement. */
const INDEX_BATCH = 256;

interface StaleEntry {
  path: string;
  entry: DiskEntry;
  row: ScanRow | undefined;
}

export interface ReconcileReport {
  added: number;
  changed: number;
  removed: number;
  skipped: number;
}

export class Reconciler {
  constructor(
    private readonly disk: Disk,
    private readonly repository: FilesRepository,
    private readonly events: FileEvents,
    private readonly clock: Clock,
    private readonly gate: OwnerGate,
  ) {}

  /** Reconciles `path` and everything below it, once no change of the file service is under way. */
  indexSubtree(owner: Owner, path: string): Promise<ReconcileReport> {
    return this.gate.reconcile(owner.id, () => this.indexSubtreeNow(owner, path));
  }

  /** For the file service itself, inside one of its changes (it already holds the gate). */
  async indexSubtreeNow(owner: Owner, path: string): Promise<ReconcileReport> {
    const root = this.disk.filesRoot(owner.key);
    const onDisk = new Map<string, DiskEntry>();
    const report: ReconcileReport = { added: 0, changed: 0, removed: 0, skipped: 0 };
    const top = path === "/" ? null : await this.disk.entry(join(root, path));
    if (top) onDisk.set(path, top);
    if (path === "/" || top?.kind === "folder") await this.walk(root, path, onDisk, report);
    const indexed = await this.repository.scanRows(owner.id, path);
    const byPath = new Map(indexed.map((row) => [row.path, row]));
    const stale: StaleEntry[] = [];
    for (const [entryPath, entry] of onDisk) {
      const row = byPath.get(entryPath);
      if (!row || row.kind !== entry.kind || row.size !== entry.size || row.mtime !== entry.mtime) stale.push({ path: entryPath, entry, row });
    }
    for (let at = 0; at < stale.length; at += INDEX_BATCH) await this.indexBatch(owner, root, stale.slice(at, at + INDEX_BATCH), report);
    for (const row of indexed) if (!onDisk.has(row.path)) await this.forget(owner, row, report);
    return report;
  }

  scan(owner: Owner): Promise<ReconcileReport> {
    return this.indexSubtree(owner, "/");
  }

  /**
   * Reads one folder at a time with synchronous calls, then yields to the
   * event loop: Bun's promise-based lstat costs ~50 µs a call (a thread-pool
   * round trip), which made a scan of 100,000 files take many seconds; the
   * synchronous one is ~30 times cheaper, and yielding after each folder
   * keeps the service answering while a scan runs.
   */
  private async walk(root: string, folder: string, into: Map<string, DiskEntry>, report: ReconcileReport): Promise<void> {
    const subfolders: string[] = [];
    for (const dirent of readFolder(join(root, folder))) {
      // Links are never followed, and anything but files and folders is not ours to show.
      if (!dirent.isFile() && !dirent.isDirectory()) continue;
      if (!isAcceptableName(dirent.name)) {
        report.skipped += 1;
        continue;
      }
      const path = joinPath(folder, dirent.name);
      const entry = this.disk.entrySync(join(root, path));
      if (!entry) continue;
      into.set(path, entry);
      if (entry.kind === "folder") subfolders.push(path);
    }
    await new Promise((resolve) => setImmediate(resolve));
    for (const path of subfolders) await this.walk(root, path, into, report);
  }

  /**
   * Hashes a batch of new or changed entries, then indexes
   * them in one statement: one insert per file made the first indexing of
   * 100,000 files (a USB copy) take minutes, mostly preparing statements.
   */
  private async indexBatch(owner: Owner, root: string, batch: StaleEntry[], report: ReconcileReport): Promise<void> {
    const rows: NewFile[] = [];
    // One file at a time: hashing is bound by the card's reads, and a scan
    // must leave the service's thread and the disk to the person's requests.
    for (const { path, entry } of batch) {
      const facts = entry.kind === "folder"
        ? { size: 0, mtime: entry.mtime, sha256: null, mime: "inode/directory" }
        : await this.fileFacts(join(root, path), path, entry).catch(() => null);
      // null: vanished while we looked; the next pass will see it gone.
      if (facts) rows.push({ userId: owner.id, path, parentPath: parentOf(path), name: nameOf(path), kind: entry.kind, createdAt: this.clock.now(), ...facts });
    }
    const known = new Set(batch.filter((item) => item.row).map((item) => item.path));
    for (const saved of await this.repository.upsertMany(rows)) {
      const existed = known.has(saved.path);
      if (existed) report.changed += 1;
      else report.added += 1;
      this.events.publish({ type: existed ? "changed" : "created", userId: owner.id, path: saved.path, kind: saved.kind, fileId: saved.id });
    }
  }

  private async fileFacts(diskPath: string, path: string, entry: DiskEntry) {
    const { sha256, head } = await this.disk.hashAndHead(diskPath, entry.size);
    return { size: entry.size, mtime: entry.mtime, sha256, mime: await detectMime(nameOf(path), head) };
  }

  private async forget(owner: Owner, row: ScanRow, report: ReconcileReport) {
    const removed = await this.repository.removeSubtree(owner.id, row.path);
    report.removed += removed.length;
    for (const gone of removed) this.events.publish({ type: "deleted", userId: owner.id, path: gone.path, kind: gone.kind, fileId: gone.id });
  }
}

function readFolder(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // gone or unreadable: its rows are forgotten like any vanished entry
  }
}

/** Names the Drive can show and address: valid, and already NFC (an NFD name would not round-trip). */
function isAcceptableName(name: string): boolean {
  try {
    return validateName(name) === name;
  } catch {
    return false;
  }
}

export function logReport(logger: Logger, owner: Owner, report: ReconcileReport): void {
  if (report.added + report.changed + report.removed + report.skipped > 0) logger.info("files reconciled", { userId: owner.id, ...report });
}
