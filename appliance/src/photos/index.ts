// The Photos capability: timeline, albums and Photos settings over the media
// the media pipeline found in the Drive. Other capabilities use only this file.
import type { Database } from "../db/client";
import type { FilesService } from "../files";
import type { Clock } from "../shared/ports";
import { AlbumsService } from "./albums.service";
import { PhotosRepository } from "./photos.repository";
import { PhotosService } from "./photos.service";

export { photosRoutes } from "./photos.routes";
export { AlbumsService } from "./albums.service";
export { PhotosService } from "./photos.service";
export type { PhotoSettings, TimelineItem } from "./photos.model";

export function createPhotos(options: { db: Database; files: FilesService; clock: Clock }) {
  const repository = new PhotosRepository(options.db);
  return {
    photos: new PhotosService({ repository, files: options.files, clock: options.clock }),
    albums: new AlbumsService({ repository, clock: options.clock }),
  };
}

export type PhotosCapability = ReturnType<typeof createPhotos>;
