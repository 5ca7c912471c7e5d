import { afterAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PipelinedFileWriter } from "../../appliance/src/files/file-writer";

const dir = mkdtempSync(join(tmpdir(), "cozy-writer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chunks of uneven sizes, as a socket hands them over. */
function chunksOf(bytes: Buffer): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = 1 + ((n * 7919) % 70_000);
    chunks.push(new Uint8Array(bytes.subarray(at, at + size)));
    at += size;
  }
  return chunks;
}

describe("PipelinedFileWriter", () => {
  test("many writes in flight still give the exact bytes, in order, with flushes along the way", async () => {
    const content = randomBytes(5 * 1024 * 1024 + 17);
    const path = join(dir, "whole.bin");
    const handle = await open(path, "w");
    const writer = new PipelinedFileWriter(handle, 0, { maxInFlight: 8, syncEveryBytes: 256 * 1024 });
    for (const chunk of chunksOf(content)) await writer.write(chunk);
    await writer.finish();
    await handle.close();
    expect(writer.written).toBe(content.length);
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  test("starting at an offset appends after the bytes already there (a resumed upload)", async () => {
    const path = join(dir, "resumed.bin");
    writeFileSync(path, "first part|");
    const handle = await open(path, "r+");
    const writer = new PipelinedFileWriter(handle, 11);
    await writer.write(new TextEncoder().encode("second part"));
    await writer.finish();
    await handle.close();
    expect(readFileSync(path, "utf8")).toBe("first part|second part");
  });

  test("a write the disk refuses is reported, not swallowed", async () => {
    const path = join(dir, "read-only.bin");
    writeFileSync(path, "");
    const handle = await open(path, "r");
    const writer = new PipelinedFileWriter(handle, 0, { maxInFlight: 1, syncEveryBytes: 1 << 30 });
    const attempt = (async () => {
      await writer.write(new Uint8Array(10));
      await writer.write(new Uint8Array(10));
      await writer.finish();
    })();
    await expect(attempt).rejects.toMatchObject({ code: "EBADF" });
    expect(writer.error).toBeTruthy();
    await handle.close();
  });
});
