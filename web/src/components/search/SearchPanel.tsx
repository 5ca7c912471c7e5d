import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { parentOf } from '../drive/paths';
import { groupResults, KIND_FILTERS } from './groups';
import { Marked } from './Marked';
import { hrefOf } from './open-result';
import type { SearchFilters, SearchResult } from './search-api';
import type { SearchState } from './useSearch';

export const LISTBOX_ID = 'search-results';
export const optionId = (index: number) => `search-result-${index}`;

interface FiltersProps {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
}

/** Type chips (none pressed = every type) and a date range. */
export function SearchFilterBar({ filters, onChange }: FiltersProps) {
  const toggle = (kinds: string[]) => {
    const on = kinds.every((kind) => filters.kinds.includes(kind));
    const next = on ? filters.kinds.filter((kind) => !kinds.includes(kind)) : [...filters.kinds, ...kinds];
    onChange({ ...filters, kinds: next });
  };
  return (
    <div class="search-filters" role="group" aria-label={t('search.filters')}>
      <div class="search-chips" role="group" aria-label={t('search.kinds')}>
        {KIND_FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            class="search-chip"
            aria-pressed={filter.kinds.every((kind) => filters.kinds.includes(kind)) ? 'true' : 'false'}
            onClick={() => toggle(filter.kinds)}
          >
            {t(filter.label)}
          </button>
        ))}
      </div>
      <DateRange filters={filters} onChange={onChange} />
    </div>
  );
}

/** From and To (local days, either may be empty), and a reset of every filter. */
function DateRange({ filters, onChange }: FiltersProps) {
  const filtered = filters.kinds.length > 0 || filters.from !== '' || filters.to !== '';
  return (
    <div class="search-dates">
      <label>
        <span>{t('search.from')}</span>
        <input type="date" value={filters.from} max={filters.to || undefined} onInput={(e) => onChange({ ...filters, from: e.currentTarget.value })} />
      </label>
      <label>
        <span>{t('search.to')}</span>
        <input type="date" value={filters.to} min={filters.from || undefined} onInput={(e) => onChange({ ...filters, to: e.currentTarget.value })} />
      </label>
      {filtered && (
        <button type="button" class="search-reset" onClick={() => onChange({ kinds: [], from: '', to: '' })}>
          {t('search.resetFilters')}
        </button>
      )}
    </div>
  );
}

function ResultOption({ result, index, active, onOpen }: { result: SearchResult; index: number; active: boolean; onOpen: (result: SearchResult) => void }) {
  const showSnippet = result.snippetHtml && result.snippetHtml !== result.titleHtml;
  const folder = result.path ? parentOf(result.path) : null;
  return (
    <li
      id={optionId(index)}
      role="option"
      aria-selected={active ? 'true' : 'false'}
      class={hrefOf(result) ? 'search-result' : 'search-result is-inert'}
      // Keeps the focus in the box: the click opens the result, the input stays the one place keys go.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onOpen(result)}
    >
      <Marked class="search-result-title" html={result.titleHtml} />
      <span class="search-result-meta">
        {folder && <span class="search-result-folder">{t('search.in', { folder: folder === '/' ? t('drive.myFiles') : folder })}</span>}
        {result.date !== null && <span class="search-result-date">{formatDateTime(result.date)}</span>}
      </span>
      {showSnippet && <Marked class="search-result-snippet" html={result.snippetHtml} />}
    </li>
  );
}

interface ResultsProps {
  query: string;
  state: SearchState;
  filtered: boolean;
  active: number;
  onOpen: (result: SearchResult) => void;
}

function statusText({ query, state, filtered }: ResultsProps): string {
  if (!query.trim()) return t('search.hint');
  if (state.failed) return t('search.failed');
  if (state.loading && state.answered !== query.trim()) return t('search.searching');
  if (state.results.length === 0) return t(filtered ? 'search.noneFiltered' : 'search.none', { q: query.trim() });
  return t('search.count', { count: state.results.length });
}

/** Results grouped by kind, as one listbox the arrow keys walk through. */
export function SearchResults(props: ResultsProps) {
  const groups = groupResults(props.state.results);
  const quiet = !props.query.trim() || props.state.failed || props.state.results.length === 0;
  return (
    <div class="search-results" aria-busy={props.state.loading ? 'true' : undefined}>
      <p class={quiet ? 'search-status is-alone' : 'search-status'} role="status">
        {statusText(props)}
      </p>
      <ul id={LISTBOX_ID} role="listbox" aria-label={t('search.results')} hidden={groups.length === 0}>
        {groups.map((group) => (
          <li key={group.kind} role="presentation" class="search-group">
            <p class="search-group-title" aria-hidden="true">{t(group.label)}</p>
            <ul role="group" aria-label={t(group.label)}>
              {group.items.map(({ result, index }) => (
                <ResultOption key={result.ref} result={result} index={index} active={index === props.active} onOpen={props.onOpen} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
