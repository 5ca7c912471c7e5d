import { request } from '../../api';

// The anonymous side of share links. Every call expects 401 (a link that needs
// its password): it must never be taken for "the session has ended".

export interface SharedEntry {
  /** Path inside the share, "/" being the shared item itself. */
  path: string;
  name: string;
  kind: 'file' | 'folder';
  size: number;
  mtime: number;
  mime: string;
}

export interface ShareInfo extends SharedEntry {
  needsPassword: boolean;
  expiresAt: number | null;
}

const QUIET = { expect401: true };

function base(token: string): string {
  return `/api/public/shares/${encodeURIComponent(token)}`;
}

function withPath(url: string, inner: string | undefined): string {
  return inner && inner !== '/' ? `${url}?path=${encodeURIComponent(inner)}` : url;
}

export const shareApi = {
  info: (token: string) => request<ShareInfo>('GET', base(token), undefined, QUIET),
  unlock: (token: string, password: string) => request<void>('POST', `${base(token)}/unlock`, { password }, QUIET),
  list: (token: string, inner: string) =>
    request<{ entries: SharedEntry[] }>('GET', `${base(token)}/list?path=${encodeURIComponent(inner)}`, undefined, QUIET),
};

/** A file's bytes (sent as an attachment); the shared file itself when `inner` is left out. */
export function contentUrl(token: string, inner?: string): string {
  return withPath(`${base(token)}/content`, inner);
}

/** A folder of the share as one zip. */
export function zipUrl(token: string, inner?: string): string {
  return withPath(`${base(token)}/zip`, inner);
}
