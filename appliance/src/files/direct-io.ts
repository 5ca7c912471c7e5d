// Direct I/O for the bulk of a large upload: the bytes go from our buffer to
// the disk without being copied into the page cache first.
//
// Why: measured in `make bench`, copying a 1 GiB upload into the page cache
// cost about 2.5 s of CPU (the kernel's copy into freshly allocated cache
// pages), more than the SHA-256 and the HTTP parsing together; with O_DIRECT
// the same gigabyte costs about 0.2 s. The upload is flushed before it is
// renamed into place anyway (DESIGN decision 1), so the cache copy bought
// nothing but CPU time and evicted the pages photos and the database need.
//
// The rules of O_DIRECT: the buffer's address, the file offset and the length
// must all be multiples of the device's block size (ALIGNMENT covers every
// disk and SD card). So chunks are gathered into aligned staging buffers, and
// the unaligned head and tail of a file go through the ordinary descriptor.
import { ptr } from "bun:ffi";
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

export const ALIGNMENT = 4096;
/** Size of one staging buffer: one write to the disk. */
export const STAGE_BYTES = 2 * 1024 * 1024;
/** Buffers per upload: one filling while the others are on their way to the disk. */
export const STAGES_PER_WRITER = 3;
/** At most this many staging buffers exist at once (24 MB); a busy box falls back to buffered writes. */
const MAX_STAGES = 12;

/** Idle buffers are kept for the next upload a while, then given back to the system (a Pi has little memory). */
const KEEP_IDLE_MS = 30_000;
const idleStages: Uint8Array[] = [];
let stagesInUse = 0;
let dropIdle: ReturnType<typeof setTimeout> | null = null;

function allocateAligned(bytes: number): Uint8Array {
  const raw = new Uint8Array(bytes + ALIGNMENT);
  const offset = (ALIGNMENT - (Number(ptr(raw)) % ALIGNMENT)) % ALIGNMENT;
  return raw.subarray(offset, offset + bytes);
}

/** Lends `count` aligned buffers, or null when the box already lends its maximum. */
function borrowStages(count: number): Uint8Array[] | null {
  if (stagesInUse + count > MAX_STAGES) return null;
  stagesInUse += count;
  return Array.from({ length: count }, () => idleStages.pop() ?? allocateAligned(STAGE_BYTES));
}

function returnStages(stages: Uint8Array[]): void {
  stagesInUse -= stages.length;
  idleStages.push(...stages);
  if (dropIdle) clearTimeout(dropIdle);
  dropIdle = setTimeout(() => {
    if (stagesInUse === 0) idleStages.length = 0;
  }, KEEP_IDLE_MS);
  dropIdle.unref?.();
}

/** Staging buffers currently lent out (for tests: every writer gives its own back). */
export function stagesLent(): number {
  return stagesInUse;
}

/** Staging buffers kept idle for the next upload (for tests). */
export function stagesIdle(): number {
  return idleStages.length;
}

/**
 * Writes a run of chunks at an aligned offset with O_DIRECT, a few staging
 * buffers in flight. Bytes that do not fill a whole block at the end go
 * through `buffered` (the ordinary descriptor of the same file).
 */
export class DirectStage {
  private readonly inFlight: (Promise<void> | null)[];
  private current = 0;
  private filled = 0;
  /** Set when the file system took the descriptor but refuses its writes (alignment): the rest goes buffered. */
  private refused = false;

  private constructor(
    private readonly direct: FileHandle,
    private readonly buffered: FileHandle,
    private readonly stages: Uint8Array[],
    /** File offset of the first byte of the buffer being filled. */
    private offset: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.inFlight = stages.map(() => null);
  }

  /** Opens `path` for direct writes from `offset` (a multiple of ALIGNMENT); null where the file system or the box's memory says no. */
  static async open(path: string, buffered: FileHandle, offset: number, onError: (error: unknown) => void): Promise<DirectStage | null> {
    if (offset % ALIGNMENT !== 0) throw new Error("direct writes start at an aligned offset");
    const stages = borrowStages(STAGES_PER_WRITER);
    if (!stages) return null;
    const direct = await open(path, constants.O_WRONLY | constants.O_DIRECT).catch(() => null);
    if (!direct) {
      returnStages(stages);
      return null;
    }
    return new DirectStage(direct, buffered, stages, offset, onError);
  }

  async write(chunk: Uint8Array): Promise<void> {
    let rest = chunk;
    while (rest.byteLength > 0) {
      if (this.filled === 0) await this.inFlight[this.current];
      const stage = this.stages[this.current]!;
      const taken = Math.min(rest.byteLength, STAGE_BYTES - this.filled);
      stage.set(rest.subarray(0, taken), this.filled);
      this.filled += taken;
      rest = rest.subarray(taken);
      if (this.filled === STAGE_BYTES) this.submitCurrent(STAGE_BYTES);
    }
  }

  /** Writes what is staged (whole blocks directly, the last partial block buffered), waits for every write, and gives the buffers back. */
  async drain(): Promise<void> {
    const blocks = this.filled - (this.filled % ALIGNMENT);
    const tail = this.stages[this.current]!.slice(blocks, this.filled);
    const tailOffset = this.offset + blocks;
    if (blocks > 0) this.submitCurrent(blocks);
    if (tail.byteLength > 0) {
      await this.buffered.write(tail, 0, tail.byteLength, tailOffset).catch(this.onError);
    }
    await Promise.all(this.inFlight);
    await this.direct.close().catch(this.onError);
    returnStages(this.stages);
  }

  private submitCurrent(bytes: number): void {
    const stage = this.stages[this.current]!;
    const offset = this.offset;
    const buffered = () => this.buffered.write(stage, 0, bytes, offset);
    const written = this.refused ? buffered() : this.direct.write(stage, 0, bytes, offset).catch((error: { code?: string }) => {
      if (error?.code !== "EINVAL") throw error;
      this.refused = true;
      return buffered();
    });
    this.inFlight[this.current] = written.then(() => undefined, this.onError);
    this.offset += bytes;
    this.filled = 0;
    this.current = (this.current + 1) % this.stages.length;
  }
}
