import { afterAll, describe, expect, jest, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stagesIdle, stagesLent } from "../../appliance/src/files/direct-io";
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

/** Whether this folder's file system takes O_DIRECT (tmpfs before Linux 6.6 does not). */
async function directIOWorksIn(folder: string): Promise<boolean> {
  const probe = join(folder, "probe");
  writeFileSync(probe, "");
  const handle = await open(probe, constants.O_WRONLY | constants.O_DIRECT).catch(() => null);
  await handle?.close();
  return handle !== null;
}

async function writeAll(path: string, content: Buffer, startAt = 0, options = {}) {
  const handle = await open(path, startAt ? "r+" : "w");
  const writer = new PipelinedFileWriter(handle, startAt, { path, directAfterBytes: 64 * 1024, ...options });
  for (const chunk of chunksOf(content)) await writer.write(chunk);
  await writer.finish();
  await handle.close();
  return writer;
}

describe("PipelinedFileWriter past the direct I/O threshold", () => {
  test("a large file of an odd size is written exactly, its bulk with O_DIRECT where the disk allows it", async () => {
    const content = randomBytes(13 * 1024 * 1024 + 4321);
    const path = join(dir, "large.bin");
    const writer = await writeAll(path, content);
    expect(readFileSync(path).equals(content)).toBe(true);
    expect(writer.wentDirect).toBe(await directIOWorksIn(dir));
    expect(stagesLent()).toBe(0);
  });

  test("a resumed upload starting at an unaligned offset continues exactly after the bytes already there", async () => {
    const first = randomBytes(4096 * 3 + 5);
    const rest = randomBytes(9 * 1024 * 1024 + 77);
    const path = join(dir, "resumed-large.bin");
    writeFileSync(path, first);
    await writeAll(path, rest, first.length);
    expect(readFileSync(path).equals(Buffer.concat([first, rest]))).toBe(true);
  });

  test("settling after a cut keeps every byte that arrived, staged ones included", async () => {
    const arrived = randomBytes(6 * 1024 * 1024 + 999);
    const path = join(dir, "cut.bin");
    const handle = await open(path, "w");
    const writer = new PipelinedFileWriter(handle, 0, { path, directAfterBytes: 1024 * 1024 });
    for (const chunk of chunksOf(arrived)) await writer.write(chunk);
    await writer.settle();
    await handle.close();
    expect(writer.written).toBe(arrived.length);
    expect(readFileSync(path).equals(arrived)).toBe(true);
    expect(stagesLent()).toBe(0);
  });

  test("many large uploads at once: those past the box's staging memory stay buffered, all exact", async () => {
    const contents = Array.from({ length: 7 }, (_, n) => randomBytes(6 * 1024 * 1024 + n));
    const writers = await Promise.all(contents.map((content, n) => writeAll(join(dir, `many-${n}.bin`), content)));
    contents.forEach((content, n) => expect(readFileSync(join(dir, `many-${n}.bin`)).equals(content)).toBe(true));
    if (await directIOWorksIn(dir)) expect(writers.filter((w) => w.wentDirect).length).toBeLessThan(contents.length);
    expect(stagesLent()).toBe(0);
  });

  test("the staging buffers kept for the next upload go back to the system after half a minute idle", async () => {
    jest.useFakeTimers();
    try {
      const path = join(dir, "then-idle.bin");
      const writer = await writeAll(path, randomBytes(9 * 1024 * 1024));
      if (!writer.wentDirect) return; // this file system takes no O_DIRECT: no buffers were lent
      expect(stagesIdle()).toBeGreaterThan(0);
      jest.advanceTimersByTime(29_000);
      expect(stagesIdle()).toBeGreaterThan(0);
      jest.advanceTimersByTime(2_000);
      expect(stagesIdle()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
