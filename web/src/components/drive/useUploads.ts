import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../../api';
import { t } from '../../i18n';
import { formatBytes } from '../../lib/format';
import { UploadQueue, xhrSender, type UploadStats, type UploadTask } from '../../lib/upload';
import { totalBytes, type Picked } from '../../lib/upload-tree';
import { bySize, tusSender } from '../../lib/upload-tus';
import { driveError } from './errors';
import { filesApi, uploadUrl } from './files-api';
import { joinPath } from './paths';

export interface Uploads {
  tasks: UploadTask[];
  stats: UploadStats;
  queue: UploadQueue;
  /** Checks the free space, makes the folders, then queues the files. Resolves to a refusal message, or ''. */
  start: (picked: Picked, folder: string) => Promise<string>;
}

/** Only the deepest folders: `parents: true` makes the ones above them. */
function leaves(folders: string[]): string[] {
  return folders.filter((f) => !folders.some((other) => other.startsWith(`${f}/`)));
}

async function makeFolders(folder: string, relative: string[]): Promise<void> {
  for (const path of leaves(relative)) {
    try {
      await filesApi.createFolder(joinPath(folder, path), true);
    } catch (error) {
      // Dropping a folder that is already there adds to it.
      if (!(error instanceof ApiError && error.code === 'exists')) throw error;
    }
  }
}

const changed = new Set<() => void>();
const uploaded = new Set<(task: UploadTask) => void>();
let shared: UploadQueue | null = null;

/**
 * One queue for the page, so that uploads go on while the person browses
 * other folders, the Trash or Settings. Leaving the page asks first.
 */
function sharedQueue(): UploadQueue {
  if (shared) return shared;
  // A 401 mid-upload: any API call then takes the person back to sign in.
  const expired = () => void request('GET', '/api/auth/me').catch(() => undefined);
  shared = new UploadQueue({
    send: bySize(xhrSender(uploadUrl, expired), tusSender(expired)),
    onChange: () => changed.forEach((listener) => listener()),
    onUploaded: (task) => uploaded.forEach((listener) => listener(task)),
  });
  window.addEventListener('beforeunload', (event) => {
    if (shared?.stats().running) event.preventDefault();
  });
  return shared;
}

/** The upload queue as component state, redrawn at most every 150 ms while bytes flow. */
export function useUploads(onUploaded: (task: UploadTask) => void = () => undefined, onFolders: () => void = () => undefined): Uploads {
  const [, setTick] = useState(0);
  const uploadedRef = useRef(onUploaded);
  uploadedRef.current = onUploaded;
  const queue = sharedQueue();

  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const redraw = () => {
      pending ??= setTimeout(() => {
        pending = null;
        setTick((n) => n + 1);
      }, 150);
    };
    const done = (task: UploadTask) => uploadedRef.current(task);
    changed.add(redraw);
    uploaded.add(done);
    return () => {
      changed.delete(redraw);
      uploaded.delete(done);
      if (pending) clearTimeout(pending);
    };
  }, []);

  const start = async (picked: Picked, folder: string): Promise<string> => {
    if (picked.files.length === 0 && picked.folders.length === 0) return '';
    const needed = totalBytes(picked);
    try {
      const { freeBytes } = await filesApi.space();
      if (needed > freeBytes) return t('drive.upload.noSpace', { needed: formatBytes(needed), free: formatBytes(freeBytes) });
      await makeFolders(folder, picked.folders);
    } catch (error) {
      return driveError(error);
    }
    if (picked.folders.length) onFolders();
    queue.add(picked.files.map(({ file, relativePath }) => ({ file, path: joinPath(folder, relativePath), label: relativePath })));
    return '';
  };

  return { tasks: queue.tasks, stats: queue.stats(), queue, start };
}
