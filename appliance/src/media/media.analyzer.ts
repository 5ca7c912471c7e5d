// The media pipeline for one file (the `media.analyze` job): metadata,
// thumbnails from one decode, thumbhash, text for search. Idempotent: a job cut
// by a power loss simply runs again and rewrites the same results.
import type { FileRow } from "../files";
import type { Clock } from "../shared/ports";
import { decodeHeic, decodePdfPage, decodeVideoFrame, type DecodeContext, type TempPicture } from "./decoders";
import type { MediaRepository } from "./media.repository";
import { treatmentOf, type Treatment } from "./media.model";
import { EMPTY_METADATA, readExif, readVideo, type CaptureMetadata } from "./metadata";
import { pdfText, plainText } from "./text";
import { deriveImages, PREVIEW_LONG_SIDE, UnreadableImageError, type Derived } from "./thumbnails";
import type { ThumbStore } from "./thumb-store";
import type { ToolRunner } from "./tools";

/** What the pipeline tells search about a file (the search capability's setFileDetails). */
export interface FileDetailsSink {
  setFileDetails(userId: number, fileId: number, details: { kind?: "file" | "photo" | "video" | "document"; body?: string; meta?: string; date?: number }): Promise<void>;
}

export interface AnalyzerDeps {
  repository: MediaRepository;
  store: ThumbStore;
  tools: ToolRunner;
  clock: Clock;
  tmpDir: string;
  /** Deadline of one external program (pdftotext, ffmpeg…). */
  toolTimeoutMs: number;
  search: FileDetailsSink | null;
}

/** The file cannot be analysed and trying again will not change that (damaged, a bomb, a hanging PDF). */
export class MediaFailure extends Error {}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Words search can find a photo by: camera, lens, and its date (ISO day, month name and year). */
export function metadataWords(meta: CaptureMetadata, takenAt: number): string {
  const date = new Date(takenAt);
  const day = date.toISOString().slice(0, 10);
  return [meta.make, meta.model, meta.lens, day, MONTHS[date.getUTCMonth()], String(date.getUTCFullYear())].filter(Boolean).join(" ");
}

export class MediaAnalyzer {
  constructor(private readonly deps: AnalyzerDeps) {}

  private context(signal?: AbortSignal): DecodeContext {
    return { tools: this.deps.tools, tmpDir: this.deps.tmpDir, timeoutMs: this.deps.toolTimeoutMs, signal };
  }

  /** Analyses `file` (read from `diskPath`, content `sha256`). Throws MediaFailure for a file that will never work. */
  async analyze(file: FileRow, diskPath: string, sha256: string, signal?: AbortSignal): Promise<Treatment> {
    const treatment = treatmentOf(file);
    try {
      if (treatment === "image" || treatment === "heic") await this.photo(file, diskPath, sha256, treatment, signal);
      else if (treatment === "video") await this.video(file, diskPath, sha256, signal);
      else if (treatment === "pdf") await this.pdf(file, diskPath, sha256, signal);
      else if (treatment === "text") await this.deps.search?.setFileDetails(file.userId, file.id, { kind: "document", body: await plainText(diskPath) });
      return treatment;
    } catch (error) {
      if (error instanceof UnreadableImageError) throw new MediaFailure(error.message);
      throw error;
    }
  }

  private async photo(file: FileRow, diskPath: string, sha256: string, treatment: "image" | "heic", signal?: AbortSignal) {
    const meta = await readExif(diskPath);
    signal?.throwIfAborted();
    if (file.size === 0) return this.fail(file, sha256, "image", meta, "The file is empty.");
    // libheif already applies the HEIF rotation; the JPEG it writes must not be turned again.
    const derived = await this.withPicture(treatment === "heic" ? () => decodeHeic(this.context(signal), diskPath) : null, diskPath, (path) =>
      deriveImages(path, { autoOrient: treatment === "image" }),
    ).catch((error) => this.failOn(error, file, sha256, "image", meta));
    await this.keep(file, sha256, "image", { ...meta, width: derived.width, height: derived.height }, derived);
  }

  private async video(file: FileRow, diskPath: string, sha256: string, signal?: AbortSignal) {
    const meta = await readVideo(this.deps.tools, diskPath, this.deps.toolTimeoutMs, signal);
    if (!meta) return this.fail(file, sha256, "video", EMPTY_METADATA, "The file is not a video this box can read.");
    const derived = await this.withPicture(() => decodeVideoFrame(this.context(signal), diskPath, meta.durationMs), diskPath, (path) =>
      deriveImages(path, { autoOrient: false }),
    ).catch((error) => this.failOn(error, file, sha256, "video", meta));
    await this.keep(file, sha256, "video", { ...meta, width: meta.width ?? derived.width, height: meta.height ?? derived.height }, derived);
  }

  private async pdf(file: FileRow, diskPath: string, sha256: string, signal?: AbortSignal) {
    const derived = await this.withPicture(() => decodePdfPage(this.context(signal), diskPath, PREVIEW_LONG_SIDE), diskPath, (path) =>
      deriveImages(path, { autoOrient: false }),
    );
    await this.writeThumbnails(file.id, sha256, derived);
    const body = await pdfText(this.deps.tools, diskPath, this.deps.toolTimeoutMs, signal).catch((error) => {
      throw new MediaFailure(error instanceof Error ? error.message : String(error));
    });
    await this.deps.search?.setFileDetails(file.userId, file.id, { kind: "document", body });
  }

  /** Runs `derive` on the decoded picture (or the file itself), always removing the temporary picture. */
  private async withPicture(decode: (() => Promise<TempPicture>) | null, diskPath: string, derive: (path: string) => Promise<Derived>): Promise<Derived> {
    const picture = decode ? await decode() : null;
    try {
      return await derive(picture?.path ?? diskPath);
    } finally {
      await picture?.dispose();
    }
  }

  private async writeThumbnails(fileId: number, sha256: string, derived: Derived): Promise<void> {
    await this.deps.store.write(fileId, sha256, "small", derived.small);
    await this.deps.store.write(fileId, sha256, "preview", derived.preview);
    await this.deps.store.remove(fileId, sha256);
  }

  private async keep(file: FileRow, sha256: string, kind: "image" | "video", meta: CaptureMetadata, derived: Derived) {
    await this.writeThumbnails(file.id, sha256, derived);
    const takenAt = await this.saveItem(file, sha256, kind, meta, { thumbhash: derived.thumbhash, thumbsState: "ready", thumbsError: null });
    await this.deps.search?.setFileDetails(file.userId, file.id, { kind: kind === "image" ? "photo" : "video", meta: metadataWords(meta, takenAt), date: takenAt });
  }

  private async failOn(error: unknown, file: FileRow, sha256: string, kind: "image" | "video", meta: CaptureMetadata): Promise<never> {
    if (!(error instanceof UnreadableImageError)) throw error;
    return this.fail(file, sha256, kind, meta, error.message);
  }

  /** Records the failure on the item (the UI shows the reason instead of waiting forever), then fails the job for good. */
  private async fail(file: FileRow, sha256: string, kind: "image" | "video", meta: CaptureMetadata, reason: string): Promise<never> {
    await this.deps.store.remove(file.id);
    await this.saveItem(file, sha256, kind, meta, { thumbhash: null, thumbsState: "failed", thumbsError: reason });
    throw new MediaFailure(reason);
  }

  private async saveItem(file: FileRow, sha256: string, kind: "image" | "video", meta: CaptureMetadata, thumbs: { thumbhash: string | null; thumbsState: "ready" | "failed"; thumbsError: string | null }) {
    const takenAt = meta.takenAt ?? file.mtime;
    await this.deps.repository.save({
      fileId: file.id,
      userId: file.userId,
      kind,
      takenAt,
      takenAtOffsetMinutes: meta.takenAt === null ? null : meta.offsetMinutes,
      dateSource: meta.takenAt === null ? "mtime" : kind === "video" ? "video" : "exif",
      width: meta.width,
      height: meta.height,
      orientation: meta.orientation,
      durationMs: meta.durationMs,
      make: meta.make,
      model: meta.model,
      lens: meta.lens,
      exposureTime: meta.exposureTime,
      fNumber: meta.fNumber,
      iso: meta.iso,
      focalLength: meta.focalLength,
      latitude: meta.latitude,
      longitude: meta.longitude,
      ...thumbs,
      thumbsSha256: sha256,
      updatedAt: this.deps.clock.now(),
    });
    return takenAt;
  }
}
