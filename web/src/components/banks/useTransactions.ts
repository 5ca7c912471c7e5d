import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/errors';
import { banksApi, type Filters, type Transaction } from './banks-api';

// The transactions list's rows, read page by page (keyset cursor) as far down
// as the person scrolls; the total comes first so the list has its full
// height at once. A change of filters starts over; answers to older filters
// are dropped.

const PAGE = 200;

export interface TransactionRows {
  /** How many rows the filters give (null until known). */
  total: number | null;
  rows: Transaction[];
  error: string;
  /** Asks for rows up to this index (pages follow one another until it is loaded). */
  want: (index: number) => void;
  reload: () => void;
  /** Puts a changed row in place (a new category) without reading the list again. */
  replace: (row: Transaction) => void;
}

export function useTransactions(filters: Filters): TransactionRows {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Transaction[]>([]);
  const [error, setError] = useState('');
  const [generation, setGeneration] = useState(0);
  const state = useRef({ generation: 0, cursor: null as string | null, done: false, loading: false, loaded: 0, wanted: 0 });
  const key = JSON.stringify(filters);

  const pump = useCallback(async () => {
    const s = state.current;
    const mine = s.generation;
    while (!s.done && !s.loading && s.loaded <= s.wanted) {
      s.loading = true;
      try {
        const page = await banksApi.transactions(filters, s.cursor, PAGE);
        if (mine !== s.generation) return;
        s.cursor = page.nextCursor;
        s.done = page.nextCursor === null;
        s.loaded += page.transactions.length;
        setRows((previous) => [...previous, ...page.transactions]);
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
    Object.assign(s, { cursor: null, done: false, loading: false, loaded: 0, wanted: 60 });
    const mine = s.generation;
    setRows([]);
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
  const replace = useCallback((row: Transaction) => setRows((previous) => previous.map((old) => (old.id === row.id ? row : old))), []);
  return { total, rows, error, want, reload, replace };
}
