import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Entry } from './files-api';

export interface Selection {
  selected: ReadonlySet<string>;
  entries: Entry[];
  has: (path: string) => boolean;
  toggle: (path: string) => void;
  only: (path: string) => void;
  /** From the last item clicked to this one; `add` keeps what was already selected. */
  range: (path: string, add?: boolean) => void;
  all: () => void;
  clear: () => void;
}

/** Which entries are selected, by path (so a refresh keeps the selection). */
export function useSelection(items: Entry[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);

  useEffect(() => {
    const present = new Set(items.map((e) => e.path));
    setSelected((current) => {
      const kept = [...current].filter((p) => present.has(p));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, [items]);

  return useMemo(() => {
    const indexOf = (path: string | null) => items.findIndex((e) => e.path === path);
    const toggle = (path: string) => {
      anchor.current = path;
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(path)) next.add(path);
        return next;
      });
    };
    const only = (path: string) => {
      anchor.current = path;
      setSelected(new Set([path]));
    };
    const range = (path: string, add = false) => {
      const to = indexOf(path);
      const from = indexOf(anchor.current);
      if (to < 0) return;
      if (from < 0) return only(path);
      const [lo, hi] = from < to ? [from, to] : [to, from];
      const span = items.slice(lo, hi + 1).map((e) => e.path);
      setSelected((current) => new Set(add ? [...current, ...span] : span));
    };
    return {
      selected,
      entries: items.filter((e) => selected.has(e.path)),
      has: (path: string) => selected.has(path),
      toggle,
      only,
      range,
      all: () => setSelected(new Set(items.map((e) => e.path))),
      clear: () => setSelected(new Set()),
    };
  }, [items, selected]);
}
