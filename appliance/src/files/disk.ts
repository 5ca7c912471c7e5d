// The file system side of the Drive. Every write goes to a temporary file in
// <data>/tmp (the same file system), is hashed while it streams, flushed, and
// only then renamed into place: no reader ever sees half a file, and a power
// cut leaves either the old or the new content.
import { randomBytes } from "node:crypto";
import { constants, createReadStream, lstatSync } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, realpath, rename, rm, statfs, unlink } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import { AppError, PayloadTooLargeError } from "../shared/errors";
import { PipelinedFileWriter } from "./file-writer";
import { InvalidPathError, toDiskPath } from "./paths";

export class InsufficientStorageError extends AppError {
  constructor(neededBytes: number, freeBytes: number) {
    super(507, "insufficient_storage", `Not enough free space: ${neededBytes} bytes needed, ${freeBytes} free.`, { neededBytes, freeBytes });
  }
}

/** A full disk is the person's problem to solve (507 with the reason); anything else stays as it is. */
export function diskWriteError(error: unknown, bytesSoFar: number): unknown {
  return (error as NodeJS.ErrnoException)?.code === "ENOSPC" ? new InsufficientStorageError(bytesSoFar, 0) : error;
}

export interface WrittenFile {
  size: number;
  sha256: string;
  mtime: number;
}

export interface DiskEntry {
  name: string;
  kind: "file" | "folder";
  size: number;
  mtime: number;
}

const FREE_SPACE_CHECK_BYTES = 8 * 1024 * 1024;
/** What MIME sniffing reads (file-type's own need), and the size up to which a file is hashed in one read. */
const HEAD_BYTES = 4100;
const WHOLE_READ_BYTES = 1024 * 1024;

/** Space kept free for the database and the system, so uploads never fill the card to the last byte. */
const RESERVED_BYTES = 64 * 1024 * 1024;

export class Disk {
  readonly tmpDir: string;

  constructor(readonly dataDir: string) {
    this.tmpDir = join(dataDir, "tmp");
  }

  filesRoot(userKey: string): string {
    return join(this.dataDir, "files", userKey);
  }

  async prepare(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true, mode: 0o750 });
    // Left-overs of writes cut by a crash: never renamed into place, so never visible.
    for (const name of await readdir(this.tmpDir)) await rm(join(this.tmpDir, name), { recursive: true, force: true });
  }

  async freeBytes(): Promise<{ freeBytes: number; totalBytes: number }> {
    const stats = await statfs(this.dataDir);
    return { freeBytes: Math.max(0, stats.bavail * stats.bsize - RESERVED_BYTES), totalBytes: stats.blocks * stats.bsize };
  }

  async ensureFits(bytes: number): Promise<void> {
    const { freeBytes } = await this.freeBytes();
    if (bytes > freeBytes) throw new InsufficientStorageError(bytes, freeBytes);
  }

  /**
   * Resolves a person's path to disk, refusing any route through a symbolic
   * link (one planted over SMB or by hand must never lead outside the tree).
   */
  async resolve(root: string, path: string): Promise<string> {
    const target = toDiskPath(root, path);
    const realRoot = await realpath(root);
    // The nearest part of the path that exists must really be inside the root:
    // a folder replaced on disk by a link (and not yet seen by the watcher)
    // would otherwise let mkdir/rename write through it.
    let existing = dirname(target);
    while (existing !== root && existing.startsWith(root) && !(await lstat(existing).catch(() => null))) existing = dirname(existing);
    const real = await realpath(existing).catch(() => null);
    if (real === null || (real !== realRoot && !real.startsWith(realRoot + sep))) {
      throw new InvalidPathError("The path goes through a link that leaves your files.");
    }
    const info = await lstat(target).catch(() => null);
    if (info?.isSymbolicLink()) throw new InvalidPathError("Links on disk are not followed.");
    return target;
  }

  async entry(diskPath: string): Promise<DiskEntry | null> {
    return this.entrySync(diskPath);
  }

  /** lstat without following links; null for anything but a file or folder. */
  entrySync(diskPath: string): DiskEntry | null {
    const info = lstatSync(diskPath, { throwIfNoEntry: false });
    if (!info || !(info.isFile() || info.isDirectory())) return null;
    return {
      name: diskPath.slice(diskPath.lastIndexOf(sep) + 1),
      kind: info.isDirectory() ? "folder" : "file",
      size: info.isDirectory() ? 0 : info.size,
      mtime: Math.floor(info.mtimeMs),
    };
  }

  /** Streams `source` into a temporary file; the caller renames it into place with `commit`. */
  async receive(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ tmpPath: string } & WrittenFile> {
    const tmpPath = join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}.part`);
    const handle = await open(tmpPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o640);
    const hasher = new Bun.CryptoHasher("sha256");
    const writer = new PipelinedFileWriter(handle, 0, { path: tmpPath });
    let size = 0;
    let checkedAt = 0;
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
        // An upload of unknown size is checked against the reserve as it grows.
        if (size - checkedAt >= FREE_SPACE_CHECK_BYTES) {
          checkedAt = size;
          const { freeBytes } = await this.freeBytes();
          if (freeBytes <= 0) throw new InsufficientStorageError(size, 0);
        }
        hasher.update(chunk);
        await writer.write(chunk);
      }
      await writer.finish();
    } catch (error) {
      await writer.settle().catch(() => undefined);
      await handle.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw diskWriteError(error, size);
    }
    await handle.close();
    const info = await lstat(tmpPath);
    return { tmpPath, size, sha256: hasher.digest("hex"), mtime: Math.floor(info.mtimeMs) };
  }

  /** Renames into place and flushes the folder, so the new name survives a power cut. */
  async commit(fromPath: string, toPath: string): Promise<void> {
    await mkdir(dirname(toPath), { recursive: true });
    await rename(fromPath, toPath);
    await this.syncFolder(dirname(toPath));
  }

  async syncFolder(folder: string): Promise<void> {
    const handle = await open(folder, constants.O_RDONLY).catch(() => null);
    await handle?.sync().catch(() => undefined);
    await handle?.close();
  }

  async discard(tmpPath: string): Promise<void> {
    await unlink(tmpPath).catch(() => undefined);
  }

  readStream(diskPath: string, start?: number, end?: number) {
    return createReadStream(diskPath, { start, end });
  }

  async hashFile(diskPath: string): Promise<string> {
    const hasher = new Bun.CryptoHasher("sha256");
    for await (const chunk of createReadStream(diskPath)) hasher.update(chunk as Buffer);
    return hasher.digest("hex");
  }

  /**
   * The checksum and first bytes (for MIME sniffing) of a file. A small file
   * is read once, whole: opening a stream for each of 100,000 small files
   * cost more than hashing them.
   */
  async hashAndHead(diskPath: string, size: number): Promise<{ sha256: string; head: Uint8Array }> {
    if (size > WHOLE_READ_BYTES) {
      const [sha256, head] = await Promise.all([this.hashFile(diskPath), this.head(diskPath)]);
      return { sha256, head };
    }
    const bytes = await readFile(diskPath);
    return { sha256: new Bun.CryptoHasher("sha256").update(bytes).digest("hex"), head: bytes.subarray(0, HEAD_BYTES) };
  }

  /** The first bytes of a file, for MIME sniffing. */
  async head(diskPath: string, bytes = HEAD_BYTES): Promise<Uint8Array> {
    const handle = await open(diskPath, constants.O_RDONLY);
    try {
      const buffer = new Uint8Array(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
