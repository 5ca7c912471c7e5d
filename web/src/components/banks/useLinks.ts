import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { banksApi, type BillLink, type Reimbursement } from './banks-api';

// The bills linked to the transactions on screen, asked for in batches as the
// list scrolls (each transaction once), kept until the list is read again.

const BATCH_MAX = 500;
const SETTLE_MS = 120;

export interface LinksOf {
  links: ReadonlyMap<number, BillLink[]>;
  reimbursements: ReadonlyMap<number, Reimbursement>;
  /** The transactions now in view (their links are fetched if not yet known). */
  show: (ids: readonly number[]) => void;
  /** Reads these transactions' links again (after a link was removed or made). */
  refresh: (ids: readonly number[]) => void;
  reset: () => void;
}

/** The links of these transactions replaced by the answer's. */
function mergeLinks(previous: ReadonlyMap<number, BillLink[]>, ids: readonly number[], links: readonly BillLink[]): Map<number, BillLink[]> {
  const next = new Map(previous);
  for (const id of ids) next.delete(id);
  for (const link of links) next.set(link.transactionId, [...(next.get(link.transactionId) ?? []), link]);
  return next;
}

function mergeReimbursements(previous: ReadonlyMap<number, Reimbursement>, ids: readonly number[], list: readonly Reimbursement[]): Map<number, Reimbursement> {
  const next = new Map(previous);
  for (const id of ids) next.delete(id);
  for (const r of list) next.set(r.transactionId, r);
  return next;
}

export function useLinks(): LinksOf {
  const [links, setLinks] = useState<Map<number, BillLink[]>>(new Map());
  const [reimbursements, setReimbursements] = useState<Map<number, Reimbursement>>(new Map());
  const asked = useRef(new Set<number>());
  const pending = useRef(new Set<number>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Until the linking part of the box answers (older boxes have no /links), nothing is asked.
  const available = useRef(true);

  const fetchIds = useCallback(async (ids: number[]) => {
    if (!available.current || ids.length === 0) return;
    try {
      const answer = await banksApi.links(ids);
      setLinks((previous) => mergeLinks(previous, ids, answer.links));
      setReimbursements((previous) => mergeReimbursements(previous, ids, answer.reimbursements));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) available.current = false;
      for (const id of ids) asked.current.delete(id);
    }
  }, []);

  const flush = useCallback(() => {
    timer.current = undefined;
    const ids = [...pending.current].slice(0, BATCH_MAX);
    for (const id of ids) pending.current.delete(id);
    void fetchIds(ids);
    if (pending.current.size) timer.current = setTimeout(flush, 0);
  }, [fetchIds]);

  const show = useCallback((ids: readonly number[]) => {
    for (const id of ids) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      pending.current.add(id);
    }
    if (pending.current.size && !timer.current) timer.current = setTimeout(flush, SETTLE_MS);
  }, [flush]);

  const refresh = useCallback((ids: readonly number[]) => void fetchIds([...ids]), [fetchIds]);
  const reset = useCallback(() => {
    asked.current.clear();
    setLinks(new Map());
    setReimbursements(new Map());
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return { links, reimbursements, show, refresh, reset };
}
