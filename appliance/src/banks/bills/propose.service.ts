// "This PDF is a bill": reads a person's PDF from Drive with poppler's
// pdftotext and proposes vendor, date and amount for them to confirm.
//
// The text is read again here rather than taken from the search index: search
// keeps the words in reading order, while a bill is a table whose labels and
// figures only stay on one line when read with -layout ("Total TTC ... 90,52 €").
// One bill's first pages take a few milliseconds, and the person is waiting.
import { open } from "node:fs/promises";
import type { FileRow, FilesService, Owner } from "../../files";
import { ToolMissingError, type ToolRunner } from "../../media";
import { AppError, NotFoundError } from "../../shared/errors";
import { proposeBill, type BillProposal } from "./propose";

/** Bills put their figures on the first pages; a 5,000-page PDF is not read to its end. */
export const MAX_PAGES = 4;
/** Text kept from those pages: more than any bill, far less than a hostile file could print. */
export const MAX_TEXT_BYTES = 256 * 1024;
export const DEFAULT_MAX_PDF_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;

/** The document cannot give a proposal (not a PDF, too large, unreadable): 422 with the reason. */
export class BillDocumentError extends AppError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}

export interface BillProposerDeps {
  files: Pick<FilesService, "stat" | "statById" | "diskPathOf">;
  tools: ToolRunner;
  /** Deadline of one pdftotext run. */
  timeoutMs?: number;
  maxPdfBytes?: number;
}

export type ProposeTarget = { fileId: number } | { path: string };

const decoder = new TextDecoder("utf-8", { fatal: false });

async function startsAsPdf(diskPath: string): Promise<boolean> {
  const handle = await open(diskPath, "r");
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    // The header may follow some junk, which readers (pdftotext included) accept within the first kilobyte.
    return head.subarray(0, bytesRead).includes("%PDF-");
  } finally {
    await handle.close();
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+);/gu, (whole, name: string) => {
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name] ?? whole;
  });
}

/** pdftotext -bbox's words grouped into lines, in the top half of the page, largest type first. */
export function headingsOfBbox(xhtml: string): string[] {
  const pageHeight = Number(/<page[^>]*height="([\d.]+)"/u.exec(xhtml)?.[1] ?? "842");
  const lines = new Map<number, { words: string[]; height: number; top: number }>();
  for (const match of xhtml.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/gu)) {
    const top = Number(match[1]);
    if (top > pageHeight / 2) continue;
    const key = Math.round(top);
    const line = lines.get(key) ?? { words: [], height: 0, top };
    line.words.push(decodeEntities(match[3]!));
    line.height = Math.max(line.height, Number(match[2]) - top);
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => b.height - a.height || a.top - b.top).map((line) => line.words.join(" "));
}

export class BillProposer {
  private readonly timeoutMs: number;
  private readonly maxPdfBytes: number;

  constructor(private readonly deps: BillProposerDeps) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxPdfBytes = deps.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES;
  }

  async propose(owner: Owner, target: ProposeTarget): Promise<BillProposal> {
    const row = await this.find(owner, target);
    if (row.kind !== "file") throw new BillDocumentError("not_a_pdf", `${row.path} is a folder, not a PDF.`);
    if (row.size > this.maxPdfBytes) {
      throw new BillDocumentError("pdf_too_large", `${row.name} is ${megabytes(row.size)} MB; a bill is read up to ${megabytes(this.maxPdfBytes)} MB.`);
    }
    const diskPath = await this.deps.files.diskPathOf(owner, row.path);
    if (!(await startsAsPdf(diskPath))) throw new BillDocumentError("not_a_pdf", `${row.name} is not a PDF (it does not start as one).`);
    const text = await this.pdftotext(diskPath, ["-layout", "-f", "1", "-l", String(MAX_PAGES)]);
    return proposeBill({ text, headings: async () => headingsOfBbox(await this.pdftotext(diskPath, ["-bbox", "-f", "1", "-l", "1"])) });
  }

  /** A file of the caller's, by id or by Drive path; anyone else's is simply not found. */
  private async find(owner: Owner, target: ProposeTarget): Promise<FileRow> {
    if ("path" in target) return this.deps.files.stat(owner, target.path);
    const row = await this.deps.files.statById(owner, target.fileId);
    if (!row) throw new NotFoundError(`No file ${target.fileId}.`);
    return row;
  }

  private async pdftotext(diskPath: string, options: string[]): Promise<string> {
    const args = [...options, "-enc", "UTF-8", diskPath, "-"];
    const result = await this.deps.tools({ command: "pdftotext", args, timeoutMs: this.timeoutMs, maxStdoutBytes: MAX_TEXT_BYTES }).catch((error: unknown) => {
      throw error instanceof ToolMissingError ? new AppError(503, "tool_missing", error.message) : error;
    });
    if (result.timedOut) {
      throw new BillDocumentError("pdf_too_slow", `Reading the PDF's text took more than ${Math.round(this.timeoutMs / 1000)} s; it may be damaged or built to be slow.`);
    }
    if (result.exitCode !== 0 && !result.truncated) {
      const reason = result.stderr.trim().split("\n").at(-1) || `pdftotext exit ${result.exitCode}`;
      throw new BillDocumentError("pdf_unreadable", `The PDF's text could not be read: ${reason}`);
    }
    return decoder.decode(result.stdout);
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}
