// How the helper runs a system program: found on PATH (set by systemd's unit,
// never by the caller, who only writes one line to a socket), no shell, a
// minimal environment, a deadline, and secrets only ever on standard input.
import { HelperRefusal } from "./validate";

const DEFAULT_TIMEOUT_MS = 60_000;

export interface ProgramResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the program's standard input, then closed (passwords go here, never in argv). */
  stdin?: string;
  timeoutMs?: number;
}

/** Runs a program; a missing program is a refusal that names it, not a crash. */
export async function runProgram(program: string, args: readonly string[], options: RunOptions = {}): Promise<ProgramResult> {
  const path = Bun.which(program, { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin" });
  if (!path) throw new HelperRefusal("missing_program", `${program} is not installed.`);
  const child = Bun.spawn([path, ...args], {
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8" },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, stdout, stderr };
}

/** Runs a program that must succeed; its failure is reported with the first line of what it said. */
export async function mustRun(program: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await runProgram(program, args, options);
  if (result.exitCode !== 0) {
    const said = (result.stderr || result.stdout).trim().split("\n")[0]?.slice(0, 300) ?? "";
    throw new HelperRefusal("command_failed", `${program} failed (exit ${result.exitCode})${said ? `: ${said}` : ""}.`);
  }
  return result.stdout;
}
