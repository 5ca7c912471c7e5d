// Where a statement's bytes come from: memory, or a file read a piece at a
// time, so a 50 MB CAMT message on disk is never all in memory at once.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export interface ByteSource {
  readonly size: number;
  /** The first bytes (fewer when the source is shorter). */
  head(length: number): Uint8Array;
  /** The bytes in order, in pieces of at most pieceBytes (a piece may be reused once the next is asked for). */
  pieces(pieceBytes: number): Generator<Uint8Array, void, undefined>;
  /** Every byte at once: for formats read whole, and for naming where an error is. */
  all(): Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    head: (length) => bytes.subarray(0, length),
    *pieces(pieceBytes) {
      for (let offset = 0; offset < bytes.byteLength; offset += pieceBytes) yield bytes.subarray(offset, offset + pieceBytes);
    },
    all: () => bytes,
  };
}

/** A file read with plain synchronous reads (the parsers are synchronous generators). */
export function fileSource(path: string): ByteSource {
  const size = withFile(path, (fd) => fstatSync(fd).size);
  return {
    size,
    head: (length) => withFile(path, (fd) => readAt(fd, new Uint8Array(Math.min(length, size)), 0)),
    *pieces(pieceBytes) {
      const fd = openSync(path, "r");
      try {
        const buffer = new Uint8Array(pieceBytes);
        for (let offset = 0; ; ) {
          const piece = readAt(fd, buffer, offset);
          if (piece.byteLength === 0) return;
          offset += piece.byteLength;
          yield piece;
        }
      } finally {
        closeSync(fd);
      }
    },
    all: () => withFile(path, (fd) => readAt(fd, new Uint8Array(size), 0)),
  };
}

function withFile<T>(path: string, work: (fd: number) => T): T {
  const fd = openSync(path, "r");
  try {
    return work(fd);
  } finally {
    closeSync(fd);
  }
}

/** Fills the buffer from the offset as far as the file goes; returns the part filled. */
function readAt(fd: number, buffer: Uint8Array, offset: number): Uint8Array {
  let filled = 0;
  while (filled < buffer.byteLength) {
    const read = readSync(fd, buffer, filled, buffer.byteLength - filled, offset + filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}
