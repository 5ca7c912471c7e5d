import type { JSX } from 'preact';
import type { MessageKey } from '../../i18n';
import { DRIVE_GLYPHS } from '../drive/DriveIcon';

// The share page's icons: the Drive's file-type glyphs, plus the few only it needs.
const ICONS = {
  folder: DRIVE_GLYPHS.folder,
  file: DRIVE_GLYPHS.file,
  text: DRIVE_GLYPHS.text,
  pdf: DRIVE_GLYPHS.pdf,
  image: DRIVE_GLYPHS.image,
  audio: DRIVE_GLYPHS.audio,
  video: DRIVE_GLYPHS.video,
  archive: DRIVE_GLYPHS.archive,
  download: DRIVE_GLYPHS.download,
  lock: DRIVE_GLYPHS.lock,
  brokenLink: (
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1M3 3l18 18" />
  ),
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  chevron: <path d="m9 6 6 6-6 6" />,
} satisfies Record<string, JSX.Element>;

export type ShareIconName = keyof typeof ICONS;

export function ShareIcon({ name, size = 20 }: { name: ShareIconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICONS[name]}
    </svg>
  );
}

export type SharedType = 'folder' | 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'other';

// Types a browser could run as a page: never previewed, whatever they claim.
const ACTIVE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)/;
const TEXTUAL = /^(text\/|application\/(json|x-yaml|yaml|toml|x-sh|sql|csv|x-ndjson))/;
const ARCHIVE = /(zip|x-tar|gzip|x-7z|x-rar|x-bzip2|x-xz|zstd)/;
// What every current browser draws in an <img> (HEIC and TIFF are not).
const VIEWABLE_IMAGE = /^image\/(jpeg|png|gif|webp|avif|bmp)$/;

export function typeOf(entry: { kind: 'file' | 'folder'; mime: string }): SharedType {
  if (entry.kind === 'folder') return 'folder';
  const mime = entry.mime.toLowerCase();
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('image/') && !ACTIVE.test(mime)) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (ARCHIVE.test(mime)) return 'archive';
  if (TEXTUAL.test(mime) && !ACTIVE.test(mime)) return 'text';
  return 'other';
}

export function canShowImage(mime: string): boolean {
  return VIEWABLE_IMAGE.test(mime.toLowerCase());
}

export const TYPE_ICON: Record<SharedType, ShareIconName> = {
  folder: 'folder', image: 'image', pdf: 'pdf', text: 'text', audio: 'audio', video: 'video', archive: 'archive', other: 'file',
};

export const TYPE_LABEL: Record<SharedType, MessageKey> = {
  folder: 'share.type.folder', image: 'share.type.image', pdf: 'share.type.pdf', text: 'share.type.text',
  audio: 'share.type.audio', video: 'share.type.video', archive: 'share.type.archive', other: 'share.type.other',
};
