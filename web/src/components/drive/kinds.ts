import type { MessageKey } from '../../i18n';
import type { DriveIconName } from './DriveIcon';
import type { Entry } from './files-api';

// What kind of thing a file is, for its icon and its preview.
export type FileType = 'folder' | 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'other';

// Never shown inline by the box (they could run as its pages).
const ACTIVE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)/;
const TEXTUAL = /^(text\/|application\/(json|x-yaml|yaml|toml|x-sh|sql|csv|x-ndjson))/;
const ARCHIVE = /(zip|x-tar|gzip|x-7z|x-rar|x-bzip2|x-xz|zstd)/;

export function fileTypeOf(entry: Pick<Entry, 'kind' | 'mime'>): FileType {
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

const BY_EXTENSION: Record<string, FileType> = {
  png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', webp: 'image', heic: 'image', avif: 'image', bmp: 'image',
  pdf: 'pdf', txt: 'text', md: 'text', csv: 'text', json: 'text', log: 'text',
  mp3: 'audio', m4a: 'audio', flac: 'audio', ogg: 'audio', wav: 'audio', opus: 'audio',
  mp4: 'video', mov: 'video', webm: 'video', mkv: 'video', avi: 'video',
  zip: 'archive', tar: 'archive', gz: 'archive', '7z': 'archive', rar: 'archive', xz: 'archive',
};

/** A guess from the name alone (the Trash does not keep the type). */
export function fileTypeOfName(name: string, kind: Entry['kind']): FileType {
  if (kind === 'folder') return 'folder';
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || 'other';
}

export function canPreview(entry: Entry): boolean {
  const type = fileTypeOf(entry);
  return type !== 'folder' && type !== 'other' && type !== 'archive';
}

export const TYPE_ICON: Record<FileType, DriveIconName> = {
  folder: 'folder', image: 'image', pdf: 'pdf', text: 'text', audio: 'audio', video: 'video', archive: 'archive', other: 'file',
};

export const TYPE_LABEL: Record<FileType, MessageKey> = {
  folder: 'drive.type.folder', image: 'drive.type.image', pdf: 'drive.type.pdf', text: 'drive.type.text',
  audio: 'drive.type.audio', video: 'drive.type.video', archive: 'drive.type.archive', other: 'drive.type.other',
};
