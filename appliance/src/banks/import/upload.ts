// An uploaded statement goes to <data>/tmp while it streams (size-limited,
// hashed), then is kept under <data>/banks/imports until the import is
// committed, cancelled or expires: a preview and its commit read the same bytes.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { PayloadTooLargeError } from "../../shared/errors";
import { StatementTooLargeError } from "../parsers";

export interface StoredUpload {
  path: string;
  sizeBytes: number;
  sha256: string;
}

export class UploadStore {
  readonly tmpDir: string;
  readonly keepDir: string;

  constructor(dataDir: string) {
    this.tmpDir = join(dataDir, "tmp");
    this.keepDir = join(dataDir, "banks", "imports");
  }

  async receive(chunks: AsyncIterable<Uint8Array>, declaredBytes: number | null, maxBytes: number): Promise<StoredUpload> {
    if (declaredBytes !== null && declaredBytes > maxBytes) throw new StatementTooLargeError(declaredBytes, maxBytes);
    await mkdir(this.tmpDir, { recursive: true, mode: 0o750 });
    await mkdir(this.keepDir, { recursive: true, mode: 0o750 });
    const name = `bank-${Date.now()}-${randomBytes(8).toString("hex")}`;
    const tmpPath = join(this.tmpDir, `${name}.part`);
    const handle = await open(tmpPath, "wx", 0o640);
    const hasher = new Bun.CryptoHasher("sha256");
    let size = 0;
    try {
      for await (const chunk of chunks) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
        hasher.update(chunk);
        await handle.write(chunk);
      }
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
    const path = join(this.keepDir, name);
    await rename(tmpPath, path);
    return { path, sizeBytes: size, sha256: hasher.digest("hex") };
  }

  /** Kept files no import refers to (the service stopped between storing one and recording it), older than `olderThanMs`. */
  async removeStrays(referenced: ReadonlySet<string>, now: number, olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.keepDir).catch(() => [] as string[])) {
      const path = join(this.keepDir, name);
      if (referenced.has(path)) continue;
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > olderThanMs) {
        await this.discard(path);
        removed++;
      }
    }
    return removed;
  }

  async discard(path: string | null): Promise<void> {
    if (path) await unlink(path).catch(() => undefined);
  }
}
