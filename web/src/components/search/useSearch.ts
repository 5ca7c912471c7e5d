import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchResults, type SearchFilters, type SearchResult } from './search-api';

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 150;

export interface SearchState {
  /** The query the results answer (they may lag behind what is typed). */
  answered: string;
  results: SearchResult[];
  loading: boolean;
  failed: boolean;
}

const IDLE: SearchState = { answered: '', results: [], loading: false, failed: false };

/**
 * Results as you type: waits DEBOUNCE_MS after the last keystroke, aborts the
 * request of an older query, and never lets a late answer overwrite a newer one.
 */
export function useSearch(query: string, filters: SearchFilters): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);
  const trimmed = query.trim();
  const filterKey = `${filters.kinds.join(',')}|${filters.from}|${filters.to}`;

  useEffect(() => {
    const ticket = ++latest.current;
    if (!trimmed) {
      setState(IDLE);
      return;
    }
    setState((current) => ({ ...current, loading: true }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchResults(trimmed, filters, controller.signal).then(
        (results) => ticket === latest.current && setState({ answered: trimmed, results, loading: false, failed: false }),
        () => ticket === latest.current && !controller.signal.aborted && setState({ answered: trimmed, results: [], loading: false, failed: true }),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, filterKey]);

  return state;
}
