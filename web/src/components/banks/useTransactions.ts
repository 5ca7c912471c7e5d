import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/errors';
import { banksApi, type Filters, type Transaction } from './banks-api';

// The transactions list's rows, read page by page (keyset cursor) as far down
// as the person scrolls; the total comes first so the list has its full
// height at once. A change of filters starts over; answers to older filters
// are dropped. Rows are appended to one array (no copy per page: a jump to
// the end of 100,000 rows reads 200 pages).

const PAGE = 200;
/** When the rows wanted are far below the ones loaded (the scrollbar dragged), pages are as large as the API allows. */
const BIG_PAGE = 500;
/** Rows read ahead of the window, so that scrolling rarely meets a placeholder. */
const AHEAD = 150;

export interface TransactionRows {
  /** How many rows the filters give (null until known). */
  total: number | null;
  rows: readonly Transaction[];
  /** How many rows are loaded; changes whenever `rows` grows or changes. */
  loaded: number;
  error: string;
  /** Asks for rows up to this index (pages follow one another until it is loaded). */
  want: (index: number) => void;
  reload: () => void;
  /** Puts a changed row in place (a new category) without reading the list again. */
  replace: (row: Transaction) => void;
}

interface Cursor {
  generation: number;
  cursor: string | null;
  done: boolean;
  loading: boolean;
  wanted: number;
  rows: Transaction[];
}

export function useTransactions(filters: Filters): TransactionRows {
  const [total, setTotal] = useState<number | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [, setEdits] = useState(0);
  const [error, setError] = useState('');
  const [generation, setGeneration] = useState(0);
  const state = useRef<Cursor>({ generation: 0, cursor: null, done: false, loading: false, wanted: 0, rows: [] });
  const key = JSON.stringify(filters);

  const pump = useCallback(async () => {
    const s = state.current;
    const mine = s.generation;
    while (!s.done && !s.loading && s.rows.length <= s.wanted + AHEAD) {
      s.loading = true;
      try {
        const size = s.wanted - s.rows.length > BIG_PAGE * 2 ? BIG_PAGE : PAGE;
        const page = await banksApi.transactions(filters, s.cursor, size);
        if (mine !== s.generation) return;
        s.cursor = page.nextCursor;
        s.done = page.nextCursor === null;
        for (const row of page.transactions) s.rows.push(row);
        setLoaded(s.rows.length);
      } catch (cause) {
        if (mine === s.generation) setError(errorMessage(cause));
        s.done = true;
      } finally {
        if (mine === s.generation) s.loading = false;
      }
    }
  }, [key, generation]);

  useEffect(() => {
    const s = state.current;
    s.generation += 1;
    Object.assign(s, { cursor: null, done: false, loading: false, wanted: 0, rows: [] });
    const mine = s.generation;
    setLoaded(0);
    setTotal(null);
    setError('');
    banksApi.count(filters).then(
      ({ count }) => mine === s.generation && setTotal(count),
      (cause) => mine === s.generation && setError(errorMessage(cause)),
    );
    void pump();
  }, [pump]);

  const want = useCallback((index: number) => {
    const s = state.current;
    if (index <= s.wanted) return;
    s.wanted = index;
    void pump();
  }, [pump]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((row: Transaction) => {
    const rows = state.current.rows;
    const at = rows.findIndex((old) => old.id === row.id);
    if (at >= 0) rows[at] = row;
    setEdits((n) => n + 1);
  }, []);
  return { total, rows: state.current.rows, loaded, error, want, reload, replace };
}
