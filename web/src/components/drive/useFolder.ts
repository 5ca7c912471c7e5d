import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { filesApi, type Listing } from './files-api';

const EVERY_MS = 20_000;
const SETTLE_MS = 1_500;

export interface FolderState {
  listing: Listing | null;
  error: unknown;
  loading: boolean;
  /** Asks again for the folder shown now, keeping what is on screen meanwhile. */
  refresh: () => Promise<void>;
}

/**
 * The listing of one folder; a new folder starts from "loading", a refresh
 * does not. Only the latest answer for the folder shown now is kept, so a
 * late refresh of the previous folder cannot replace it.
 */
export function useFolder(folder: string): FolderState {
  const [state, setState] = useState<Omit<FolderState, 'refresh'>>({ listing: null, error: null, loading: true });
  const asked = useRef(0);
  const current = useRef(folder);
  current.current = folder;

  const refresh = useCallback(async () => {
    const target = current.current;
    const ticket = ++asked.current;
    const latest = () => ticket === asked.current && target === current.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const listing = await filesApi.list(target);
      if (latest()) setState({ listing, error: null, loading: false });
    } catch (error) {
      if (latest()) setState((s) => ({ listing: s.listing, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    setState({ listing: null, error: null, loading: true });
    void refresh();
  }, [folder, refresh]);

  // Changes also come from phones and computers (WebDAV, SMB): look again now
  // and then while the page is shown, and as soon as it is shown again.
  useEffect(() => {
    const timer = setInterval(() => !document.hidden && void refresh(), EVERY_MS);
    const onVisible = () => !document.hidden && void refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  // After a change of ours, look once more a moment later: the box's index
  // may still be settling the change it saw on its disk.
  const later = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshAfterChange = useCallback(async () => {
    if (later.current) clearTimeout(later.current);
    later.current = setTimeout(() => void refresh(), SETTLE_MS);
    await refresh();
  }, [refresh]);
  useEffect(() => () => void (later.current && clearTimeout(later.current)), []);

  return { ...state, refresh: refreshAfterChange };
}
