import { request } from '../../api';
import { contentUrl } from '../drive/files-api';

// The Photos part of the appliance's HTTP API (/api/photos) and the media
// URLs its tiles and lightbox load (/api/media/thumbnail, /api/files/content).

export interface PhotoItem {
  fileId: number;
  path: string;
  name: string;
  mime: string;
  kind: 'image' | 'video';
  takenAt: number;
  offset: number | null;
  dateSource: 'exif' | 'video' | 'mtime';
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbhash: string | null;
  thumbs: 'pending' | 'ready' | 'failed';
  thumbVersion: string | null;
}

export interface PhotoPage {
  items: PhotoItem[];
  next: string | null;
}

export interface Summary {
  total: number;
  groups: Array<{ day: string; count: number; start: string }>;
  months: Array<{ month: string; count: number }>;
  years: Array<{ year: number; count: number }>;
}

export interface PhotoDetail {
  item: PhotoItem;
  size: number;
  sha256: string | null;
  camera: { make: string | null; model: string | null; lens: string | null };
  exposure: { exposureTime: number | null; fNumber: number | null; iso: number | null; focalLength: number | null };
  location: { latitude: number; longitude: number; text: string } | null;
  duplicates: Array<{ fileId: number; path: string }>;
  albums: Array<{ id: number; name: string }>;
}

export interface Album {
  id: number;
  name: string;
  count: number;
  cover: PhotoItem | null;
  coverChosen: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface PhotoSettings {
  folders: string[] | null;
  uploadFolder: string;
}

/** Where a listing comes from: the whole timeline or one album. */
export type Source = { kind: 'timeline' } | { kind: 'album'; id: number };

/** The viewer's UTC offset, minutes east: places photos whose camera recorded none. */
export const viewerOffset = () => -new Date().getTimezoneOffset();

/** The cursor whose page starts just after this photo (same form as the server's `next`). */
export const cursorAfter = (item: Pick<PhotoItem, 'takenAt' | 'fileId'>) => `${item.takenAt}_${item.fileId}`;

export function thumbnailUrl(item: PhotoItem, size: 'small' | 'preview' = 'small'): string {
  return `/api/media/thumbnail?id=${item.fileId}&size=${size}${item.thumbVersion ? `&v=${item.thumbVersion}` : ''}`;
}

/** The original, for videos (played with Range) and downloads. */
export const originalUrl = (item: PhotoItem, inline = true) => contentUrl(item.path, inline);

const base = (source: Source) => (source.kind === 'timeline' ? '/api/photos' : `/api/photos/albums/${source.id}`);

export const photosApi = {
  page: (source: Source, cursor: string | null, limit: number) =>
    request<PhotoPage>('GET', `${base(source)}/${source.kind === 'timeline' ? 'timeline' : 'items'}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  summary: (source: Source) => request<Summary>('GET', `${base(source)}/summary?tz=${viewerOffset()}`),
  item: (fileId: number) => request<PhotoDetail>('GET', `/api/photos/items/${fileId}`),
  albums: () => request<{ albums: Album[] }>('GET', '/api/photos/albums'),
  album: (id: number) => request<Album>('GET', `/api/photos/albums/${id}`),
  createAlbum: (name: string, fileIds?: number[]) => request<Album>('POST', '/api/photos/albums', fileIds?.length ? { name, fileIds } : { name }),
  updateAlbum: (id: number, changes: { name?: string; coverFileId?: number | null }) => request<Album>('PATCH', `/api/photos/albums/${id}`, changes),
  deleteAlbum: (id: number) => request<void>('DELETE', `/api/photos/albums/${id}`),
  addToAlbum: (id: number, fileIds: number[]) => request<{ added: number; album: Album }>('POST', `/api/photos/albums/${id}/items`, { fileIds }),
  removeFromAlbum: (id: number, fileIds: number[]) => request<{ removed: number; album: Album }>('POST', `/api/photos/albums/${id}/items/remove`, { fileIds }),
  settings: () => request<PhotoSettings>('GET', '/api/photos/settings'),
  saveSettings: (settings: PhotoSettings) => request<PhotoSettings>('PUT', '/api/photos/settings', settings),
  /** The folder for uploads made now (the person's month, not the box's). */
  uploadFolder: () => {
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    return request<{ path: string }>('POST', '/api/photos/upload-folder', { month });
  },
};
