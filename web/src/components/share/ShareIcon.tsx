import type { JSX } from 'preact';
import type { MessageKey } from '../../i18n';

// The share page's 24×24 stroke icons, drawn like components/Icon.tsx.
const DOC = 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z';
const ICONS = {
  folder: <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5h4.2l2 2.2h8.8A1.5 1.5 0 0 1 21 8.7v9.8a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z" />,
  file: <path d={`${DOC}M14 3v5h5`} />,
  text: <path d={`${DOC}M14 3v5h5M9 13h6M9 17h4`} />,
  pdf: <path d={`${DOC}M14 3v5h5M9 17v-4h1.5a1.3 1.3 0 0 1 0 2.6H9`} />,
  image: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="1.6" />
      <path d="m21 16-5-5-9 9" />
    </>
  ),
  audio: (
    <>
      <path d="M9 18V6l11-2v12" />
      <circle cx="6.5" cy="18" r="2.5" />
      <circle cx="17.5" cy="16" r="2.5" />
    </>
  ),
  video: (
    <>
      <rect x="3" y="5" width="13" height="14" rx="2" />
      <path d="m16 10 5-3v10l-5-3" />
    </>
  ),
  archive: (
    <>
      <rect x="3" y="4" width="18" height="5" rx="1" />
      <path d="M5 9v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V9M10 13h4" />
    </>
  ),
  download: <path d="M12 4v12m0 0-4.5-4.5M12 16l4.5-4.5M4 20h16" />,
  lock: (
    <>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </>
  ),
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
