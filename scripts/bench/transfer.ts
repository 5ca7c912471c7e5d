// One transfer with curl (Debian's), the same client for the appliance and
// its anchor: bytes per second as curl measured them.
export interface CurlResult {
  bytesPerSecond: number;
  status: number;
}

export async function curl(args: string[]): Promise<CurlResult> {
  const child = Bun.spawn(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{speed_download} %{speed_upload}", ...args], {
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`curl failed (${code}): ${await new Response(child.stderr).text()}`);
  const [status = "0", down = "0", up = "0"] = out.trim().split(" ");
  return { status: Number(status), bytesPerSecond: Math.max(Number(down), Number(up)) };
}

export const MB = 1024 * 1024;

/** Writes `bytes` of random data to `path` (real data: a sparse file would flatter both sides). */
export async function makeFile(path: string, bytes: number): Promise<void> {
  const child = Bun.spawn(["sh", "-c", `head -c ${bytes} /dev/urandom > '${path}'`]);
  if ((await child.exited) !== 0) throw new Error(`could not write ${path}`);
}
