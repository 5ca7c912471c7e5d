// MIME type from the content first (a JPEG named .txt is still a JPEG), then
// from the name, then "text/plain" for anything that decodes as UTF-8 text.
// file-type is loaded on first use: a large module that an idle box never needs.
let sniffer: Promise<typeof import("file-type")> | null = null;
const fileTypeFromBuffer = async (head: Uint8Array) => (await (sniffer ??= import("file-type"))).fileTypeFromBuffer(head);

const utf8 = new TextDecoder("utf-8", { fatal: true });

function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    // The head may end in the middle of a character: ignore the last 3 bytes.
    utf8.decode(head.subarray(0, Math.max(0, head.byteLength - 3)));
    return true;
  } catch {
    return false;
  }
}

export async function detectMime(name: string, head: Uint8Array): Promise<string> {
  const sniffed = head.byteLength > 0 ? await fileTypeFromBuffer(head).catch(() => undefined) : undefined;
  if (sniffed) return sniffed.mime;
  const byName = Bun.file(name).type.split(";")[0] ?? "";
  if (byName && byName !== "application/octet-stream") return byName;
  return head.byteLength > 0 && looksLikeText(head) ? "text/plain" : "application/octet-stream";
}
