// The words of a document for the search index: PDFs through poppler's
// pdftotext, plain text files read directly. Both capped: the index wants the
// words a person might search for, not a 2 GB log file.
import { open } from "node:fs/promises";
import type { ToolRunner } from "./tools";

/** Text kept per file (about 30,000 words). */
export const MAX_TEXT_BYTES = 200 * 1024;

/** A hostile or broken PDF made pdftotext hang or fail: the job fails with this reason and is not retried. */
export class TextExtractionError extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: false });

function clean(text: string): string {
  // Form feeds between pages and runs of blank space add nothing to an index.
  return text.replace(/\f/g, "\n").replace(/[ \t]+/g, " ").replace(/\n{3,}/g, "\n\n").trim();
}

export async function pdfText(tools: ToolRunner, path: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const args = ["-enc", "UTF-8", "-nopgbrk", "-q", path, "-"];
  const result = await tools({ command: "pdftotext", args, timeoutMs, signal, maxStdoutBytes: MAX_TEXT_BYTES });
  if (result.timedOut) throw new TextExtractionError(`pdftotext did not finish within ${Math.round(timeoutMs / 1000)} s.`);
  if (result.exitCode !== 0 && !result.truncated) {
    throw new TextExtractionError(`The PDF's text could not be read: ${result.stderr.trim().split("\n").at(-1) || `exit ${result.exitCode}`}`);
  }
  return clean(decoder.decode(result.stdout));
}

export async function plainText(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(MAX_TEXT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_TEXT_BYTES, 0);
    return clean(decoder.decode(buffer.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}
