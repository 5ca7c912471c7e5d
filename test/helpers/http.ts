// Small HTTP helpers for integration tests: raw requests that a browser or
// fetch would normalise, and bounded-concurrency loops.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one HTTP/1.1 request exactly as written (no URL normalisation) and reads the answer. */
export function rawRequest(port: number, requestLine: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const lines = [requestLine, "Host: localhost", "Connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...headerLines] = text.slice(0, split).split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers: parsed, body: text.slice(split + 4) });
    });
  });
}

/** Runs `task` for 0..count-1 with at most `limit` in flight; results in order. */
export async function runPool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

export interface ErrorShape {
  error: { code: string; message: string; [extra: string]: unknown };
}

/** Reads an error answer and checks its shape: {error:{code,message}}. */
export async function errorOf(response: Response): Promise<ErrorShape["error"]> {
  const body = (await response.json()) as ErrorShape;
  if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string") {
    throw new Error(`not an error answer: ${JSON.stringify(body)}`);
  }
  return body.error;
}

/**
 * One kept-alive HTTP/1.1 connection, driven by hand: write bytes, read whole
 * answers (Content-Length bodies) one after the other. Resolves null when the
 * server closes the connection instead of answering.
 */
export async function openConnection(port: number) {
  const { Socket } = await import("node:net");
  const socket = new Socket();
  let buffer = Buffer.alloc(0);
  let closed = false;
  let wake: (() => void) | null = null;
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  socket.on("close", () => {
    closed = true;
    wake?.();
  });
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => socket.connect(port, "127.0.0.1", resolve));

  const tryParse = (): RawResponse | null => {
    const end = buffer.indexOf("\r\n\r\n");
    if (end === -1) return null;
    const [statusLine = "", ...headerLines] = buffer.subarray(0, end).toString("latin1").split("\r\n");
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers["content-length"] ?? "0");
    if (buffer.length < end + 4 + length) return null;
    const body = buffer.subarray(end + 4, end + 4 + length).toString("utf8");
    buffer = buffer.subarray(end + 4 + length);
    return { status: Number(statusLine.split(" ")[1]), headers, body };
  };

  return {
    write: (data: string | Uint8Array) => new Promise<void>((resolve) => socket.write(data, () => resolve())),
    async read(timeoutMs = 5_000): Promise<RawResponse | null> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const parsed = tryParse();
        if (parsed) return parsed;
        if (closed || Date.now() > deadline) return null;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => socket.destroy(),
  };
}
