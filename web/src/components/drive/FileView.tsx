import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes, formatDateTime, formatRelative } from '../../lib/format';
import { onLinkClick } from '../../router';
import { DriveIcon } from './DriveIcon';
import { contentUrl, type Entry } from './files-api';
import { TYPE_ICON, fileTypeOf } from './kinds';
import { driveHref } from './paths';
import { parseSort, type SortChoice, type SortKey, type ViewMode } from './prefs';
import { fileKeyHandler } from './useFileKeys';
import type { Selection } from './useSelection';

interface Props {
  entries: Entry[];
  view: ViewMode;
  sort: SortChoice;
  onSort: (sort: SortChoice) => void;
  selection: Selection;
  label: string;
  onOpen: (entry: Entry) => void;
  onDelete: (entries: Entry[]) => void;
}

type ItemProps = {
  entry: Entry;
  index: number;
  focusable: boolean;
  selection: Selection;
  onOpen: (entry: Entry) => void;
  setFocus: (index: number) => void;
};

/** Clicks on the row (not its link or checkbox) select, as in a file manager. */
function rowClick({ entry, index, selection, setFocus }: ItemProps) {
  return (event: JSX.TargetedMouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest('a, input, button')) return;
    if (event.shiftKey) selection.range(entry.path, event.ctrlKey || event.metaKey);
    else if (event.ctrlKey || event.metaKey) selection.toggle(entry.path);
    else selection.only(entry.path);
    setFocus(index);
  };
}

function Check({ entry, selection }: ItemProps) {
  const onClick = (event: JSX.TargetedMouseEvent<HTMLInputElement>) => {
    if (event.shiftKey) {
      event.preventDefault();
      selection.range(entry.path, true);
    } else selection.toggle(entry.path);
  };
  return (
    <input
      type="checkbox"
      class="file-check"
      checked={selection.has(entry.path)}
      onClick={onClick}
      tabIndex={-1}
      aria-label={t('drive.selectItem', { name: entry.name })}
    />
  );
}

function NameLink({ entry, index, focusable, selection, onOpen, setFocus }: ItemProps) {
  const folder = entry.kind === 'folder';
  const onClick = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    setFocus(index);
    if (event.shiftKey) {
      event.preventDefault();
      selection.range(entry.path, event.ctrlKey || event.metaKey);
      return;
    }
    if (folder) return onLinkClick(event);
    if (event.ctrlKey || event.metaKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(entry);
  };
  return (
    <a
      class="file-name"
      href={folder ? driveHref(entry.path) : contentUrl(entry.path)}
      tabIndex={focusable ? 0 : -1}
      data-index={index}
      onClick={onClick}
      onFocus={() => setFocus(index)}
    >
      {entry.name}
    </a>
  );
}

function sizeOf(entry: Entry): string {
  return entry.kind === 'folder' ? '—' : formatBytes(entry.size);
}

function When({ ms }: { ms: number }) {
  if (!ms) return <span class="muted">—</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatDateTime(ms)}>
      {formatRelative(ms)}
    </time>
  );
}

function Row(props: ItemProps) {
  const { entry } = props;
  return (
    <tr class="file-row" data-selected={props.selection.has(entry.path) ? '' : undefined} onClick={rowClick(props)}>
      <td class="col-check">
        <Check {...props} />
      </td>
      <td class="col-name">
        <div class="name-cell">
          <span class={`file-icon type-${fileTypeOf(entry)}`}>
            <DriveIcon name={TYPE_ICON[fileTypeOf(entry)]} />
          </span>
          <span class="file-name-wrap">
            <NameLink {...props} />
            <span class="file-sub muted">
              {entry.kind === 'file' && `${sizeOf(entry)} · `}
              <When ms={entry.mtime} />
            </span>
          </span>
        </div>
      </td>
      <td class="col-size">{sizeOf(entry)}</td>
      <td class="col-date">
        <When ms={entry.mtime} />
      </td>
    </tr>
  );
}

function Tile(props: ItemProps) {
  const { entry } = props;
  const type = fileTypeOf(entry);
  return (
    <li class="tile" data-selected={props.selection.has(entry.path) ? '' : undefined} onClick={rowClick(props)}>
      <Check {...props} />
      <span class={`tile-icon file-icon type-${type}`}>
        <DriveIcon name={TYPE_ICON[type]} size={44} />
      </span>
      <NameLink {...props} />
      <span class="tile-meta muted">{entry.kind === 'folder' ? t('drive.type.folder') : sizeOf(entry)}</span>
    </li>
  );
}

function SortHead({ column, label, sort, onSort }: { column: SortKey; label: string; sort: SortChoice; onSort: (s: SortChoice) => void }) {
  const [key, dir] = parseSort(sort);
  const active = key === column;
  const next: SortChoice = active ? `${column}-${dir === 'asc' ? 'desc' : 'asc'}` : `${column}-${column === 'name' ? 'asc' : 'desc'}`;
  return (
    <th class={`col-${column === 'mtime' ? 'date' : column}`} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort-head" onClick={() => onSort(next)}>
        {label}
        <span class="sort-arrow" aria-hidden="true">{active ? (dir === 'asc' ? '↑' : '↓') : ''}</span>
      </button>
    </th>
  );
}

export function FileView({ entries, view, sort, onSort, selection, label, onOpen, onDelete }: Props) {
  const [focus, setFocus] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const current = Math.min(focus, Math.max(0, entries.length - 1));
  const focusAt = (index: number) => {
    setFocus(index);
    root.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };
  useEffect(() => setFocus(0), [label]);
  // When the focused item goes away (deleted, moved), focus its neighbour rather than the page.
  const inside = useRef(false);
  useEffect(() => {
    if (inside.current && document.activeElement === document.body && entries.length) focusAt(current);
  }, [entries]);
  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && !root.current?.contains(next)) inside.current = false;
  };
  const onKeyDown = fileKeyHandler({ entries, selection, grid: view === 'grid', focusAt, onDelete });
  const item = (entry: Entry, index: number): ItemProps => ({ entry, index, focusable: index === current, selection, onOpen, setFocus });
  const allChecked = entries.length > 0 && selection.selected.size === entries.length;
  return (
    <div class={`files view-${view}`} ref={root} onKeyDown={onKeyDown} onFocusIn={() => (inside.current = true)} onFocusOut={onFocusOut}>
      <p id="files-keys" class="sr-only">{t('drive.keysHint')}</p>
      {view === 'list' ? (
        <table class="files-table" aria-label={label} aria-describedby="files-keys">
          <thead>
            <tr>
              <th class="col-check">
                <input
                  type="checkbox"
                  class="file-check"
                  checked={allChecked}
                  indeterminate={selection.selected.size > 0 && !allChecked}
                  onChange={() => (allChecked ? selection.clear() : selection.all())}
                  aria-label={t('drive.selectAll')}
                />
              </th>
              <SortHead column="name" label={t('drive.col.name')} sort={sort} onSort={onSort} />
              <SortHead column="size" label={t('drive.col.size')} sort={sort} onSort={onSort} />
              <SortHead column="mtime" label={t('drive.col.modified')} sort={sort} onSort={onSort} />
            </tr>
          </thead>
          <tbody data-items>
            {entries.map((entry, index) => (
              <Row key={entry.path} {...item(entry, index)} />
            ))}
          </tbody>
        </table>
      ) : (
        <ul class="files-grid" aria-label={label} aria-describedby="files-keys" data-items>
          {entries.map((entry, index) => (
            <Tile key={entry.path} {...item(entry, index)} />
          ))}
        </ul>
      )}
    </div>
  );
}
