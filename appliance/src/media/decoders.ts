// Real decoders for what sharp's prebuilt libvips cannot open, each turning the
// file into an upright picture under <data>/tmp that then takes the same
// thumbnail path as a photo:
// - HEIC/HEIF (iPhones): libheif's heif-convert (Debian libheif-examples). The
//   prebuilt libvips has no HEVC decoder (patents), libheif on Debian does.
// - video: one frame with ffmpeg (it applies the rotation the phone recorded).
// - PDF: the first page with poppler's pdftoppm.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { ToolRunner } from "./tools";
import { UnreadableImageError } from "./thumbnails";

export interface DecodeContext {
  tools: ToolRunner;
  tmpDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A decoded picture on disk and how to get rid of it. */
export interface TempPicture {
  path: string;
  dispose(): Promise<void>;
}

function tempPath(context: DecodeContext, extension: string): string {
  return join(context.tmpDir, `media-${randomBytes(8).toString("hex")}${extension}`);
}

function tempPicture(path: string): TempPicture {
  return { path, dispose: () => rm(path, { force: true }) };
}

async function produce(context: DecodeContext, command: string, args: string[], output: string, what: string): Promise<TempPicture> {
  const picture = tempPicture(output);
  try {
    const result = await context.tools({ command, args, timeoutMs: context.timeoutMs, signal: context.signal, maxStdoutBytes: 64 * 1024 });
    if (result.timedOut) throw new UnreadableImageError(`${command} did not finish within ${Math.round(context.timeoutMs / 1000)} s.`);
    if (result.exitCode !== 0 || !existsSync(output)) {
      const reason = result.stderr.trim().split("\n").at(-1) ?? "";
      throw new UnreadableImageError(`${what} could not be read${reason ? `: ${reason.slice(0, 200)}` : "."}`);
    }
    return picture;
  } catch (error) {
    await picture.dispose();
    throw error;
  }
}

/** HEIC → JPEG (quality 92: about 7× faster than PNG and invisible at thumbnail sizes). libheif applies the HEIF rotation/mirror itself. */
export function decodeHeic(context: DecodeContext, source: string): Promise<TempPicture> {
  const output = tempPath(context, ".jpg");
  return produce(context, "heif-convert", ["--quiet", "-q", "92", source, output], output, "The HEIC photo");
}

/** The poster frame: one second in (past a fade from black), or the first frame of a shorter clip. */
export function decodeVideoFrame(context: DecodeContext, source: string, durationMs: number | null): Promise<TempPicture> {
  const output = tempPath(context, ".jpg");
  const at = durationMs !== null && durationMs >= 2000 ? 1 : 0;
  const args = ["-nostdin", "-v", "error", "-ss", String(at), "-i", source, "-frames:v", "1", "-q:v", "2", "-an", "-y", output];
  return produce(context, "ffmpeg", args, output, "The video");
}

/**
 * The first page of a PDF as PNG, scaled so its longest side is the preview's
 * (`-scale-to`, not a fixed `-r`): a poster-sized page cannot become a bomb.
 */
export function decodePdfPage(context: DecodeContext, source: string, longSide: number): Promise<TempPicture> {
  const prefix = tempPath(context, "");
  const args = ["-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", String(longSide), source, prefix];
  return produce(context, "pdftoppm", args, `${prefix}.png`, "The PDF");
}
