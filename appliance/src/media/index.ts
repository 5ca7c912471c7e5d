// The media capability, assembled: metadata, thumbnails, thumbhash and text
// extraction for every file created or changed, whatever door it came through.
// Other capabilities (Photos) use it only through this file.
import { availableParallelism } from "node:os";
import type { Database } from "../db/client";
import type { FileEvent, FilesService, Owner } from "../files";
import type { JobQueue } from "../jobs";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { MediaAnalyzer, type FileDetailsSink } from "./media.analyzer";
import { MediaRepository } from "./media.repository";
import { ANALYZE_KIND, MediaService, type AnalyzePayload } from "./media.service";
import { ThumbStore } from "./thumb-store";
import { tuneSharp } from "./thumbnails";
import { spawnTool, type ToolRunner } from "./tools";

export { mediaRoutes } from "./media.routes";
export { hasThumbnails, thumbnailUrl, toMediaItemDto, treatmentOf, mediaItemDto, type MediaItemDto, type Treatment } from "./media.model";
export { mediaItems, type MediaItemRow } from "./media.schema";
export { MediaRepository, type DuplicateGroup } from "./media.repository";
export { ANALYZE_KIND, MediaService, REQUESTED_PRIORITY, ThumbnailFailedError, type AnalyzePayload, type ThumbnailAnswer } from "./media.service";
export { deriveImages, MAX_INPUT_PIXELS, PREVIEW_LONG_SIDE, SMALL_SHORT_SIDE, tuneSharp, UnreadableImageError, type Derived } from "./thumbnails";
export { readExif, readVideo, type CaptureMetadata } from "./metadata";
export { ThumbStore, versionOf, type ThumbSize } from "./thumb-store";
export { spawnTool, ToolMissingError, type ToolResult, type ToolRun, type ToolRunner } from "./tools";
export type { FileDetailsSink } from "./media.analyzer";

export interface MediaOptions {
  db: Database;
  dataDir: string;
  /** Temporary pictures (HEIC, video frames, PDF pages) go here: <data>/tmp, on the same disk, emptied at start. */
  tmpDir: string;
  clock: Clock;
  logger: Logger;
  files: { service: Pick<FilesService, "diskPathOf">; events: { subscribe(listener: (event: FileEvent) => void): () => void } };
  queue: JobQueue;
  /** Where extracted text and photo words go (the search capability); null leaves search out. */
  search: FileDetailsSink | null;
  ownerOf(userId: number): Promise<Owner | null>;
  /** External programs (tests can swap one for a program that hangs). */
  tools?: ToolRunner;
  /** Deadline of one external program; a file that makes one hang fails for good. Default 60 s. */
  toolTimeoutMs?: number;
  /** Deadline of one whole analysis (the queue aborts and retries it). Default 5 min. */
  jobTimeoutMs?: number;
  /** How long a request for a missing thumbnail waits before answering 202. Default 8 s. */
  thumbnailWaitMs?: number;
}

export function createMedia(options: MediaOptions) {
  const sharpSettings = tuneSharp();
  const repository = new MediaRepository(options.db);
  const store = new ThumbStore(options.dataDir);
  const tools = options.tools ?? spawnTool;
  const analyzer = new MediaAnalyzer({
    repository, store, tools, clock: options.clock, tmpDir: options.tmpDir, toolTimeoutMs: options.toolTimeoutMs ?? 60_000, search: options.search,
  });
  const service = new MediaService({
    repository, analyzer, store, queue: options.queue, files: options.files.service, ownerOf: options.ownerOf,
    logger: options.logger, clock: options.clock, thumbnailWaitMs: options.thumbnailWaitMs ?? 8_000,
  });
  // Heavy: the queue caps image work by free memory and pauses it when the SoC is hot.
  // Three attempts: a failure that is not permanent (a tool missing, the disk busy) gets two more chances.
  options.queue.register(ANALYZE_KIND, (payload: AnalyzePayload, context) => service.runJob(payload, context), {
    heavy: true,
    concurrency: availableParallelism(),
    timeoutMs: options.jobTimeoutMs ?? 5 * 60_000,
    maxAttempts: 3,
  });
  const unsubscribe = options.files.events.subscribe((event) => service.onFileEvent(event));
  return {
    service,
    repository,
    store,
    sharpSettings,
    /** After the files' start-up scan: queue what was never analysed, drop thumbnails of files gone. */
    async start(): Promise<void> {
      const { queued, swept } = await service.catchUp();
      if (queued || swept) options.logger.info("media catch-up", { queued, swept });
    },
    stop(): void {
      unsubscribe();
    },
  };
}

export type MediaCapability = ReturnType<typeof createMedia>;
