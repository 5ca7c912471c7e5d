// The Photos timeline (every photo and video of the person's Drive, or of the
// folders they chose), its summary for laying out and scrubbing, one photo's
// details for the lightbox, and the Photos settings.
import type { FilesService, Owner } from "../files";
import { normalizePath } from "../files";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import {
  coordinatesText,
  decodeCursor,
  DEFAULT_UPLOAD_FOLDER,
  encodeCursor,
  PAGE_LIMIT_DEFAULT,
  toTimelineItem,
  type PhotoSettings,
  type Summary,
  type TimelineItem,
} from "./photos.model";
import type { PhotosRepository, Scope } from "./photos.repository";

export interface PhotosDeps {
  repository: PhotosRepository;
  files: FilesService;
  clock: Clock;
}

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** Summaries kept in memory (a few people, a few albums open): each is a few hundred kB at most. */
const SUMMARIES_KEPT = 16;

export class PhotosService {
  private readonly summaries = new Map<string, { summary: Summary; etag: string }>();

  constructor(private readonly deps: PhotosDeps) {}

  async timelineScope(owner: Owner): Promise<Scope> {
    return { userId: owner.id, folders: (await this.settings(owner)).folders };
  }

  async page(scope: Scope, request: PageRequest): Promise<{ items: TimelineItem[]; next: string | null }> {
    const limit = request.limit ?? PAGE_LIMIT_DEFAULT;
    // One more than asked tells whether there is a next page without a count.
    const rows = await this.deps.repository.page(scope, decodeCursor(request.cursor), limit + 1);
    const items = rows.slice(0, limit).map(toTimelineItem);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /**
   * Runs of same-day photos in timeline order, with per-month and per-year
   * counts: enough for the UI to lay out every row and draw the year scrubber
   * without loading the photos.
   */
  async summary(scope: Scope, viewerOffsetMinutes = 0): Promise<{ summary: Summary; etag: string }> {
    // The UI asks again every 30 s: while nothing changed, the last answer is served (and the
    // browser's copy revalidated by ETag) instead of counting 50,000 photos again.
    const key = `${scope.userId}|${scope.albumId ?? ""}|${scope.folders?.join("\n") ?? "*"}|${viewerOffsetMinutes}`;
    const fingerprint = await this.deps.repository.fingerprint(scope);
    const etag = `"${new Bun.CryptoHasher("sha256").update(`${key}|${fingerprint}`).digest("base64url").slice(0, 22)}"`;
    const cached = this.summaries.get(key);
    if (cached?.etag === etag) return cached;
    const fresh = { summary: await this.countDays(scope, viewerOffsetMinutes), etag };
    this.summaries.delete(key);
    this.summaries.set(key, fresh);
    if (this.summaries.size > SUMMARIES_KEPT) this.summaries.delete(this.summaries.keys().next().value!);
    return fresh;
  }

  private async countDays(scope: Scope, viewerOffsetMinutes: number): Promise<Summary> {
    const runs = await this.deps.repository.dayRuns(scope, viewerOffsetMinutes);
    const months = new Map<string, number>();
    const years = new Map<number, number>();
    let total = 0;
    const groups = runs.map(({ day, count, takenAt, fileId }) => {
      total += count;
      months.set(day.slice(0, 7), (months.get(day.slice(0, 7)) ?? 0) + count);
      years.set(Number(day.slice(0, 4)), (years.get(Number(day.slice(0, 4))) ?? 0) + count);
      // The cursor just "after" (takenAt, fileId + 1): its page starts with the run's first photo.
      return { day, count, start: encodeCursor({ takenAt, fileId: fileId + 1 }) };
    });
    return {
      total,
      groups,
      months: [...months].map(([month, count]) => ({ month, count })),
      years: [...years].map(([year, count]) => ({ year, count })),
    };
  }

  async item(owner: Owner, fileId: number) {
    const found = await this.deps.repository.item(owner.id, fileId);
    if (!found) throw new NotFoundError("No such photo.");
    const { media, file } = found;
    const hasPlace = media.latitude !== null && media.longitude !== null;
    return {
      item: toTimelineItem(found),
      size: file.size,
      sha256: file.sha256,
      camera: { make: media.make, model: media.model, lens: media.lens },
      exposure: { exposureTime: media.exposureTime, fNumber: media.fNumber, iso: media.iso, focalLength: media.focalLength },
      location: hasPlace ? { latitude: media.latitude!, longitude: media.longitude!, text: coordinatesText(media.latitude!, media.longitude!) } : null,
      duplicates: file.sha256 ? await this.deps.repository.duplicates(owner.id, fileId, file.sha256) : [],
      albums: await this.deps.repository.albumsOf(owner.id, fileId),
    };
  }

  async settings(owner: Owner): Promise<PhotoSettings> {
    const row = await this.deps.repository.settings(owner.id);
    if (!row) return { folders: null, uploadFolder: DEFAULT_UPLOAD_FOLDER };
    return { folders: row.folders === null ? null : (JSON.parse(row.folders) as string[]), uploadFolder: row.uploadFolder };
  }

  /** Every folder must be a folder of the person's Drive; the upload folder a valid path (it is made when needed). */
  async saveSettings(owner: Owner, wanted: PhotoSettings): Promise<PhotoSettings> {
    const folders = wanted.folders === null ? null : await this.checkFolders(owner, wanted.folders);
    const uploadFolder = normalizePath(wanted.uploadFolder);
    if (uploadFolder === "/") throw new ValidationError("uploadFolder", "Choose a folder for uploads, not the top of the Drive.");
    const existing = await this.deps.files.tryStat(owner, fillTemplate(uploadFolder, this.deps.clock.now()));
    if (existing && existing.kind !== "folder") throw new ValidationError("uploadFolder", `${existing.path} is a file, not a folder.`);
    await this.deps.repository.saveSettings({
      userId: owner.id,
      folders: folders === null ? null : JSON.stringify(folders),
      uploadFolder,
      updatedAt: this.deps.clock.now(),
    });
    return { folders, uploadFolder };
  }

  private async checkFolders(owner: Owner, raw: string[]): Promise<string[] | null> {
    const folders = [...new Set(raw.map((folder) => normalizePath(folder)))];
    // The top of the Drive holds everything: the same as no limit.
    if (folders.includes("/")) return null;
    if (folders.length === 0) throw new ValidationError("folders", "Choose at least one folder, or all of them.");
    for (const folder of folders) {
      const row = await this.deps.files.tryStat(owner, folder);
      if (!row || row.kind !== "folder") throw new ValidationError("folders", `${folder} is not a folder in your Drive.`);
    }
    return folders.sort();
  }

  /** The upload folder for a month ("2026-11"; default: now), made if missing. */
  async uploadFolder(owner: Owner, month?: string): Promise<string> {
    const { uploadFolder } = await this.settings(owner);
    const when = month ? Date.parse(`${month}-15T12:00:00Z`) : this.deps.clock.now();
    const path = normalizePath(fillTemplate(uploadFolder, when));
    const existing = await this.deps.files.tryStat(owner, path);
    if (existing?.kind === "folder") return path;
    if (existing) throw new ConflictError("not_a_folder", `${path} is a file; choose another upload folder in the Photos settings.`);
    try {
      return (await this.deps.files.createFolder(owner, path, { parents: true })).path;
    } catch (error) {
      // Two uploads starting at once: the other one made it.
      if (error instanceof ConflictError && error.code === "exists") return path;
      throw error;
    }
  }
}

/** "/Photos/Uploads/{year}/{month}" → "/Photos/Uploads/2026/11" (UTC). */
export function fillTemplate(template: string, when: number): string {
  const date = new Date(when);
  const month = String(date.getUTCMonth() + 1).padStart(2, "0");
  return template.replaceAll("{year}", String(date.getUTCFullYear())).replaceAll("{month}", month);
}
