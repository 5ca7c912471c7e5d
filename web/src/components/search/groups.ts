import type { MessageKey } from '../../i18n';
import type { SearchResult } from './search-api';

// Results come ranked; the box shows them grouped by kind (in this order),
// keeping the rank inside each group.

export const KIND_FILTERS: readonly { kinds: string[]; label: MessageKey }[] = [
  { kinds: ['document'], label: 'search.kind.document' },
  { kinds: ['photo'], label: 'search.kind.photo' },
  { kinds: ['video'], label: 'search.kind.video' },
  { kinds: ['folder'], label: 'search.kind.folder' },
  { kinds: ['file'], label: 'search.kind.file' },
];

const GROUP_ORDER = ['folder', 'document', 'photo', 'video', 'file'];
const GROUP_LABELS: Record<string, MessageKey> = {
  folder: 'search.kind.folder',
  document: 'search.kind.document',
  photo: 'search.kind.photo',
  video: 'search.kind.video',
  file: 'search.kind.file',
};

export interface ResultGroup {
  kind: string;
  label: MessageKey;
  /** Each result with its position in the whole list (for the keyboard). */
  items: { result: SearchResult; index: number }[];
}

function rankOf(kind: string): number {
  const known = GROUP_ORDER.indexOf(kind);
  return known === -1 ? GROUP_ORDER.length : known;
}

/** Groups in a fixed order of kinds; the flat order (arrow keys) follows the groups as shown. */
export function groupResults(results: SearchResult[]): ResultGroup[] {
  const byKind = new Map<string, SearchResult[]>();
  for (const result of results) byKind.set(result.kind, [...(byKind.get(result.kind) ?? []), result]);
  const kinds = [...byKind.keys()].sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
  let index = 0;
  return kinds.map((kind) => ({
    kind,
    label: GROUP_LABELS[kind] ?? 'search.kind.other',
    items: (byKind.get(kind) ?? []).map((result) => ({ result, index: index++ })),
  }));
}

export interface MarkedPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The server's marked HTML (escaped text whose only tags are <mark></mark>) as
 * plain text parts: rendered as text nodes, so nothing in a file's name or
 * content can ever become markup in the page.
 */
export function markedParts(html: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  for (const [i, chunk] of html.split(/<\/?mark>/).entries()) {
    if (chunk) parts.push({ text: unescape(chunk), marked: i % 2 === 1 });
  }
  return parts;
}
