import { request } from '../../api';

// The Drive part of the appliance's HTTP API (/api/files, /api/shares).

export type EntryKind = 'file' | 'folder';
export interface Entry {
  id: number;
  path: string;
  name: string;
  kind: EntryKind;
  size: number;
  /** Epoch ms. */
  mtime: number;
  mime: string;
  sha256: string | null;
  etag: string;
}
export interface Listing {
  folder: Entry;
  entries: Entry[];
}
export interface TrashItem {
  id: number;
  originalPath: string;
  name: string;
  kind: EntryKind;
  size: number;
  deletedAt: number;
}
export interface Version {
  id: number;
  size: number;
  sha256: string | null;
  mtime: number;
  keptAt: number;
}
export interface Share {
  id: number;
  url: string;
  /** Null when the shared item is gone. */
  path: string | null;
  hasPassword: boolean;
  expiresAt: number | null;
  createdAt: number;
}
export interface Space {
  freeBytes: number;
  totalBytes: number;
}

const q = (path: string) => `path=${encodeURIComponent(path)}`;

export const contentUrl = (path: string, inline = false) => `/api/files/content?${q(path)}${inline ? '&inline=1' : ''}`;
export const versionUrl = (id: number) => `/api/files/versions/${id}/content`;
export const zipUrl = (path: string) => `/api/files/zip?${q(path)}`;
export const uploadUrl = (path: string, overwrite: boolean) =>
  `/api/files/content?${q(path)}${overwrite ? '&overwrite=1' : ''}`;

export const filesApi = {
  list: (path: string) => request<Listing>('GET', `/api/files?${q(path)}`),
  stat: (path: string) => request<Entry>('GET', `/api/files/stat?${q(path)}`),
  createFolder: (path: string, parents = false) =>
    request<Entry>('POST', '/api/files/folders', parents ? { path, parents } : { path }),
  move: (from: string, to: string, overwrite = false) => request<Entry>('POST', '/api/files/move', { from, to, overwrite }),
  copy: (from: string, to: string, overwrite = false) => request<Entry>('POST', '/api/files/copy', { from, to, overwrite }),
  remove: (path: string) => request<TrashItem>('DELETE', `/api/files?${q(path)}`),
  trash: () => request<{ items: TrashItem[] }>('GET', '/api/files/trash'),
  restore: (id: number) => request<Entry>('POST', `/api/files/trash/${id}/restore`),
  emptyTrash: () => request<{ removed: number }>('DELETE', '/api/files/trash'),
  versions: (path: string) => request<{ versions: Version[] }>('GET', `/api/files/versions?${q(path)}`),
  restoreVersion: (id: number) => request<Entry>('POST', `/api/files/versions/${id}/restore`),
  space: () => request<Space>('GET', '/api/files/space'),
  shares: (path: string) => request<{ shares: Share[] }>('GET', `/api/shares?${q(path)}`),
  createShare: (body: { path: string; password?: string; expiresAt?: number }) => request<Share>('POST', '/api/shares', body),
  revokeShare: (id: number) => request<void>('DELETE', `/api/shares/${id}`),
};

/** The first 256 KB of a text file, and whether there was more. */
export async function fetchTextHead(path: string, limit = 256 * 1024): Promise<{ text: string; truncated: boolean }> {
  const response = await fetch(contentUrl(path, true), {
    credentials: 'same-origin',
    headers: { Range: `bytes=0-${limit - 1}` },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const total = Number(/\/(\d+)$/.exec(response.headers.get('Content-Range') ?? '')?.[1] ?? buffer.byteLength);
  const bytes = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, limit));
  return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), truncated: total > bytes.byteLength };
}

type Feature = 'zip' | 'shares';
const features = new Map<Feature, Promise<boolean>>();

/**
 * Whether the box offers a newer endpoint: anything but 404 counts as present.
 * Asked once per page load, in ways that cost the box nothing: the zip route
 * with an empty path (refused as invalid when it exists), the share links of
 * the root folder (which always exists).
 */
export function hasFeature(feature: Feature): Promise<boolean> {
  let known = features.get(feature);
  if (!known) {
    const url = feature === 'zip' ? '/api/files/zip?path=' : `/api/shares?${q('/')}`;
    known = fetch(url, { credentials: 'same-origin' })
      .then((response) => response.status !== 404)
      .catch(() => false);
    features.set(feature, known);
  }
  return known;
}
