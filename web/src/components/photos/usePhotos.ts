import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/errors';
import { PhotoLoader } from './loader';
import { photosApi, type Source, type Summary } from './photos-api';

const SUMMARY_EVERY_MS = 30_000;

export interface PhotosState {
  summary: Summary | null;
  loader: PhotoLoader | null;
  error: string;
  /** Reads the summary again (after an upload, a change of settings, photos that came or went). */
  reload: () => Promise<void>;
}

const sameShape = (a: Summary, b: Summary) =>
  a.total === b.total && a.groups.length === b.groups.length && a.groups.every((g, i) => g.start === b.groups[i]!.start && g.count === b.groups[i]!.count);

/**
 * The summary of a source and a loader for its photos. The summary is read
 * again every 30 s (and on demand); a new loader is made only when it changed,
 * so the photos already loaded stay on screen.
 */
export function usePhotos(source: Source): PhotosState {
  const [state, setState] = useState<{ summary: Summary | null; loader: PhotoLoader | null; error: string }>({ summary: null, loader: null, error: '' });
  const [, setTick] = useState(0);
  const current = useRef(state);
  current.current = state;
  const key = source.kind === 'album' ? `album:${source.id}` : 'timeline';

  const reload = useCallback(async () => {
    try {
      const summary = await photosApi.summary(source);
      const known = current.current.summary;
      if (known && current.current.loader && sameShape(known, summary)) return;
      const loader = new PhotoLoader(summary, (cursor, limit) => photosApi.page(source, cursor, limit), () => setTick((n) => n + 1), () => void reload());
      setState({ summary, loader, error: '' });
    } catch (error) {
      setState((previous) => ({ ...previous, error: errorMessage(error) }));
    }
  }, [key]);

  useEffect(() => {
    setState({ summary: null, loader: null, error: '' });
    void reload();
    const timer = setInterval(() => !document.hidden && void reload(), SUMMARY_EVERY_MS);
    return () => clearInterval(timer);
  }, [key]);

  return { ...state, reload };
}

/** Selected photos by file id, with the index of the last one clicked for Shift ranges. */
export function usePhotoSelection(loader: PhotoLoader | null) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  useEffect(() => setSelected(new Set()), [loader]);
  const toggle = (index: number, range: boolean) => {
    const item = loader?.items[index];
    if (!item) return;
    const next = new Set(selected);
    if (range && anchor.current !== null) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      for (let i = from; i <= to; i += 1) {
        const other = loader?.items[i];
        if (other) next.add(other.fileId);
      }
    } else if (next.has(item.fileId)) next.delete(item.fileId);
    else next.add(item.fileId);
    anchor.current = index;
    setSelected(next);
  };
  const clear = () => {
    anchor.current = null;
    setSelected(new Set());
  };
  return { selected, ids: [...selected], toggle, clear };
}
