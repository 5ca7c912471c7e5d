import { t } from '../../i18n';
import { copyAll, describeFailures, moveAll, restoreAll, trashAll, type Batch } from './actions';
import { filesApi, type Entry, type TrashItem } from './files-api';
import { baseName, joinPath, parentOf } from './paths';
import type { ToastMessage } from './Toast';

interface Deps {
  folder: string;
  refresh: () => Promise<void>;
  toast: (message: ToastMessage) => void;
  fail: (message: string) => void;
}

const where = (folder: string) => (folder === '/' ? t('drive.myFiles') : baseName(folder));

/** What the toolbar, the keyboard and the dialogs do; each ends with a fresh listing and a word. */
export function useDriveActions({ folder, refresh, toast, fail }: Deps) {
  const report = async <T>(batch: Batch<T>, said: (done: T[]) => ToastMessage | null) => {
    await refresh();
    fail(batch.failed.length ? describeFailures(batch.failed) : '');
    const message = batch.done.length ? said(batch.done) : null;
    if (message) toast(message);
  };

  const restore = async (items: TrashItem[]) => {
    const batch = await restoreAll(items);
    await report(batch, (done) => ({ text: t('drive.restored', { count: done.length }) }));
  };

  const trash = async (entries: Entry[]) => {
    if (entries.length === 0) return;
    const batch = await trashAll(entries);
    await report(batch, (done) => ({
      text: done.length === 1 ? t('drive.trashedOne', { name: done[0]!.name }) : t('drive.trashed', { count: done.length }),
      action: { label: t('drive.undo'), run: () => void restore(done) },
    }));
  };

  const move = async (entries: Entry[], target: string) => {
    const batch = await moveAll(entries, target);
    await report(batch, (done) => ({ text: t('drive.moved', { count: done.length, folder: where(target) }) }));
  };

  const copy = async (entries: Entry[], target: string) => {
    const batch = await copyAll(entries, target);
    await report(batch, (done) => ({ text: t('drive.copiedTo', { count: done.length, folder: where(target) }) }));
  };

  /** Throws the box's refusal, for the dialog to show. */
  const rename = async (entry: Entry, name: string) => {
    if (name === entry.name) return;
    await filesApi.move(entry.path, joinPath(parentOf(entry.path), name));
    await refresh();
    toast({ text: t('drive.renamed', { name }) });
  };

  const newFolder = async (name: string) => {
    await filesApi.createFolder(joinPath(folder, name));
    await refresh();
    toast({ text: t('drive.folderCreated', { name }) });
  };

  return { trash, restore, move, copy, rename, newFolder };
}

export type DriveActions = ReturnType<typeof useDriveActions>;
