import { ApiError } from '../../api';
import { driveError } from './errors';
import { contentUrl, filesApi, zipUrl, type Entry, type TrashItem } from './files-api';
import { joinPath, numberedName, parentOf } from './paths';

// Work on several entries at once: each one is tried, and the ones that
// failed come back with the reason, so one problem does not hide the rest.

export interface Failure {
  name: string;
  message: string;
}
export interface Batch<T> {
  done: T[];
  failed: Failure[];
}

async function each<I extends { name: string }, T>(items: I[], work: (item: I) => Promise<T>): Promise<Batch<T>> {
  const batch: Batch<T> = { done: [], failed: [] };
  for (const item of items) {
    try {
      batch.done.push(await work(item));
    } catch (error) {
      batch.failed.push({ name: item.name, message: driveError(error) });
    }
  }
  return batch;
}

export const trashAll = (entries: Entry[]) => each(entries, (e) => filesApi.remove(e.path));

export const restoreAll = (items: TrashItem[]) => each(items, (item) => filesApi.restore(item.id));

export const moveAll = (entries: Entry[], folder: string) =>
  each(entries, (e) => filesApi.move(e.path, joinPath(folder, e.name)));

/** A copy into the same folder is named "name (2)", "name (3)"… */
async function copyOne(entry: Entry, folder: string): Promise<Entry> {
  const sameFolder = parentOf(entry.path) === folder;
  for (let n = sameFolder ? 2 : 1; ; n += 1) {
    const name = n === 1 ? entry.name : numberedName(entry.name, n);
    try {
      return await filesApi.copy(entry.path, joinPath(folder, name));
    } catch (error) {
      const again = error instanceof ApiError && (error.code === 'exists' || error.code === 'same_place') && sameFolder && n < 50;
      if (!again) throw error;
    }
  }
}

export const copyAll = (entries: Entry[], folder: string) => each(entries, (e) => copyOne(e, folder));

/** Starts one download per file (and per folder as a zip, when the box offers it). */
export function downloadAll(entries: Entry[], zip: boolean): void {
  for (const entry of entries) {
    if (entry.kind === 'folder' && !zip) continue;
    const link = document.createElement('a');
    link.href = entry.kind === 'folder' ? zipUrl(entry.path) : contentUrl(entry.path);
    link.download = entry.kind === 'folder' ? `${entry.name}.zip` : entry.name;
    document.body.append(link);
    link.click();
    link.remove();
  }
}

/** "a.txt: reason; b: reason" for a notice. */
export function describeFailures(failed: Failure[]): string {
  return failed.map((f) => `${f.name}: ${f.message}`).join(' · ');
}
