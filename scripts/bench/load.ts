// Requests per second at a fixed number of concurrent connections, with wrk
// (Debian's load generator) when installed, else a bounded loop of our own.

export interface LoadResult {
  requestsPerSecond: number;
  tool: "wrk" | "fetch-loop";
  errors: number;
}

async function withWrk(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  const child = Bun.spawn(["wrk", "-t2", `-c${connections}`, `-d${seconds}s`, ...headerArgs, url], { stdout: "pipe", stderr: "pipe" });
  const output = await new Response(child.stdout).text();
  await child.exited;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  if (!Number.isFinite(rps)) throw new Error(`wrk printed no figure:\n${output}`);
  return { requestsPerSecond: Math.round(rps), tool: "wrk", errors };
}

async function withFetchLoop(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const response = await fetch(url, { headers }).catch(() => null);
      if (!response?.ok) errors += 1;
      await response?.arrayBuffer();
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return { requestsPerSecond: Math.round(done / ((performance.now() - started) / 1000)), tool: "fetch-loop", errors };
}

export function measureLoad(url: string, connections: number, seconds: number, headers: Record<string, string> = {}) {
  return Bun.which("wrk") ? withWrk(url, connections, seconds, headers) : withFetchLoop(url, connections, seconds, headers);
}
