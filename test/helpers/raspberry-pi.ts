// What only a Raspberry Pi has: its device-tree model file and `vcgencmd`.
// Tests hand these to createSystemProbe / startTestAppliance to play a Pi.
import type { CommandRunner, ExecResult, FileReader } from "../../appliance/src/shared/ports";

export const PI4_MODEL = "Raspberry Pi 4 Model B Rev 1.4";

/** A FileReader that knows only the given files (others do not exist). */
export function fakeFiles(files: Record<string, string>): FileReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readText(path) {
      reads.push(path);
      return files[path] ?? null;
    },
  };
}

/** A Pi 4: the device tree names it (NUL-terminated, as the kernel writes it) and the SoC is at 48.3 °C. */
export function piFiles(model = PI4_MODEL) {
  return fakeFiles({
    "/proc/device-tree/model": `${model}\0`,
    "/sys/class/thermal/thermal_zone0/temp": "48312\n",
  });
}

/** A runner where only `vcgencmd get_throttled` exists and prints the given value. */
export function vcgencmdRunner(throttledHex: string, exitCode = 0): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async run(command, args): Promise<ExecResult | null> {
      calls.push([command, ...args]);
      if (command !== "vcgencmd") return null;
      if (args.join(" ") !== "get_throttled") return { exitCode: 1, stdout: "", stderr: "unknown command" };
      return { exitCode, stdout: `throttled=${throttledHex}\n`, stderr: "" };
    },
  };
}

/** A machine that is not a Pi: no device-tree model, no vcgencmd. */
export const noPiFiles = (): FileReader => fakeFiles({});
export const noPrograms: CommandRunner = { run: async () => null };
