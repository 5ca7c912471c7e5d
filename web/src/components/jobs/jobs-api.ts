import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobsSummary } from '../../../../appliance/src/jobs/jobs.model';
import { request } from '../../api';
import { isMessageKey, t } from '../../i18n';

// Settings → Background work talks to /api/jobs: the summary arrives by
// server-sent events (EventSource), failures and retries are plain requests.

// The summary's shape is the service's own (types only: nothing of the server is bundled).
export type { JobsSummary, KindSummary } from '../../../../appliance/src/jobs/jobs.model';

export interface FailedJob {
  id: number;
  kind: string;
  subject: string;
  label: string | null;
  reason: string;
  attempts: number;
  failedAt: number | null;
}

export const jobsApi = {
  summary: () => request<JobsSummary>('GET', '/api/jobs/summary'),
  failures: () => request<{ failures: FailedJob[] }>('GET', '/api/jobs/failures'),
  retry: (id: number) => request<void>('POST', `/api/jobs/${id}/retry`),
  retryFailed: () => request<{ retried: number }>('POST', '/api/jobs/retry-failed'),
};

/** A kind's name for people; a kind this page does not know keeps its own name. */
export function kindName(kind: string): string {
  const key = `jobs.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

export type Connection = 'connecting' | 'live' | 'lost';

/** How long to wait before opening a stream the server closed (EventSource gives up after a non-200 answer). */
const REOPEN_MS = 5000;

/**
 * The live summary. EventSource reconnects by itself after a network drop;
 * after a refusal (the session ended, the box restarting) it does not, so the
 * page asks once by a plain request (a 401 there signs the person out as
 * everywhere else) and opens a new stream a little later.
 */
export function useJobsSummary(): { summary: JobsSummary | null; connection: Connection } {
  const [summary, setSummary] = useState<JobsSummary | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const source = useRef<EventSource | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const events = new EventSource('/api/jobs/events');
      source.current = events;
      events.addEventListener('summary', (event) => {
        setSummary(JSON.parse((event as MessageEvent<string>).data) as JobsSummary);
        setConnection('live');
      });
      events.onerror = () => {
        if (events.readyState !== EventSource.CLOSED) return setConnection('connecting');
        setConnection('lost');
        void jobsApi.summary().then((fresh) => !stopped && setSummary(fresh), () => undefined);
        timer = setTimeout(() => !stopped && open(), REOPEN_MS);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source.current?.close();
    };
  }, []);
  return { summary, connection };
}
