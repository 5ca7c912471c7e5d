// The outside world as services see it. Only main.ts picks the concrete
// implementations, so tests can hand services a fake clock or command runner.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunner {
  /** Runs a program without a shell. Resolves null when the program does not exist. */
  run(command: string, args: readonly string[], timeoutMs?: number): Promise<ExecResult | null>;
}

export const processRunner: CommandRunner = {
  async run(command, args, timeoutMs = 5000) {
    const path = Bun.which(command);
    if (!path) return null;
    const child = Bun.spawn([path, ...args], { stdout: "pipe", stderr: "pipe", stdin: "ignore", timeout: timeoutMs });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { exitCode, stdout, stderr };
  },
};

export interface FileReader {
  /** Reads a text file; null when it does not exist or cannot be read. */
  readText(path: string): Promise<string | null>;
}

export const diskReader: FileReader = {
  async readText(path) {
    try {
      return await Bun.file(path).text();
    } catch {
      return null;
    }
  },
};
