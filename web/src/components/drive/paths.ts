// Drive paths are absolute, '/'-separated, without a trailing slash ("/" is the root).

export function joinPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** "/a/b" → ["a", "b"]. */
export function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** True when `path` is `folder` itself or inside it. */
export function isInside(path: string, folder: string): boolean {
  return path === folder || folder === '/' || path.startsWith(`${folder}/`);
}

/** "report.pdf" → ["report", ".pdf"]; ".bashrc" and "notes" have no extension. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** "photo.jpg", 2 → "photo (2).jpg" (the name the box also gives on restore). */
export function numberedName(name: string, n: number): string {
  const [stem, ext] = splitExtension(name);
  return `${stem} (${n})${ext}`;
}

/** A name a person typed, checked as the box will: one path segment. Returns an i18n key or null. */
export function nameProblem(name: string): 'drive.nameEmpty' | 'drive.nameSlash' | 'drive.nameDots' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'drive.nameEmpty';
  if (trimmed.includes('/') || trimmed.includes('\\')) return 'drive.nameSlash';
  if (trimmed === '.' || trimmed === '..') return 'drive.nameDots';
  return null;
}

// The address bar mirrors the folder: /drive/Photos/2024 (each segment encoded).
export const DRIVE_ROOT = '/drive';
export const TRASH_ROUTE = '/drive-trash';

export function driveHref(folder: string): string {
  const parts = segments(folder).map(encodeURIComponent);
  return parts.length ? `${DRIVE_ROOT}/${parts.join('/')}` : DRIVE_ROOT;
}

/** The folder an address shows, or null when the address is not Drive's. */
export function folderOfRoute(pathname: string): string | null {
  if (pathname !== DRIVE_ROOT && !pathname.startsWith(`${DRIVE_ROOT}/`)) return null;
  const rest = segments(pathname.slice(DRIVE_ROOT.length));
  try {
    return `/${rest.map((part) => decodeURIComponent(part)).join('/')}`;
  } catch {
    return '/';
  }
}
