// The one file service behind every door (REST, WebDAV, the UI, later SMB
// through the disk): reads, writes, folders, moves, copies, Trash, versions.
// The disk is the truth; every change updates the index and publishes an event.
import { cp, mkdir, rename, stat } from "node:fs/promises";
import { ConflictError, NotFoundError } from "../shared/errors";
import { chunksOf } from "../shared/http/body";
import type { Clock } from "../shared/ports";
import type { Disk, WrittenFile } from "./disk";
import type { FileEvents } from "./file-events";
import type { FilesRepository } from "./files.repository";
import type { FileRow, TrashRow } from "./files.schema";
import type { Owner } from "./files.model";
import { detectMime } from "./mime";
import { alternativeName, isWithin, joinPath, nameOf, normalizePath, parentOf } from "./paths";
import type { OwnerGate } from "./owner-gate";
import type { Reconciler } from "./reconcile";
import type { TrashBin } from "./trash";
import { VersionKeeper } from "./versions";
import { WriteLeases } from "./write-leases";
import type { ZipEntry } from "./zip";

export interface FilesDeps {
  disk: Disk;
  repository: FilesRepository;
  events: FileEvents;
  trash: TrashBin;
  versions: VersionKeeper;
  reconciler: Reconciler;
  gate: OwnerGate;
  clock: Clock;
  /** Largest single upload accepted. */
  maxFileBytes: number;
}

export interface WriteOptions {
  overwrite: boolean;
  /** Declared size (Content-Length / Upload-Length), checked against free space before any byte is written. */
  expectedBytes?: number;
  /** Keep the replaced content as a version even if one was kept moments ago (restoring a version). */
  alwaysKeepVersion?: boolean;
}

export class FilesService {
  private readonly leases = new WriteLeases();

  constructor(private readonly deps: FilesDeps) {}

  get events(): FileEvents {
    return this.deps.events;
  }

  async prepare(owner: Owner): Promise<void> {
    await mkdir(this.deps.disk.filesRoot(owner.key), { recursive: true, mode: 0o750 });
  }

  /** The entry at `path`; the root "/" is a folder that always exists. */
  async stat(owner: Owner, rawPath: string): Promise<FileRow> {
    const path = normalizePath(rawPath);
    if (path === "/") return this.rootRow(owner);
    const row = await this.deps.repository.find(owner.id, path);
    if (!row) throw new NotFoundError(`Nothing at ${path}.`);
    return row;
  }

  async statById(owner: Owner, id: number): Promise<FileRow | null> {
    return this.deps.repository.findById(owner.id, id);
  }

  async tryStat(owner: Owner, rawPath: string): Promise<FileRow | null> {
    return this.stat(owner, rawPath).catch((error) => (error instanceof NotFoundError ? null : Promise.reject(error)));
  }

  async list(owner: Owner, rawPath: string): Promise<FileRow[]> {
    const folder = await this.stat(owner, rawPath);
    if (folder.kind !== "folder") throw new ConflictError("not_a_folder", `${folder.path} is a file, not a folder.`);
    return this.deps.repository.children(owner.id, folder.path);
  }

  /** Where to read a file's bytes from, after checking it is a file inside the person's tree. */
  async openRead(owner: Owner, rawPath: string): Promise<{ row: FileRow; diskPath: string }> {
    const row = await this.stat(owner, rawPath);
    if (row.kind !== "file") throw new ConflictError("is_a_folder", `${row.path} is a folder.`);
    return { row, diskPath: await this.diskPathOf(owner, row.path) };
  }

  async write(owner: Owner, rawPath: string, source: AsyncIterable<Uint8Array>, options: WriteOptions) {
    const path = this.writablePath(rawPath);
    return this.leases.with([`${owner.id}:${path}`], async () => {
      await this.checkWritable(owner, path, options.overwrite);
      if (options.expectedBytes !== undefined) await this.deps.disk.ensureFits(options.expectedBytes);
      await this.diskPathOf(owner, path);
      const received = await this.deps.disk.receive(source, this.deps.maxFileBytes);
      return this.place(owner, path, received, options);
    });
  }

  /**
   * Takes a complete file already on the data volume (a finished resumable
   * upload) as the content of `path`: hashed, then renamed into place.
   */
  async adopt(owner: Owner, rawPath: string, partPath: string, options: WriteOptions) {
    const path = this.writablePath(rawPath);
    return this.leases.with([`${owner.id}:${path}`], async () => {
      const info = await stat(partPath);
      const received = { tmpPath: partPath, size: info.size, mtime: Math.floor(info.mtimeMs), sha256: await this.deps.disk.hashFile(partPath) };
      return this.place(owner, path, received, options);
    });
  }

  /** Checks the place again (it may have changed while the bytes arrived), keeps a version, renames in, indexes. */
  private async place(owner: Owner, path: string, received: { tmpPath: string } & WrittenFile, options: WriteOptions) {
    return this.deps.gate.change(owner.id, async () => {
      const target = await this.diskPathOf(owner, path);
      let existing: FileRow | null;
      try {
        existing = await this.checkWritable(owner, path, options.overwrite);
        if (existing) await this.deps.versions.keep(owner, existing, target, options.alwaysKeepVersion ?? false);
        await this.deps.disk.commit(received.tmpPath, target);
      } catch (error) {
        await this.deps.disk.discard(received.tmpPath);
        throw error;
      }
      const mime = await detectMime(nameOf(path), await this.deps.disk.head(target));
      const row = await this.index(owner, path, "file", { size: received.size, mtime: received.mtime, sha256: received.sha256, mime });
      this.deps.events.publish({ type: existing ? "changed" : "created", userId: owner.id, path, kind: "file", fileId: row.id });
      return { row, created: !existing };
    });
  }

  /** Validates a path that a file may be written to; checks the place without holding it (for uploads that start later). */
  async checkUploadTarget(owner: Owner, rawPath: string, overwrite: boolean, bytes: number): Promise<string> {
    const path = this.writablePath(rawPath);
    await this.checkWritable(owner, path, overwrite);
    await this.diskPathOf(owner, path);
    await this.deps.disk.ensureFits(bytes);
    return path;
  }

  private writablePath(rawPath: string): string {
    const path = normalizePath(rawPath);
    if (path === "/") throw new ConflictError("is_a_folder", "The root is a folder.");
    return path;
  }

  async createFolder(owner: Owner, rawPath: string, options: { parents?: boolean } = {}): Promise<FileRow> {
    return this.deps.gate.change(owner.id, async () => {
      const path = normalizePath(rawPath);
      if (await this.tryStat(owner, path)) throw new ConflictError("exists", `${path} already exists.`);
      const parent = await this.tryStat(owner, parentOf(path));
      if (!parent && options.parents) await this.createFolder(owner, parentOf(path), options);
      else if (!parent) throw new ConflictError("parent_missing", `The folder ${parentOf(path)} does not exist.`);
      else if (parent.kind !== "folder") throw new ConflictError("not_a_folder", `${parent.path} is a file.`);
      const diskPath = await this.diskPathOf(owner, path);
      await mkdir(diskPath);
      const info = await stat(diskPath);
      const row = await this.index(owner, path, "folder", { size: 0, mtime: Math.floor(info.mtimeMs), sha256: null, mime: "inode/directory" });
      this.deps.events.publish({ type: "created", userId: owner.id, path, kind: "folder", fileId: row.id });
      return row;
    });
  }

  async move(owner: Owner, rawFrom: string, rawTo: string, options: { overwrite: boolean }): Promise<{ row: FileRow; replaced: boolean }> {
    return this.deps.gate.change(owner.id, async () => {
      const { source, to, replaced } = await this.prepareTransfer(owner, rawFrom, rawTo, options.overwrite);
      return this.leases.with([`${owner.id}:${source.path}`, `${owner.id}:${to}`], async () => {
        if (replaced) await this.remove(owner, to);
        await rename(await this.diskPathOf(owner, source.path), await this.diskPathOf(owner, to));
        await this.deps.repository.moveSubtree(owner.id, source.path, to, parentOf(to), nameOf(to));
        await this.deps.repository.moveVersions(owner.id, source.path, to);
        const row = await this.stat(owner, to);
        this.deps.events.publish({ type: "moved", userId: owner.id, path: to, fromPath: source.path, kind: row.kind, fileId: row.id });
        return { row, replaced: replaced !== null };
      });
    });
  }

  async copy(owner: Owner, rawFrom: string, rawTo: string, options: { overwrite: boolean }): Promise<{ row: FileRow; replaced: boolean }> {
    return this.deps.gate.change(owner.id, async () => {
      const { source, to, replaced } = await this.prepareTransfer(owner, rawFrom, rawTo, options.overwrite);
      if (source.kind === "file") await this.deps.disk.ensureFits(source.size);
      return this.leases.with([`${owner.id}:${to}`], async () => {
        if (replaced) await this.remove(owner, to);
        // Copied beside the target under a temporary name, then renamed: a half-done copy is never visible.
        const target = await this.diskPathOf(owner, to);
        const staging = `${this.deps.disk.tmpDir}/copy-${owner.id}-${this.deps.clock.now()}-${Math.random().toString(36).slice(2)}`;
        await cp(await this.diskPathOf(owner, source.path), staging, { recursive: true, verbatimSymlinks: true });
        await this.deps.disk.commit(staging, target);
        await this.deps.reconciler.indexSubtreeNow(owner, to);
        const row = await this.stat(owner, to);
        return { row, replaced: replaced !== null };
      });
    });
  }

  /** Moves an item to the Trash. */
  async remove(owner: Owner, rawPath: string): Promise<TrashRow> {
    return this.deps.gate.change(owner.id, async () => {
      const row = await this.stat(owner, rawPath);
      if (row.path === "/") throw new ConflictError("is_root", "The root folder cannot be deleted.");
      const size = row.kind === "file" ? row.size : await this.subtreeSize(owner, row.path);
      const item = await this.deps.trash.put(owner, row.path, row.kind, size, await this.diskPathOf(owner, row.path));
      // The versions go with the item: a new file at the same path starts afresh, a restore brings them back.
      await this.deps.repository.moveVersions(owner.id, row.path, VersionKeeper.trashKey(item.id, row.path));
      const removed = await this.deps.repository.removeSubtree(owner.id, row.path);
      for (const gone of removed) {
        this.deps.events.publish({ type: "deleted", userId: owner.id, path: gone.path, kind: gone.kind, fileId: gone.id });
      }
      return item;
    });
  }

  /** Puts a Trash item back where it was, or beside it under a new name if that place is taken. */
  async restore(owner: Owner, trashId: number): Promise<FileRow> {
    return this.deps.gate.change(owner.id, async () => {
      const item = await this.deps.trash.find(owner, trashId);
      const parent = parentOf(item.originalPath);
      if (!(await this.tryStat(owner, parent))) await this.createFolder(owner, parent, { parents: true });
      const path = await this.freePath(owner, item.originalPath);
      await this.deps.disk.commit(this.deps.trash.diskPath(owner, item.id), await this.diskPathOf(owner, path));
      await this.deps.trash.release(item.id);
      await this.deps.repository.moveVersions(owner.id, VersionKeeper.trashKey(item.id, item.originalPath), path);
      await this.deps.reconciler.indexSubtreeNow(owner, path);
      return this.stat(owner, path);
    });
  }

  /** Makes version `id` the current content again; the content it replaces becomes a version. */
  async restoreVersion(owner: Owner, versionId: number): Promise<FileRow> {
    const version = await this.deps.versions.find(owner, versionId);
    const source = chunksOf(() => Bun.file(this.deps.versions.diskPath(owner, version.id)).stream());
    const { row } = await this.write(owner, version.path, source, { overwrite: true, expectedBytes: version.size, alwaysKeepVersion: true });
    return row;
  }

  /** The entries of a folder for a zip download, named relative to the folder. */
  async zipEntries(owner: Owner, rawPath: string): Promise<{ folder: FileRow; entries: ZipEntry[] }> {
    const folder = await this.stat(owner, rawPath);
    if (folder.kind !== "folder") throw new ConflictError("not_a_folder", `${folder.path} is a file.`);
    const rows = (await this.deps.repository.all(owner.id)).filter((row) => row.path !== folder.path && isWithin(row.path, folder.path));
    rows.sort((a, b) => (a.path < b.path ? -1 : 1));
    const cut = folder.path === "/" ? 1 : folder.path.length + 1;
    const entries: ZipEntry[] = [];
    for (const row of rows) {
      const name = row.path.slice(cut) + (row.kind === "folder" ? "/" : "");
      const diskPath = row.kind === "file" ? await this.diskPathOf(owner, row.path) : null;
      entries.push({ name, diskPath, size: row.size, mtime: row.mtime });
    }
    return { folder, entries };
  }

  async diskPathOf(owner: Owner, path: string): Promise<string> {
    return this.deps.disk.resolve(this.deps.disk.filesRoot(owner.key), path);
  }

  private async checkWritable(owner: Owner, path: string, overwrite: boolean): Promise<FileRow | null> {
    const parent = await this.tryStat(owner, parentOf(path));
    if (!parent) throw new ConflictError("parent_missing", `The folder ${parentOf(path)} does not exist.`);
    if (parent.kind !== "folder") throw new ConflictError("not_a_folder", `${parent.path} is a file.`);
    const existing = await this.tryStat(owner, path);
    if (existing?.kind === "folder") throw new ConflictError("is_a_folder", `${path} is a folder.`);
    if (existing && !overwrite) throw new ConflictError("exists", `${path} already exists.`);
    return existing;
  }

  private async prepareTransfer(owner: Owner, rawFrom: string, rawTo: string, overwrite: boolean) {
    const source = await this.stat(owner, rawFrom);
    const to = normalizePath(rawTo);
    if (source.path === "/") throw new ConflictError("is_root", "The root folder cannot be moved or copied.");
    if (to === source.path) throw new ConflictError("same_place", "The source and the destination are the same.");
    if (isWithin(to, source.path)) throw new ConflictError("into_itself", "A folder cannot go inside itself.");
    const parent = await this.tryStat(owner, parentOf(to));
    if (!parent || parent.kind !== "folder") throw new ConflictError("parent_missing", `The folder ${parentOf(to)} does not exist.`);
    const replaced = await this.tryStat(owner, to);
    if (replaced && !overwrite) throw new ConflictError("exists", `${to} already exists.`);
    return { source, to, replaced };
  }

  private async freePath(owner: Owner, path: string): Promise<string> {
    if (!(await this.tryStat(owner, path))) return path;
    for (let attempt = 2; attempt < 1000; attempt++) {
      const candidate = joinPath(parentOf(path), alternativeName(nameOf(path), attempt));
      if (!(await this.tryStat(owner, candidate))) return candidate;
    }
    throw new ConflictError("exists", `${path} and its alternatives are taken.`);
  }

  private async subtreeSize(owner: Owner, path: string): Promise<number> {
    const rows = await this.deps.repository.all(owner.id);
    return rows.filter((row) => row.kind === "file" && isWithin(row.path, path)).reduce((sum, row) => sum + row.size, 0);
  }

  private index(owner: Owner, path: string, kind: "file" | "folder", facts: Pick<FileRow, "size" | "mtime" | "sha256" | "mime">) {
    return this.deps.repository.upsert({
      userId: owner.id,
      path,
      parentPath: parentOf(path),
      name: nameOf(path),
      kind,
      createdAt: this.deps.clock.now(),
      ...facts,
    });
  }

  /** The root has no index row; its dates are the folder's own on disk. */
  private rootRow(owner: Owner): FileRow {
    const mtime = this.deps.disk.entrySync(this.deps.disk.filesRoot(owner.key))?.mtime ?? 0;
    return { id: 0, userId: owner.id, path: "/", parentPath: "/", name: "", kind: "folder", size: 0, mtime, mime: "inode/directory", sha256: null, createdAt: mtime };
  }
}

