// Request bodies of the WebDAV methods that carry XML (PROPFIND, PROPPATCH,
// LOCK), read through chunksOf (see shared/http/body.ts on why the stream is
// only taken when read) and capped, whether or not a Content-Length says so.
import { chunksOf } from "../shared/http/body";
import { DavError } from "./dav.errors";
import { parseXml, type XmlElement } from "./xml";

export const MAX_XML_BYTES = 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function tooLarge(): DavError {
  return new DavError(413, `XML bodies are limited to ${MAX_XML_BYTES} bytes.`);
}

/** True when the request announces a body (a Content-Length above 0, or chunked transfer). */
export function announcesBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return length.trim() !== "0";
  return request.headers.has("transfer-encoding");
}

async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !/^\d+$/.test(declared.trim())) throw new DavError(400, "Content-Length must be a number of bytes.");
  if (Number(declared ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(request)) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The body's root element, or null for an empty body. */
export async function readXmlBody(request: Request): Promise<XmlElement | null> {
  if (!announcesBody(request)) return null;
  const bytes = await readCapped(request, MAX_XML_BYTES);
  if (bytes.byteLength === 0) return null;
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new DavError(400, "The XML body is not valid UTF-8.");
  }
  if (text.trim() === "") return null;
  return parseXml(text);
}

/** True when a body that must be empty (MKCOL) is not; a chunked one is read to find out. */
export async function hasNonEmptyBody(request: Request): Promise<boolean> {
  if (!announcesBody(request)) return false;
  if (request.headers.get("content-length") !== null) return true;
  return (await readCapped(request, MAX_XML_BYTES)).byteLength > 0;
}
