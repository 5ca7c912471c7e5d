// How the media pipeline runs its external programs (ffprobe, ffmpeg,
// heif-convert, pdftoppm, pdftotext): without a shell, at low CPU and I/O
// priority (the jobs capability's nice/ionice prefix),
// with a deadline, killed when the job is aborted, and with stdout capped so a
// hostile file cannot make us buffer gigabytes of "text".
import { lowPriorityCommand } from "../jobs";

export interface ToolRun {
  command: string;
  args: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Stop reading (and kill the program) past this many bytes of stdout. */
  maxStdoutBytes?: number;
}

export interface ToolResult {
  exitCode: number | null;
  stdout: Uint8Array;
  stderr: string;
  /** The program was killed because it passed its deadline. */
  timedOut: boolean;
  /** stdout reached maxStdoutBytes and the program was stopped there. */
  truncated: boolean;
}

export type ToolRunner = (run: ToolRun) => Promise<ToolResult>;

/** The program is not installed: an installation problem, worth retrying once fixed. */
export class ToolMissingError extends Error {
  constructor(command: string) {
    super(`${command} is not installed on this box.`);
  }
}

const MAX_STDERR_BYTES = 8 * 1024;

/** Reads up to `max` bytes; with `drain`, keeps reading (and dropping) the rest so the program never blocks on a full pipe. */
async function readCapped(stream: ReadableStream<Uint8Array>, max: number, drain = false): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks, total), truncated: false };
      const room = max - total;
      chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
      total += Math.min(room, value.byteLength);
      if (total >= max && !drain) return { bytes: Buffer.concat(chunks, total), truncated: true };
    }
  } finally {
    reader.releaseLock();
  }
}

/** The real runner: spawns the program, enforces deadline, abort and the stdout cap. */
export const spawnTool: ToolRunner = async ({ command, args, timeoutMs, signal, maxStdoutBytes = 64 * 1024 * 1024 }) => {
  const path = Bun.which(command);
  if (!path) throw new ToolMissingError(command);
  signal?.throwIfAborted();
  const child = Bun.spawn(lowPriorityCommand([path, ...args]), { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let timedOut = false;
  const kill = () => child.kill("SIGKILL");
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs);
  signal?.addEventListener("abort", kill, { once: true });
  try {
    // Killed as soon as stdout is full: it would otherwise block on a full pipe until its deadline.
    const stdout = readCapped(child.stdout, maxStdoutBytes).then((read) => (read.truncated && kill(), read));
    const [out, err] = await Promise.all([stdout, readCapped(child.stderr, MAX_STDERR_BYTES, true)]);
    const exitCode = await child.exited;
    signal?.throwIfAborted();
    return { exitCode: out.truncated ? 0 : exitCode, stdout: out.bytes, stderr: new TextDecoder().decode(err.bytes), timedOut, truncated: out.truncated };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", kill);
  }
};
