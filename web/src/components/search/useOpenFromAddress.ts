import { useEffect, useState } from 'preact/hooks';
import type { Entry } from '../drive/files-api';
import { OPEN_EVENT, OPEN_PARAM } from './open-result';

/**
 * For the Drive screen: when the address carries `?open=<name>` (a search
 * result was chosen), selects that entry of the listing and opens it once the
 * listing is there, then drops the parameter so a reload does not open it again.
 */
export function useOpenFromAddress(entries: Entry[] | null, open: (entry: Entry) => void, select: (path: string) => void): void {
  const [visits, setVisits] = useState(0);
  useEffect(() => {
    const again = () => setVisits((n) => n + 1);
    window.addEventListener(OPEN_EVENT, again);
    window.addEventListener('popstate', again);
    return () => {
      window.removeEventListener(OPEN_EVENT, again);
      window.removeEventListener('popstate', again);
    };
  }, []);
  useEffect(() => {
    if (!entries) return;
    const name = new URLSearchParams(window.location.search).get(OPEN_PARAM);
    if (name === null) return;
    history.replaceState(history.state, '', window.location.pathname);
    const entry = entries.find((e) => e.name === name);
    if (!entry) return;
    select(entry.path);
    open(entry);
  }, [entries, visits]);
}
