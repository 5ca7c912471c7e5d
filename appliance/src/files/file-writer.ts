// Writes a stream of chunks into an open file as fast as the disk takes them.
//
// Why not `await handle.write(chunk)` per chunk: each write is a round trip
// to the thread pool, and the next chunk is not read from the socket until
// it returns, so the network and the disk take turns. Here a few positional
// writes stay in flight (each at its own offset, so their order does not
// matter) while the next chunk is read and hashed.
//
// Why a datasync every few dozen MB: the final fsync (needed so a power cut
// never leaves a renamed but empty file) otherwise waits for the whole file
// to reach the disk at the end. Flushing as it goes overlaps the disk with
// the network and keeps few dirty pages (memory) around on a small Pi.
//
// Past the first DIRECT_AFTER_BYTES, a file given its path is written with
// O_DIRECT (see direct-io.ts): small files keep the simple buffered path.
import type { FileHandle } from "node:fs/promises";
import { ALIGNMENT, DirectStage } from "./direct-io";

export interface FileWriterOptions {
  /** Writes handed to the thread pool and not yet done; bounds the memory held (chunks are ~64 KB). */
  maxInFlight: number;
  /** Start a background datasync each time this many more bytes were written. */
  syncEveryBytes: number;
  /** The file's path, to open it for direct writes once it grows large; without it every write is buffered. */
  path?: string;
  /** Bytes written (from this writer's start) before the rest goes direct. */
  directAfterBytes: number;
}

const DEFAULTS: FileWriterOptions = { maxInFlight: 16, syncEveryBytes: 64 * 1024 * 1024, directAfterBytes: 8 * 1024 * 1024 };

// Why collect by hand: every chunk of a request body is a fresh buffer, and
// JavaScriptCore reclaims that garbage lazily, so a 4 GiB upload held about
// 90 MB of dead buffers (measured in `make bench`). A full collection (~20 ms)
// after every COLLECT_EVERY_BYTES received, counted across all uploads at
// once, brought that to about 46 MB for a few % of the throughput.
const COLLECT_EVERY_BYTES = 64 * 1024 * 1024;
let receivedSinceCollect = 0;

function collectGarbageNowAndThen(bytes: number): void {
  receivedSinceCollect += bytes;
  if (receivedSinceCollect < COLLECT_EVERY_BYTES) return;
  receivedSinceCollect = 0;
  Bun.gc(true);
}

export class PipelinedFileWriter {
  private readonly inFlight: Promise<void>[] = [];
  private syncing: Promise<void> | null = null;
  private syncedAt: number;
  private failure: unknown = null;
  private position: number;
  private readonly options: FileWriterOptions;
  private readonly directFrom: number;
  private direct: DirectStage | null = null;
  private directTried = false;
  private usedDirect = false;

  /** `handle` must not be opened with O_APPEND: writes land at explicit offsets. */
  constructor(
    private readonly handle: FileHandle,
    startAt = 0,
    options: Partial<FileWriterOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.position = startAt;
    this.syncedAt = startAt;
    this.directFrom = startAt + this.options.directAfterBytes;
  }

  /** The first write or flush that failed (ENOSPC, EIO), if any: what follows its offset is not trustworthy. */
  get error(): unknown {
    return this.failure;
  }

  /** Whether the bulk of the file went to the disk with O_DIRECT. */
  get wentDirect(): boolean {
    return this.usedDirect;
  }

  /** Bytes handed to the disk so far (the offset of the next chunk). */
  get written(): number {
    return this.position;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.throwIfFailed();
    if (!this.direct && !this.directTried && this.position + chunk.byteLength >= this.directFrom) {
      chunk = await this.switchToDirect(chunk);
    }
    if (this.direct) {
      await this.direct.write(chunk);
      this.position += chunk.byteLength;
      collectGarbageNowAndThen(chunk.byteLength);
      return this.throwIfFailed();
    }
    await this.writeBuffered(chunk);
  }

  private async writeBuffered(chunk: Uint8Array): Promise<void> {
    if (chunk.byteLength === 0) return;
    const pending = this.handle.write(chunk, 0, chunk.byteLength, this.position).then(
      () => undefined,
      (error: unknown) => void (this.failure ??= error),
    );
    this.position += chunk.byteLength;
    collectGarbageNowAndThen(chunk.byteLength);
    this.inFlight.push(pending);
    if (this.inFlight.length >= this.options.maxInFlight) await this.inFlight.shift();
    this.throwIfFailed();
    if (this.position - this.syncedAt >= this.options.syncEveryBytes && !this.syncing) this.startSync();
  }

  /** Waits for every write, then flushes data and size: the file is on the disk when this returns. */
  async finish(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
    await this.handle.sync();
  }

  /** Writes out what is staged and waits for every write, without flushing (the caller discards or keeps what arrived). */
  async settle(): Promise<void> {
    const direct = this.direct;
    this.direct = null;
    await direct?.drain();
    await Promise.all(this.inFlight.splice(0));
    await this.syncing;
  }

  /**
   * Writes the part of `chunk` up to the next aligned offset buffered, opens
   * the direct stage there, and returns the rest of the chunk for it. Where
   * direct I/O is refused, everything stays buffered.
   */
  private async switchToDirect(chunk: Uint8Array): Promise<Uint8Array> {
    this.directTried = true;
    if (!this.options.path) return chunk;
    const alignedAt = Math.ceil(this.position / ALIGNMENT) * ALIGNMENT;
    const head = Math.min(alignedAt - this.position, chunk.byteLength);
    await this.writeBuffered(chunk.subarray(0, head));
    const onError = (error: unknown) => void (this.failure ??= error);
    this.direct = await DirectStage.open(this.options.path, this.handle, alignedAt, onError);
    this.usedDirect = this.direct !== null;
    return chunk.subarray(head);
  }

  private startSync(): void {
    this.syncedAt = this.position;
    this.syncing = this.handle
      .datasync()
      .catch((error: unknown) => void (this.failure ??= error))
      .finally(() => (this.syncing = null));
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
