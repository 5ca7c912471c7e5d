// Resumable uploads, tus 1.0 (core, creation, termination, expiration), so a
// large upload cut by a network drop or a closed laptop resumes where it
// stopped, and any tus client (tus-js-client in the web UI) works.
//
// Each upload is two files under <data>/uploads/: <id>.json (what and where)
// and <id>.part (the bytes so far, flushed after every PATCH). The part file's
// length is the offset; the state survives restarts without a database row.
// The folder is on the data volume, so the finished file is renamed into place.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError, ConflictError, NotFoundError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import { diskWriteError } from "./disk";
import { PipelinedFileWriter } from "./file-writer";
import type { Owner } from "./files.model";
import type { FilesService } from "./files.service";
import type { FileRow } from "./files.schema";

export interface UploadInfo {
  id: string;
  userId: number;
  path: string;
  length: number;
  overwrite: boolean;
  createdAt: number;
  expiresAt: number;
}

export class OffsetMismatchError extends AppError {
  constructor(expected: number) {
    super(409, "offset_mismatch", `The upload continues at byte ${expected}.`, { offset: expected });
  }
}

const EXPIRY_MS = 24 * 3_600_000;

export class TusUploads {
  private readonly dir: string;
  private readonly busy = new Set<string>();

  constructor(
    dataDir: string,
    private readonly files: FilesService,
    private readonly clock: Clock,
  ) {
    this.dir = join(dataDir, "uploads");
  }

  async create(owner: Owner, path: string, length: number, overwrite: boolean): Promise<UploadInfo> {
    const checked = await this.files.checkUploadTarget(owner, path, overwrite, length);
    await mkdir(this.dir, { recursive: true, mode: 0o750 });
    const now = this.clock.now();
    const info: UploadInfo = { id: randomBytes(16).toString("hex"), userId: owner.id, path: checked, length, overwrite, createdAt: now, expiresAt: now + EXPIRY_MS };
    await writeFile(this.partPath(info.id), new Uint8Array(), { flag: "wx", mode: 0o640 });
    await writeFile(this.infoPath(info.id), JSON.stringify(info), { mode: 0o640 });
    return info;
  }

  async status(owner: Owner, id: string): Promise<{ info: UploadInfo; offset: number }> {
    const info = await this.load(owner, id);
    return { info, offset: (await stat(this.partPath(id))).size };
  }

  /** Appends a chunk at `offset`; finishes the upload when the last byte arrives. */
  async append(owner: Owner, id: string, offset: number, chunks: AsyncIterable<Uint8Array>): Promise<{ offset: number; file: FileRow | null }> {
    if (this.busy.has(id)) throw new ConflictError("upload_busy", "This upload is already receiving data.");
    this.busy.add(id);
    try {
      const { info, offset: current } = await this.status(owner, id);
      if (offset !== current) throw new OffsetMismatchError(current);
      const written = await this.writeAt(id, current, info.length, chunks);
      if (written < info.length) return { offset: written, file: null };
      const { row } = await this.files.adopt(owner, info.path, this.partPath(id), { overwrite: info.overwrite });
      await rm(this.infoPath(id), { force: true });
      return { offset: written, file: row };
    } finally {
      this.busy.delete(id);
    }
  }

  async terminate(owner: Owner, id: string): Promise<void> {
    await this.load(owner, id);
    await this.discard(id);
  }

  /** Deletes uploads past their expiry (and orphaned parts). */
  async purgeExpired(): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let purged = 0;
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const id = name.slice(0, -5);
      const info = await this.read(id);
      if (!info || info.expiresAt <= this.clock.now()) {
        await this.discard(id);
        purged += 1;
      }
    }
    return purged;
  }

  private async writeAt(id: string, offset: number, length: number, chunks: AsyncIterable<Uint8Array>): Promise<number> {
    const path = this.partPath(id);
    const handle = await open(path, constants.O_WRONLY);
    const writer = new PipelinedFileWriter(handle, offset, { path });
    try {
      for await (const chunk of chunks) {
        if (writer.written + chunk.byteLength > length) throw new ConflictError("too_long", "More bytes than the declared Upload-Length.");
        await writer.write(chunk);
      }
    } catch (error) {
      // A cut connection is what this protocol is for: keep what arrived and let the client resume.
      if (error instanceof AppError) throw error;
    } finally {
      // Whatever arrived before a cut is kept and flushed: the client resumes from there.
      await writer.settle().catch(() => undefined);
      // After a failed write the bytes past `offset` may have a hole: drop them, the client resends.
      if (writer.error) await handle.truncate(offset).catch(() => undefined);
      await handle.sync().catch(() => undefined);
      await handle.close();
    }
    if (writer.error) throw diskWriteError(writer.error, writer.written);
    return writer.written;
  }

  private async load(owner: Owner, id: string): Promise<UploadInfo> {
    const info = /^[0-9a-f]{32}$/.test(id) ? await this.read(id) : null;
    if (!info || info.userId !== owner.id || info.expiresAt <= this.clock.now()) throw new NotFoundError("No such upload.");
    return info;
  }

  private async read(id: string): Promise<UploadInfo | null> {
    try {
      return JSON.parse(await readFile(this.infoPath(id), "utf8")) as UploadInfo;
    } catch {
      return null;
    }
  }

  private async discard(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
    await rm(this.infoPath(id), { force: true });
  }

  private infoPath(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private partPath(id: string): string {
    return join(this.dir, `${id}.part`);
  }
}
