// The runner of the pipeline's external programs: a deadline, an abort, a cap
// on what a program may print, with real processes.
import { describe, expect, test } from "bun:test";
import { spawnTool, ToolMissingError } from "../../appliance/src/media";

const alive = (pid: string) => Bun.spawnSync(["pgrep", "-f", pid]).stdout.toString().trim() !== "";

describe("spawnTool", () => {
  test("returns the exit code and output of a program", async () => {
    const result = await spawnTool({ command: "sh", args: ["-c", "printf hello; echo oops >&2; exit 3"], timeoutMs: 10_000 });
    expect(result.exitCode).toBe(3);
    expect(new TextDecoder().decode(result.stdout)).toBe("hello");
    expect(result.stderr.trim()).toBe("oops");
    expect(result.timedOut).toBe(false);
  });

  test("kills a program past its deadline and says so", async () => {
    const result = await spawnTool({ command: "sleep", args: ["31.5"], timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(alive("sleep 31.5")).toBe(false);
  });

  test("stops reading at the cap and stops the program (no gigabytes of 'text')", async () => {
    const result = await spawnTool({ command: "yes", args: ["endless text"], timeoutMs: 30_000, maxStdoutBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.stdout.byteLength).toBe(1000);
    expect(result.timedOut).toBe(false);
  });

  test("an aborted job kills its program", async () => {
    const controller = new AbortController();
    const running = spawnTool({ command: "sleep", args: ["32.5"], timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(running).rejects.toThrow();
    await running.catch(() => undefined);
    expect(alive("sleep 32.5")).toBe(false);
  });

  test("a program that is not installed is a clear error", async () => {
    expect(spawnTool({ command: "no-such-tool-here", args: [], timeoutMs: 1000 })).rejects.toBeInstanceOf(ToolMissingError);
  });
});
