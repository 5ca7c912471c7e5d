// Albums: named sets of a person's photos. They refer to files by id, so they
// follow moves and renames; deleting an album leaves every photo in the Drive.
import type { Owner } from "../files";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import type { Clock } from "../shared/ports";
import { ALBUM_NAME_MAX, ALBUMS_MAX, toAlbumDto, type AlbumDto } from "./photos.model";
import type { PhotosRepository, Scope } from "./photos.repository";
import type { AlbumRow } from "./photos.schema";

export interface AlbumsDeps {
  repository: PhotosRepository;
  clock: Clock;
}

/** Trimmed, NFC, 1 to ALBUM_NAME_MAX characters, no control characters. */
export function checkAlbumName(raw: string): string {
  const name = raw.normalize("NFC").trim();
  if (name.length === 0) throw new ValidationError("name", "An album needs a name.");
  if ([...name].length > ALBUM_NAME_MAX) throw new ValidationError("name", `An album name can be at most ${ALBUM_NAME_MAX} characters long.`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new ValidationError("name", "An album name cannot contain control characters.");
  return name;
}

export class AlbumsService {
  constructor(private readonly deps: AlbumsDeps) {}

  async list(owner: Owner): Promise<AlbumDto[]> {
    const rows = await this.deps.repository.listAlbums(owner.id);
    return Promise.all(rows.map((row) => this.describe(owner, row)));
  }

  async get(owner: Owner, id: number): Promise<AlbumDto> {
    return this.describe(owner, await this.find(owner, id));
  }

  /** The album as a listing scope (its photos, whatever folder they are in). */
  async scope(owner: Owner, id: number): Promise<Scope> {
    await this.find(owner, id);
    return { userId: owner.id, folders: null, albumId: id };
  }

  async create(owner: Owner, rawName: string, fileIds: number[] = []): Promise<AlbumDto> {
    const name = checkAlbumName(rawName);
    if ((await this.deps.repository.countAlbums(owner.id)) >= ALBUMS_MAX) {
      throw new ConflictError("too_many_albums", `You can have at most ${ALBUMS_MAX} albums.`);
    }
    // Check the photos first: a refused request leaves no empty album behind.
    if (fileIds.length) await this.requirePhotos(owner, fileIds);
    const now = this.deps.clock.now();
    const album = await this.deps.repository.insertAlbum({ userId: owner.id, name, coverFileId: null, createdAt: now, updatedAt: now });
    if (fileIds.length) await this.deps.repository.addItems(album.id, [...new Set(fileIds)], now);
    return this.describe(owner, album);
  }

  async update(owner: Owner, id: number, changes: { name?: string; coverFileId?: number | null }): Promise<AlbumDto> {
    const album = await this.find(owner, id);
    const name = changes.name === undefined ? undefined : checkAlbumName(changes.name);
    if (changes.coverFileId !== undefined && changes.coverFileId !== null) {
      await this.requirePhotos(owner, [changes.coverFileId]);
      if (!(await this.deps.repository.inAlbum(album.id, changes.coverFileId))) {
        throw new ValidationError("coverFileId", "The cover must be a photo of this album.");
      }
    }
    await this.deps.repository.updateAlbum(owner.id, id, { name, coverFileId: changes.coverFileId, updatedAt: this.deps.clock.now() });
    return this.get(owner, id);
  }

  async remove(owner: Owner, id: number): Promise<void> {
    if (!(await this.deps.repository.deleteAlbum(owner.id, id))) throw new NotFoundError("No such album.");
  }

  async addItems(owner: Owner, id: number, fileIds: number[]): Promise<{ added: number; album: AlbumDto }> {
    const album = await this.find(owner, id);
    await this.requirePhotos(owner, fileIds);
    const added = await this.deps.repository.addItems(album.id, [...new Set(fileIds)], this.deps.clock.now());
    await this.deps.repository.updateAlbum(owner.id, id, { updatedAt: this.deps.clock.now() });
    return { added, album: await this.get(owner, id) };
  }

  async removeItems(owner: Owner, id: number, fileIds: number[]): Promise<{ removed: number; album: AlbumDto }> {
    const album = await this.find(owner, id);
    const removed = await this.deps.repository.removeItems(album.id, [...new Set(fileIds)]);
    const coverGone = album.coverFileId !== null && fileIds.includes(album.coverFileId);
    await this.deps.repository.updateAlbum(owner.id, id, { updatedAt: this.deps.clock.now(), ...(coverGone ? { coverFileId: null } : {}) });
    return { removed, album: await this.get(owner, id) };
  }

  private async find(owner: Owner, id: number): Promise<AlbumRow> {
    const album = await this.deps.repository.album(owner.id, id);
    if (!album) throw new NotFoundError("No such album.");
    return album;
  }

  /** Every id must be one of the person's photos or videos; another person's file is "not found", never "forbidden". */
  private async requirePhotos(owner: Owner, fileIds: number[]): Promise<void> {
    const owned = await this.deps.repository.ownedMedia(owner.id, [...new Set(fileIds)]);
    const missing = fileIds.find((fileId) => !owned.has(fileId));
    if (missing !== undefined) throw new NotFoundError(`No photo or video with id ${missing}.`);
  }

  private async describe(owner: Owner, album: AlbumRow): Promise<AlbumDto> {
    const scope: Scope = { userId: owner.id, folders: null, albumId: album.id };
    const chosen = album.coverFileId === null ? null : await this.deps.repository.item(owner.id, album.coverFileId);
    const cover = chosen ?? (await this.deps.repository.page(scope, null, 1))[0] ?? null;
    return toAlbumDto(album, await this.deps.repository.albumCount(owner.id, album.id), cover);
  }
}
