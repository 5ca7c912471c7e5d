// Sees changes made behind the service's back (SMB, a shell, a USB copy) as
// they happen, and reconciles just the folders that changed, shortly after
// the burst settles. The hourly scan remains the source of truth for
// anything a watcher can miss (inotify queue overflow).
//
// The watching itself is inotifywait's (Debian inotify-tools), which adds a
// watch to every folder created later; Bun's recursive fs.watch does not, so
// files written into a new folder would wait for the hourly scan. fs.watch
// remains the fallback where inotifywait is not installed.
import { watch, type FSWatcher } from "node:fs";
import { relative } from "node:path";
import type { Logger } from "../shared/logger";
import type { Owner } from "./files.model";
import { normalizePath, parentOf } from "./paths";
import type { Reconciler } from "./reconcile";

const SETTLE_MS = 500;

interface Watch {
  close(): void;
}

export class FilesWatcher {
  private readonly watchers = new Map<number, Watch>();
  private readonly dirty = new Map<number, { owner: Owner; paths: Set<string> }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Writes by the service itself also fire the watcher; their reconcile finds nothing to do. */
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly reconciler: Reconciler,
    private readonly rootOf: (owner: Owner) => string,
    private readonly logger: Logger,
  ) {}

  watch(owner: Owner): void {
    if (this.watchers.has(owner.id)) return;
    const root = this.rootOf(owner);
    try {
      const watcher = Bun.which("inotifywait") ? this.inotify(owner, root) : this.fsWatch(owner, root);
      this.watchers.set(owner.id, watcher);
    } catch (error) {
      this.logger.warn("file watcher unavailable; relying on scans", { userId: owner.id, error: String(error) });
    }
  }

  private inotify(owner: Owner, root: string): Watch {
    const events = "create,delete,move,close_write,attrib,delete_self";
    const child = Bun.spawn(["inotifywait", "-m", "-r", "-q", "-e", events, "--format", "%w%f", root], { stdout: "pipe", stderr: "ignore" });
    void (async () => {
      let pending = "";
      for await (const chunk of child.stdout as unknown as AsyncIterable<Uint8Array>) {
        pending += new TextDecoder().decode(chunk);
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) if (line) this.mark(owner, relative(root, line));
      }
    })().catch(() => undefined);
    return { close: () => child.kill() };
  }

  private fsWatch(owner: Owner, root: string): Watch {
    const watcher: FSWatcher = watch(root, { recursive: true }, (_event, name) => this.mark(owner, name));
    watcher.on("error", (error) => this.logger.warn("file watcher stopped", { userId: owner.id, error: String(error) }));
    return watcher;
  }

  /** Resolves once every change seen so far has been reconciled (for tests and shutdown). */
  async settle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.flush();
    }
    await this.running;
  }

  stop(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private mark(owner: Owner, name: string | Buffer | null): void {
    let path = "/";
    try {
      // The folder holding the change: reconciling it sees creations, deletions and renames in it.
      path = name ? parentOf(normalizePath(String(name))) : "/";
    } catch {
      path = "/";
    }
    const entry = this.dirty.get(owner.id) ?? { owner, paths: new Set<string>() };
    entry.paths.add(path);
    this.dirty.set(owner.id, entry);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SETTLE_MS);
  }

  private flush(): void {
    this.timer = null;
    const batch = [...this.dirty.values()];
    this.dirty.clear();
    this.running = this.running.then(async () => {
      for (const { owner, paths } of batch) {
        for (const path of paths) {
          await this.reconciler.indexSubtree(owner, path).catch((error) => {
            this.logger.warn("reconcile after a disk change failed", { userId: owner.id, path, error: String(error) });
          });
        }
      }
    });
  }
}
