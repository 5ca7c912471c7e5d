// Earlier contents of overwritten files: up to `max` per file, at least
// `minIntervalMs` apart (a file saved every few seconds by an editor keeps
// one version per interval, not hundreds). The old bytes get a second name
// (a hard link) under <data>/versions/<user>/<id>, never a copy; the new
// content is then renamed over the file, so at every instant the path holds
// either the old or the new content, even across a power cut.
import { link, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { NotFoundError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import type { FilesRepository } from "./files.repository";
import type { FileRow, VersionRow } from "./files.schema";
import type { Owner } from "./files.model";

export interface VersionPolicy {
  max: number;
  minIntervalMs: number;
}

export class VersionKeeper {
  constructor(
    private readonly dataDir: string,
    private readonly repository: FilesRepository,
    private readonly clock: Clock,
    private readonly policy: VersionPolicy,
  ) {}

  diskPath(owner: Owner, id: number): string {
    return join(this.dataDir, "versions", owner.key, String(id));
  }

  /**
   * Called before `current` is overwritten. Returns true when the old bytes
   * were kept as a version, false when a version was kept less than the
   * interval ago (the old bytes then simply go).
   */
  async keep(owner: Owner, current: FileRow, diskPath: string, always = false): Promise<boolean> {
    if (this.policy.max === 0) return false;
    const [latest] = await this.repository.listVersions(owner.id, current.path);
    const now = this.clock.now();
    if (!always && latest && now - latest.keptAt < this.policy.minIntervalMs) return false;
    const version = await this.repository.addVersion({
      userId: owner.id,
      path: current.path,
      size: current.size,
      sha256: current.sha256,
      mtime: current.mtime,
      keptAt: now,
    });
    await mkdir(join(this.dataDir, "versions", owner.key), { recursive: true });
    await link(diskPath, this.diskPath(owner, version.id));
    await this.prune(owner, current.path);
    return true;
  }

  list(owner: Owner, path: string): Promise<VersionRow[]> {
    return this.repository.listVersions(owner.id, path);
  }

  async find(owner: Owner, id: number): Promise<VersionRow> {
    const version = await this.repository.findVersion(owner.id, id);
    if (!version) throw new NotFoundError("No such version.");
    return version;
  }

  async forget(owner: Owner, version: VersionRow): Promise<void> {
    await this.repository.removeVersion(version.id);
    await rm(this.diskPath(owner, version.id), { force: true });
  }

  /** Where the versions of a Trash item wait: a key no real path can take (real paths start with "/"). */
  static trashKey(trashId: number, originalPath: string): string {
    return `trash:${trashId}${originalPath}`;
  }

  /** Forgets every version of `path` and of everything under it, bytes included. */
  async forgetUnder(owner: Owner, path: string): Promise<void> {
    for (const version of await this.repository.versionsUnder(owner.id, path)) await this.forget(owner, version);
  }

  private async prune(owner: Owner, path: string): Promise<void> {
    const versions = await this.repository.listVersions(owner.id, path);
    for (const old of versions.slice(this.policy.max)) await this.forget(owner, old);
  }
}
