import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { filesApi, type Listing } from './files-api';

export interface FolderState {
  listing: Listing | null;
  error: unknown;
  loading: boolean;
  /** Asks again, keeping what is shown meanwhile. */
  refresh: () => Promise<void>;
}

/** The listing of one folder; a new folder starts from "loading", a refresh does not. */
export function useFolder(folder: string): FolderState {
  const [state, setState] = useState<Omit<FolderState, 'refresh'>>({ listing: null, error: null, loading: true });
  const asked = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++asked.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const listing = await filesApi.list(folder);
      if (ticket === asked.current) setState({ listing, error: null, loading: false });
    } catch (error) {
      if (ticket === asked.current) setState((s) => ({ listing: s.listing, error, loading: false }));
    }
  }, [folder]);

  useEffect(() => {
    setState({ listing: null, error: null, loading: true });
    void load();
  }, [load]);

  return { ...state, refresh: load };
}
