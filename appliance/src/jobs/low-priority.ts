// Background work must never make the UI sluggish. In-process work cannot be
// deprioritised without also slowing the HTTP server (os.setPriority acts on
// the whole process), so the heavy lifting that runs as external tools
// (ffmpeg, pdftotext, heif-convert...) is started through nice and ionice.

const NICE_ARGS = ["-n", "10"];
/** Idle I/O class: the tool reads and writes only when nobody else needs the disk (an SD card is slow enough already). */
const IONICE_ARGS = ["-c3"];

let prefix: string[] | null = null;

function detectPrefix(): string[] {
  const parts: string[] = [];
  const nice = Bun.which("nice");
  if (nice) parts.push(nice, ...NICE_ARGS);
  const ionice = Bun.which("ionice");
  // ionice refuses to run the program at all where the kernel or a container
  // forbids the class (it exits with an error): try it once before relying on it.
  if (ionice && Bun.spawnSync([ionice, ...IONICE_ARGS, "true"], { stdout: "ignore", stderr: "ignore" }).exitCode === 0) {
    parts.push(ionice, ...IONICE_ARGS);
  }
  return parts;
}

/**
 * The argv to spawn so that `argv` runs at low CPU and I/O priority:
 * `["nice", "-n", "10", "ionice", "-c3", ...argv]` where those tools exist,
 * else argv unchanged. Pass the result to Bun.spawn.
 */
export function lowPriorityCommand(argv: readonly string[]): string[] {
  prefix ??= detectPrefix();
  return [...prefix, ...argv];
}
