import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { groupResults } from './groups';
import { openResult } from './open-result';
import { NO_FILTERS, type SearchFilters, type SearchResult } from './search-api';
import { LISTBOX_ID, optionId, SearchFilterBar, SearchResults } from './SearchPanel';
import { useSearch } from './useSearch';
import './search.css';

function SearchIcon({ size = 20 }: { size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}

function StrokeIcon({ d }: { d: string }) {
  return (
    <svg class="icon" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
const CLEAR = 'M18 6 6 18M6 6l12 12';
const BACK = 'M19 12H5M11 18l-6-6 6-6';

/** Closes the panel on a press outside it, and focuses the box on "/" typed anywhere else. */
function useGlobalKeys(root: { current: HTMLElement | null }, input: { current: HTMLInputElement | null }, open: boolean, close: () => void) {
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (open && !root.current?.contains(event.target as Node)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
}

interface FieldProps {
  query: string;
  overlay: boolean;
  expanded: boolean;
  active: number;
  input: RefObject<HTMLInputElement>;
  onQuery: (query: string) => void;
  onOpen: () => void;
  onClose: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
}

/** The input (a combobox over the results list), with Clear, and Back on a phone. */
function SearchField({ query, overlay, expanded, active, input, onQuery, onOpen, onClose, onKeyDown }: FieldProps) {
  return (
    <div class="search-field">
      {overlay ? (
        <button type="button" class="search-field-button" aria-label={t('search.close')} onClick={onClose}>
          <StrokeIcon d={BACK} />
        </button>
      ) : (
        <SearchIcon size={18} />
      )}
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={LISTBOX_ID}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        maxLength={200}
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(event) => (onQuery(event.currentTarget.value), onOpen())}
        // Opens on a click or a key, not on focus: focus coming back from a preview must not reopen the results.
        onClick={onOpen}
        onKeyDown={onKeyDown}
      />
      {query && (
        <button type="button" class="search-field-button" aria-label={t('search.clear')} onClick={() => (onQuery(''), input.current?.focus())}>
          <StrokeIcon d={CLEAR} />
        </button>
      )}
    </div>
  );
}

/** ↑/↓ move through the results (opening them if closed), Enter opens the active one, Escape closes. */
function resultKeys(count: number, move: (step: number) => void, choose: () => void, open: () => void, close: () => void) {
  return (event: KeyboardEvent) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 && event.key !== 'Enter' && event.key !== 'Escape') return;
    event.preventDefault();
    if (event.key === 'Enter') choose();
    else if (event.key === 'Escape') close();
    else {
      open();
      if (count) move(step);
    }
  };
}

/** Which of the search box's panels show: the results (open) and, on phones, the full-screen box (overlay). */
function usePanels(input: RefObject<HTMLInputElement>, toggle: RefObject<HTMLButtonElement>) {
  const [open, setOpen] = useState(false);
  const [overlay, setOverlay] = useState(false);
  useEffect(() => {
    if (overlay) input.current?.focus();
  }, [overlay]);
  const close = (refocus = false) => {
    setOpen(false);
    if (!overlay) return;
    setOverlay(false);
    if (refocus) toggle.current?.focus();
  };
  return { open, overlay, show: () => setOpen(true), showOverlay: () => (setOverlay(true), setOpen(true)), close };
}

/**
 * The search box of the top bar: results as you type, grouped by kind, with
 * type and date filters; ↑/↓ move, Enter opens, Escape closes. On a phone it
 * is an icon that opens the same box over the whole width of the screen.
 */
export function SearchBox() {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [active, setActive] = useState(-1);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panels = usePanels(input, toggle);
  const state = useSearch(query, filters);
  const ordered = groupResults(state.results).flatMap((group) => group.items.map((item) => item.result));
  useEffect(() => setActive(ordered.length ? 0 : -1), [state.results]);
  useGlobalKeys(root, input, panels.open, () => panels.close());

  // Focus stays in the box (or goes back to its icon on a phone): a page whose
  // focus fell to <body> may hand it to its own list as it loads.
  const choose = (result: SearchResult | undefined) => result && openResult(result) && panels.close(true);
  const move = (step: number) => setActive((current) => Math.min(ordered.length - 1, Math.max(0, current + step)));
  // Enter typed before the results of what is in the box came back must not
  // open a result of the previous words: it opens the first new one on arrival.
  const enterWhenAnswered = useRef(false);
  const current = state.answered === query.trim() && !state.loading;
  useEffect(() => {
    if (!enterWhenAnswered.current || !current) return;
    enterWhenAnswered.current = false;
    choose(ordered[0]);
  }, [current, state.results]);
  const onEnter = () => (current ? choose(ordered[Math.max(0, active)]) : (enterWhenAnswered.current = true));
  const onKeyDown = resultKeys(ordered.length, move, onEnter, panels.show, () => panels.close(true));
  const filtered = filters.kinds.length > 0 || filters.from !== '' || filters.to !== '';
  return (
    <div class={panels.overlay ? 'search is-overlay' : 'search'} ref={root}>
      <button ref={toggle} type="button" class="search-toggle" aria-label={t('search.open')} onClick={panels.showOverlay}>
        <SearchIcon />
      </button>
      <div class="search-box" role="search">
        <SearchField query={query} overlay={panels.overlay} expanded={panels.open && query.trim() !== ''} active={active} input={input}
          onQuery={setQuery} onOpen={panels.show} onClose={() => panels.close(true)} onKeyDown={onKeyDown} />
        {(panels.open || panels.overlay) && (
          <div class="search-panel">
            <SearchFilterBar filters={filters} onChange={setFilters} />
            <SearchResults query={query} state={state} filtered={filtered} active={active} onOpen={choose} />
            {ordered.length > 0 && <p class="search-keys" aria-hidden="true">{t('search.keys')}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
