// The Drive's file capability, assembled. Other capabilities use it only
// through this file.
import type { Database } from "../db/client";
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { Disk } from "./disk";
import { FileEvents } from "./file-events";
import { FilesRepository } from "./files.repository";
import { FilesService } from "./files.service";
import type { Owner } from "./files.model";
import { OwnerGate } from "./owner-gate";
import { logReport, Reconciler } from "./reconcile";
import { TrashBin } from "./trash";
import { VersionKeeper } from "./versions";
import { FilesWatcher } from "./watcher";
import { TusUploads } from "./tus.service";

export { fileContentResponse, parseRange, sendFileContent } from "./download";
export type { FileEvent } from "./file-events";
export { etagOf, toFileEntry, type FileEntry, type Owner } from "./files.model";
export { filesRoutes, ownerOf } from "./files.routes";
export { tusRoutes } from "./tus.routes";
export type { FileRow } from "./files.schema";
export { FilesService } from "./files.service";
export { zipStream } from "./zip";
export { isWithin, joinPath, nameOf, normalizePath, parentOf, validateName } from "./paths";

export interface FilesOptions {
  db: Database;
  dataDir: string;
  clock: Clock;
  logger: Logger;
  trashDays: number;
  versionsMax: number;
  versionsMinMinutes: number;
  maxUploadBytes: number;
}

const HOUR_MS = 3_600_000;

export function createFiles(options: FilesOptions) {
  const disk = new Disk(options.dataDir);
  const repository = new FilesRepository(options.db);
  const events = new FileEvents();
  const versions = new VersionKeeper(options.dataDir, repository, options.clock, {
    max: options.versionsMax,
    minIntervalMs: options.versionsMinMinutes * 60_000,
  });
  const trash = new TrashBin(options.dataDir, repository, options.clock, options.trashDays * 24 * HOUR_MS, versions);
  const gate = new OwnerGate();
  const reconciler = new Reconciler(disk, repository, events, options.clock, gate);
  const service = new FilesService({ disk, repository, events, trash, versions, reconciler, gate, clock: options.clock, maxFileBytes: options.maxUploadBytes });
  const uploads = new TusUploads(options.dataDir, service, options.clock);
  const watcher = new FilesWatcher(reconciler, (owner) => disk.filesRoot(owner.key), options.logger);
  let timer: ReturnType<typeof setInterval> | null = null;

  /** Start: scan every person's tree, watch it, and re-scan and purge the Trash every hour. */
  async function start(owners: () => Promise<Owner[]>, keyOf: (userId: number) => Promise<string | null>) {
    const scanAll = async () => {
      for (const owner of await owners()) {
        await service.prepare(owner);
        logReport(options.logger, owner, await reconciler.scan(owner));
        watcher.watch(owner);
      }
      await trash.purge(keyOf);
      await uploads.purgeExpired();
    };
    await disk.prepare();
    await scanAll();
    timer = setInterval(() => void scanAll().catch((error) => options.logger.error("hourly scan failed", { error: String(error) })), HOUR_MS);
    timer.unref();
  }

  function stop() {
    if (timer) clearInterval(timer);
    watcher.stop();
  }

  return { disk, service, events, trash, versions, reconciler, watcher, uploads, maxUploadBytes: options.maxUploadBytes, start, stop };
}

export type FilesCapability = ReturnType<typeof createFiles>;
