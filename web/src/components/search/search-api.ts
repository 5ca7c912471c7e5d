import { ApiError, NETWORK_ERROR } from '../../api';

// GET /api/search: the signed-in person's documents matching what is typed.

export interface SearchResult {
  ref: string;
  kind: string;
  title: string;
  /** HTML-escaped title, matched words in <mark></mark>. Rendered by <Marked>, never as HTML. */
  titleHtml: string;
  path: string | null;
  snippetHtml: string;
  score: number;
  date: number | null;
}

export interface SearchFilters {
  kinds: string[];
  /** Local calendar dates, YYYY-MM-DD, or '' for none. */
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilters = { kinds: [], from: '', to: '' };
export const RESULT_LIMIT = 20;

/** Start of a local day ("2024-07-14" → that midnight here), in epoch ms. */
function startOfDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
}

function endOfDay(date: string): number {
  return startOfDay(date) + 86_400_000 - 1;
}

export function searchUrl(q: string, filters: SearchFilters): string {
  const params = new URLSearchParams({ q, limit: String(RESULT_LIMIT) });
  if (filters.kinds.length) params.set('kind', filters.kinds.join(','));
  if (filters.from) params.set('from', String(Math.max(0, startOfDay(filters.from))));
  if (filters.to) params.set('to', String(Math.max(0, endOfDay(filters.to))));
  return `/api/search?${params}`;
}

export async function fetchResults(q: string, filters: SearchFilters, signal: AbortSignal): Promise<SearchResult[]> {
  let response: Response;
  try {
    response = await fetch(searchUrl(q, filters), { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? response.statusText);
  }
  return ((await response.json()) as { results: SearchResult[] }).results;
}
