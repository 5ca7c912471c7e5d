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
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
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
