// Deleting moves to the Trash: the item is renamed into
// <data>/trash/<user>/<id> (same file system, so instant and atomic) and
// remembered with where it came from and when.
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { NotFoundError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import type { FilesRepository } from "./files.repository";
import type { Owner } from "./files.model";
import type { TrashRow } from "./files.schema";
import { VersionKeeper } from "./versions";

export class TrashBin {
  constructor(
    private readonly dataDir: string,
    private readonly repository: FilesRepository,
    private readonly clock: Clock,
    private readonly keepMs: number,
    private readonly versions: VersionKeeper,
  ) {}

  diskPath(owner: Owner, id: number): string {
    return join(this.dataDir, "trash", owner.key, String(id));
  }

  async put(owner: Owner, originalPath: string, kind: "file" | "folder", size: number, diskPath: string): Promise<TrashRow> {
    const item = await this.repository.addTrash({ userId: owner.id, originalPath, kind, size, deletedAt: this.clock.now() });
    await mkdir(join(this.dataDir, "trash", owner.key), { recursive: true });
    try {
      await rename(diskPath, this.diskPath(owner, item.id));
    } catch (error) {
      await this.repository.removeTrash(item.id);
      throw error;
    }
    return item;
  }

  list(owner: Owner): Promise<TrashRow[]> {
    return this.repository.listTrash(owner.id);
  }

  async find(owner: Owner, id: number): Promise<TrashRow> {
    const item = await this.repository.findTrash(owner.id, id);
    if (!item) throw new NotFoundError("No such item in the Trash.");
    return item;
  }

  /** Forgets an item whose bytes have been moved back (restore). */
  async release(id: number): Promise<void> {
    await this.repository.removeTrash(id);
  }

  async destroy(owner: Owner, item: TrashRow): Promise<void> {
    await this.versions.forgetUnder(owner, VersionKeeper.trashKey(item.id, item.originalPath));
    await rm(this.diskPath(owner, item.id), { recursive: true, force: true });
    await this.repository.removeTrash(item.id);
  }

  async empty(owner: Owner): Promise<number> {
    const items = await this.list(owner);
    for (const item of items) await this.destroy(owner, item);
    return items.length;
  }

  /** Items older than the keep period, for every person; `keyOf` finds each person's folder key. */
  async purge(keyOf: (userId: number) => Promise<string | null>): Promise<number> {
    const old = await this.repository.trashOlderThan(this.clock.now() - this.keepMs);
    for (const item of old) {
      const key = await keyOf(item.userId);
      if (key) await this.destroy({ id: item.userId, key }, item);
    }
    return old.length;
  }
}
