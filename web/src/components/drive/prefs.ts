import { useState } from 'preact/hooks';
import { getLocale } from '../../i18n';
import type { Entry } from './files-api';

// View choices remembered on this browser.

function read<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = localStorage.getItem(key);
    return allowed.includes(value as T) ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

export function useStoredChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, allowed, fallback));
  const set = (next: T) => {
    setValue(next);
    try {
      localStorage.setItem(key, next);
    } catch {
      // Storage can be disabled: the choice then lasts for this page.
    }
  };
  return [value, set];
}

export type ViewMode = 'list' | 'grid';
export const VIEW_MODES: readonly ViewMode[] = ['list', 'grid'];
export type SortKey = 'name' | 'mtime' | 'size';
export type SortDir = 'asc' | 'desc';
/** "name-asc", "mtime-desc"… */
export type SortChoice = `${SortKey}-${SortDir}`;
export const SORTS: readonly SortChoice[] = ['name-asc', 'name-desc', 'mtime-desc', 'mtime-asc', 'size-desc', 'size-asc'];

export function parseSort(choice: SortChoice): [SortKey, SortDir] {
  return choice.split('-') as [SortKey, SortDir];
}

/** Folders first, then by the chosen key; names compare as people read them ("file 2" < "file 10"). */
export function sortEntries(entries: Entry[], choice: SortChoice): Entry[] {
  const [key, dir] = parseSort(choice);
  const collator = new Intl.Collator(getLocale(), { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
    const byName = collator.compare(a.name, b.name);
    const primary = key === 'name' ? byName : key === 'size' ? a.size - b.size : a.mtime - b.mtime;
    return sign * (primary || byName);
  });
}
