// JSON bodies with a per-route size limit. Bun caps every body at
// MAX_REQUEST_BODY_BYTES; each JSON route then declares its own, much smaller,
// limit through `parse: jsonBody(bytes)`, read as a stream so a body without
// Content-Length cannot exceed it either.
import { PayloadTooLargeError, UnsupportedMediaTypeError, BadRequestError } from "../errors";

/** The hard cap for any request body, enforced by Bun before routing. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
/** Default limit checked from Content-Length for routes that declare none. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(request)) {
    size += chunk.byteLength;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function jsonBody(limitBytes: number) {
  return async ({ request }: { request: Request }): Promise<unknown> => {
    const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") throw new UnsupportedMediaTypeError("application/json");
    const bytes = await readLimited(request, limitBytes);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new BadRequestError("malformed_body", "The request body is not valid UTF-8.");
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new BadRequestError("malformed_body", "The request body is not valid JSON.");
    }
  };
}

/**
 * The chunks of a request body (or any stream), read through a reader.
 *
 * Give it the Request, not `request.body`: in Bun 1.3, a small body that
 * arrived whole with the headers cannot be read any more once its stream
 * object was taken and the request then awaited something else (reading
 * fails with "undefined is not a function"). The stream is therefore only
 * taken here, when the first chunk is wanted.
 */
export async function* chunksOf(source: Request | (() => ReadableStream<Uint8Array> | null)): AsyncGenerator<Uint8Array> {
  const stream = typeof source === "function" ? source() : source.body;
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.byteLength > 0) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
