// Where a share link leads: /s/<token> is the shared item itself, and
// /s/<token>/Day%201/Beach a folder inside it. Paths here are always relative
// to the shared item ("/" being the item), as the public API answers them.

export const SHARE_PREFIX = '/s/';

export interface ShareRoute {
  token: string;
  /** A path inside the share: "/" or "/Day 1/Beach". */
  inner: string;
}

export function isSharePath(pathname: string): boolean {
  return pathname.startsWith(SHARE_PREFIX);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseShareRoute(pathname: string): ShareRoute {
  const [token = '', ...rest] = pathname.slice(SHARE_PREFIX.length).split('/');
  const segments = rest.map(decode).filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return { token: decode(token), inner: `/${segments.join('/')}` };
}

export function shareHref(token: string, inner = '/'): string {
  const segments = inner.split('/').filter(Boolean).map(encodeURIComponent);
  return `${SHARE_PREFIX}${encodeURIComponent(token)}${segments.length ? `/${segments.join('/')}` : ''}`;
}

/** "/Day 1/Beach" → [{name:'Day 1', path:'/Day 1'}, {name:'Beach', path:'/Day 1/Beach'}] */
export function crumbsOf(inner: string): Array<{ name: string; path: string }> {
  const segments = inner.split('/').filter(Boolean);
  return segments.map((name, index) => ({ name, path: `/${segments.slice(0, index + 1).join('/')}` }));
}

export function joinInner(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}
