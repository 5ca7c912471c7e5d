import { getLocale } from '../../i18n';
import { formatBytes } from '../../lib/format';

const DAY_MS = 86_400_000;

/** "3 December 2026"; with the time as well when the day is close enough for the hour to matter. */
export function formatExpiry(epochMs: number, now = Date.now()): string {
  const soon = epochMs - now < 2 * DAY_MS;
  return new Intl.DateTimeFormat(getLocale(), soon ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' }).format(epochMs);
}

/** "3 Dec 2026" for list columns. */
export function formatDay(epochMs: number): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(epochMs);
}

export function formatWhen(epochMs: number): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** Folders first, then by name as a person reads them ("file 2" before "file 10"). */
export function byFolderThenName<T extends { kind: 'file' | 'folder'; name: string }>(entries: readonly T[]): T[] {
  const collator = new Intl.Collator(getLocale(), { numeric: true, sensitivity: 'base' });
  return [...entries].sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
}

/** Like formatBytes, but small sizes read "46 bytes" / "46 octets" rather than "46 byte". */
export function formatSize(bytes: number): string {
  if (bytes >= 1000) return formatBytes(bytes);
  return new Intl.NumberFormat(getLocale(), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(Math.max(0, bytes));
}
