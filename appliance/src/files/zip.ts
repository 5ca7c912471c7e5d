// A folder downloaded as a zip, streamed as it is built: files are stored
// (not recompressed: photos and videos are compressed already, and a Pi's
// CPU is better spent elsewhere), read chunk by chunk only as fast as the
// client takes them, so memory stays flat whatever the folder's size.
import { open } from "node:fs/promises";
import { Zip, ZipPassThrough } from "fflate";
import { AppError } from "../shared/errors";

export interface ZipEntry {
  /** Name inside the archive, "/"-separated, folders ending with "/". */
  name: string;
  /** null for folders. */
  diskPath: string | null;
  size: number;
  mtime: number;
}

/** fflate writes classic zip (no Zip64): each member and the archive must stay under 4 GiB. */
const ZIP32_LIMIT = 0xffff_ffff;
const CHUNK = 256 * 1024;

export class ZipTooLargeError extends AppError {
  constructor(name: string) {
    super(422, "zip_too_large", `${name} is too large for a zip download (4 GiB at most); download it on its own.`);
  }
}

export function checkZippable(entries: ZipEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.size >= ZIP32_LIMIT) throw new ZipTooLargeError(entry.name);
    total += entry.size + 128 + entry.name.length * 2;
  }
  if (total >= ZIP32_LIMIT) throw new ZipTooLargeError("This folder");
}

export function zipStream(entries: ZipEntry[]): ReadableStream<Uint8Array> {
  checkZippable(entries);
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const zip = new Zip((error, chunk, final) => {
    if (error) return controller.error(error);
    controller.enqueue(chunk);
    if (final) controller.close();
  });
  let index = 0;
  let current: { member: ZipPassThrough; handle: Awaited<ReturnType<typeof open>> | null } | null = null;
  const buffer = new Uint8Array(CHUNK);

  async function step(): Promise<void> {
    if (!current) {
      const entry = entries[index++];
      if (!entry) return zip.end();
      const member = new ZipPassThrough(entry.name);
      member.mtime = new Date(entry.mtime);
      zip.add(member);
      if (!entry.diskPath) return member.push(new Uint8Array(), true);
      current = { member, handle: await open(entry.diskPath, "r") };
    }
    const { bytesRead } = await current.handle!.read(buffer, 0, CHUNK);
    if (bytesRead > 0) current.member.push(buffer.slice(0, bytesRead), false);
    if (bytesRead < CHUNK) {
      current.member.push(new Uint8Array(), true);
      await current.handle!.close();
      current = null;
    }
  }

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    pull: () => step(),
    async cancel() {
      await current?.handle?.close();
      zip.terminate();
    },
  }, { highWaterMark: 4 });
}
