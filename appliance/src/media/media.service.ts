// The media capability's logic: reacts to file events by queueing analysis,
// runs the `media.analyze` job, serves thumbnails (regenerating a missing one
// at high priority), a file's media details and the duplicate groups.
import { createReadStream } from "node:fs";
import type { FileEvent, FileRow, FilesService, Owner } from "../files";
import { PermanentJobError, type JobContext, type JobQueue } from "../jobs";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { MediaAnalyzer, MediaFailure } from "./media.analyzer";
import { hasThumbnails, toMediaItemDto, treatmentOf, type MediaItemDto } from "./media.model";
import type { DuplicateGroup, MediaRepository } from "./media.repository";
import { versionOf, type ThumbSize, type ThumbStore } from "./thumb-store";

export const ANALYZE_KIND = "media.analyze";
/** A thumbnail someone is looking at jumps the queue (the contract's UI priority). */
export const REQUESTED_PRIORITY = 10;

export interface AnalyzePayload {
  userId: number;
  fileId: number;
}

export interface MediaServiceDeps {
  repository: MediaRepository;
  analyzer: MediaAnalyzer;
  store: ThumbStore;
  queue: Pick<JobQueue, "enqueue" | "enqueueMany">;
  files: Pick<FilesService, "diskPathOf">;
  /** The person a user id belongs to (their folder key), null once they are gone. */
  ownerOf(userId: number): Promise<Owner | null>;
  logger: Logger;
  clock: Clock;
  /** How long a request for a missing thumbnail waits for it before answering 202. */
  thumbnailWaitMs: number;
}

export type ThumbnailAnswer =
  | { state: "ready"; path: string; contentType: string; etag: string; current: boolean }
  | { state: "pending"; thumbhash: string | null };

export class ThumbnailFailedError extends ConflictError {
  constructor(reason: string) {
    super("thumbnail_failed", `No thumbnail can be made of this file: ${reason}`);
  }
}

/** SHA-256 of a file not hashed yet by the file index, streamed (a video may be gigabytes). */
async function hashFile(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  return hasher.digest("hex");
}

/** A cheap first look at the name before asking the index about a file: most files of a scan are not photos. */
const LOOKS_LIKE_MEDIA = /\.(jpe?g|png|gif|webp|avif|tiff?|heic|heif|dng|mp4|m4v|mov|webm|mkv|avi|3gp)$/i;

/** Failures of files without a media item (PDFs) remembered for the thumbnail route; a few hundred bytes each. */
const REMEMBERED_FAILURES = 1000;

export class MediaService {
  private readonly waiters = new Map<number, Set<() => void>>();
  /** fileId → why its thumbnails cannot be made (for that content), so the UI is told instead of polling forever. */
  private readonly failures = new Map<number, { sha256: string; reason: string }>();

  constructor(private readonly deps: MediaServiceDeps) {}

  /** created/changed → analyse (one queued job per file however many events); deleted → drop its thumbnails. */
  onFileEvent(event: FileEvent): void {
    if (event.kind !== "file") return;
    if (event.type === "created" || event.type === "changed") {
      void this.enqueue({ userId: event.userId, fileId: event.fileId }).catch((error) => this.deps.logger.error("queueing media analysis failed", { fileId: event.fileId, error: String(error) }));
      if (LOOKS_LIKE_MEDIA.test(event.path)) void this.showAtOnce(event.userId, event.fileId).catch(() => undefined);
    } else if (event.type === "deleted") {
      void this.deps.store.remove(event.fileId).catch(() => undefined);
    }
  }

  /**
   * Photos appear in the timeline as soon as they arrive, dated by the file's
   * mtime and drawn as a placeholder until their job has read the real date
   * and made the thumbnails (a phone syncing 2,000 photos should not look
   * empty for an hour).
   */
  private async showAtOnce(userId: number, fileId: number): Promise<void> {
    const file = await this.deps.repository.file(userId, fileId);
    const treatment = file ? treatmentOf(file) : null;
    if (!file || (treatment !== "image" && treatment !== "heic" && treatment !== "video")) return;
    await this.deps.repository.savePlaceholder({
      fileId, userId, kind: treatment === "video" ? "video" : "image", takenAt: file.mtime, dateSource: "mtime", thumbsState: "pending", updatedAt: this.deps.clock.now(),
    });
  }

  enqueue(payload: AnalyzePayload, priority = 0): Promise<void> {
    return this.deps.queue.enqueue({ kind: ANALYZE_KIND, subject: `file:${payload.fileId}`, payload, priority });
  }

  /** The job handler. A file gone (deleted while its job waited, or while it ran) ends the job quietly. */
  async runJob(payload: AnalyzePayload, context: Pick<JobContext, "signal">): Promise<void> {
    try {
      const target = await this.locate(payload);
      if (!target) return;
      await this.deps.analyzer.analyze(target.file, target.diskPath, target.sha256, context.signal).catch((error) => {
        if (error instanceof MediaFailure) this.remember(payload.fileId, target.sha256, error.message);
        throw error;
      });
      this.failures.delete(payload.fileId);
      if (!(await this.deps.repository.file(payload.userId, payload.fileId))) await this.deps.store.remove(payload.fileId);
    } catch (error) {
      if (!(await this.deps.repository.file(payload.userId, payload.fileId))) {
        // Deleted under our feet: its delete event may have come before our thumbnails were written.
        await this.deps.store.remove(payload.fileId);
        return;
      }
      if (error instanceof MediaFailure) throw new PermanentJobError(error.message);
      throw error;
    } finally {
      this.wake(payload.fileId);
    }
  }

  private async locate({ userId, fileId }: AnalyzePayload): Promise<{ file: FileRow; diskPath: string; sha256: string } | null> {
    const file = await this.deps.repository.file(userId, fileId);
    const owner = file?.kind === "file" ? await this.deps.ownerOf(userId) : null;
    if (!file || !owner) return null;
    const diskPath = await this.deps.files.diskPathOf(owner, file.path).catch(() => null);
    if (!diskPath || !(await Bun.file(diskPath).exists())) return null;
    return { file, diskPath, sha256: file.sha256 ?? (await hashFile(diskPath)) };
  }

  private remember(fileId: number, sha256: string, reason: string): void {
    this.failures.delete(fileId);
    this.failures.set(fileId, { sha256, reason });
    if (this.failures.size > REMEMBERED_FAILURES) this.failures.delete(this.failures.keys().next().value as number);
  }

  /** Why this content cannot have thumbnails, if a job already found out. */
  private async failureOf(file: FileRow): Promise<string | null> {
    const remembered = this.failures.get(file.id);
    if (remembered && remembered.sha256 === file.sha256) return remembered.reason;
    const item = await this.deps.repository.find(file.id);
    return item?.thumbsState === "failed" && item.thumbsSha256 === file.sha256 ? (item.thumbsError ?? "unknown reason") : null;
  }

  private wake(fileId: number): void {
    for (const wake of this.waiters.get(fileId) ?? []) wake();
  }

  private waitFor(fileId: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(fileId) ?? new Set();
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(fileId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      this.waiters.set(fileId, set);
    });
  }

  async resolveFile(owner: Owner, reference: { path?: string; id?: number }): Promise<FileRow> {
    if ((reference.path === undefined) === (reference.id === undefined)) throw new ValidationError("path", "Give either path or id.");
    const file = reference.id !== undefined ? await this.deps.repository.file(owner.id, reference.id) : await this.deps.repository.fileAt(owner.id, reference.path ?? "");
    if (!file) throw new NotFoundError("No such file.");
    if (file.kind !== "file") throw new ConflictError("is_a_folder", `${file.path} is a folder.`);
    return file;
  }

  /**
   * The thumbnail of one of the person's files. A missing one (cache wiped,
   * never made) is queued at high priority and awaited a bounded time; after
   * that the caller answers 202 and the UI keeps drawing the thumbhash.
   */
  async thumbnail(owner: Owner, reference: { path?: string; id?: number; v?: string }, size: ThumbSize): Promise<ThumbnailAnswer> {
    const file = await this.resolveFile(owner, reference);
    if (!hasThumbnails(treatmentOf(file))) throw new NotFoundError("This kind of file has no thumbnail.");
    const ready = () => (file.sha256 ? this.readyAnswer(file.id, file.sha256, size, reference.v) : null);
    const stored = await ready();
    if (stored) return stored;
    const failure = await this.failureOf(file);
    if (failure) throw new ThumbnailFailedError(failure);
    await this.enqueue({ userId: owner.id, fileId: file.id }, REQUESTED_PRIORITY);
    await this.waitFor(file.id, this.deps.thumbnailWaitMs);
    const made = await ready();
    if (made) return made;
    const failed = await this.failureOf(file);
    if (failed) throw new ThumbnailFailedError(failed);
    return { state: "pending", thumbhash: (await this.deps.repository.find(file.id))?.thumbhash ?? null };
  }

  /** The stored thumbnail as an answer, or null when there is none yet. */
  private async readyAnswer(fileId: number, sha256: string, size: ThumbSize, v: string | undefined): Promise<ThumbnailAnswer | null> {
    const stored = await this.deps.store.find(fileId, sha256, size);
    if (!stored) return null;
    const version = versionOf(sha256);
    // Only a URL naming this content (v) may be cached forever; one without v must be revalidated.
    return { state: "ready", path: stored.path, contentType: stored.contentType, etag: `"${version}-${size}"`, current: v === version };
  }

  /** A photo's or video's details (Drive's details panel, the lightbox); null for other files and until analysed. */
  async item(owner: Owner, reference: { path?: string; id?: number }): Promise<MediaItemDto | null> {
    const file = await this.resolveFile(owner, reference);
    const item = await this.deps.repository.find(file.id);
    return item && item.userId === owner.id ? toMediaItemDto(item, file) : null;
  }

  duplicates(owner: Owner, limit = 500): Promise<DuplicateGroup[]> {
    return this.deps.repository.duplicates(owner.id, limit);
  }

  /** At start: queue photos and videos never analysed (added before this pipeline, or while it was down) and drop orphaned thumbnails. */
  async catchUp(): Promise<{ queued: number; swept: number }> {
    const pending = await this.deps.repository.needingAnalysis(50_000);
    await this.deps.queue.enqueueMany(pending.map((file) => ({ kind: ANALYZE_KIND, subject: `file:${file.id}`, payload: { userId: file.userId, fileId: file.id } })));
    const swept = await this.deps.store.sweep((ids) => this.deps.repository.existing(ids));
    return { queued: pending.length, swept };
  }
}
