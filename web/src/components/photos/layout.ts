// The timeline's layout, computed from the summary alone (counts per day), so
// that 50,000 photos get their exact place and the page its full height before
// any of them is loaded. Only the rows in view are then drawn (see PhotoGrid).
// Pure functions: the web unit test checks them.

export interface LayoutGroup {
  day: string;
  count: number;
}

export interface LayoutOptions {
  width: number;
  /** The tile size wanted; the real one stretches so that tiles fill the width. */
  targetTile: number;
  gap: number;
  monthHeader: number;
  dayHeader: number;
  /** At least this many columns, even on the narrowest phone. */
  minColumns?: number;
}

export type Row =
  | { kind: 'month'; top: number; height: number; month: string }
  | { kind: 'day'; top: number; height: number; day: string; count: number }
  /** `first` is the global index (in timeline order) of the row's first photo. */
  | { kind: 'tiles'; top: number; height: number; first: number; count: number };

export interface Layout {
  columns: number;
  tile: number;
  gap: number;
  rows: Row[];
  height: number;
  total: number;
  /** Where each year starts (its first month header), newest first: the scrubber's marks. */
  years: Array<{ year: number; top: number; count: number }>;
}

export function columnsFor(width: number, targetTile: number, gap: number, minColumns = 3): number {
  return Math.max(minColumns, Math.floor((width + gap) / (targetTile + gap)));
}

export function computeLayout(groups: readonly LayoutGroup[], options: LayoutOptions): Layout {
  const { width, gap } = options;
  const columns = columnsFor(width, options.targetTile, gap, options.minColumns);
  const tile = Math.max(1, (width - gap * (columns - 1)) / columns);
  const rows: Row[] = [];
  const years: Layout['years'] = [];
  let top = 0;
  let index = 0;
  let month = '';
  const push = (row: Row) => {
    rows.push(row);
    top += row.height;
  };
  for (const group of groups) {
    const groupMonth = group.day.slice(0, 7);
    if (groupMonth !== month) {
      month = groupMonth;
      const year = Number(month.slice(0, 4));
      const last = years[years.length - 1];
      if (!last || last.year !== year) years.push({ year, top, count: 0 });
      push({ kind: 'month', top, height: options.monthHeader, month });
    }
    years[years.length - 1]!.count += group.count;
    push({ kind: 'day', top, height: options.dayHeader, day: group.day, count: group.count });
    for (let offset = 0; offset < group.count; offset += columns) {
      push({ kind: 'tiles', top, height: tile + gap, first: index + offset, count: Math.min(columns, group.count - offset) });
    }
    index += group.count;
  }
  return { columns, tile, gap, rows, height: top, total: index, years };
}

/** The index of the first row that reaches below `y` (binary search: rows are sorted by top). */
export function rowAt(rows: readonly Row[], y: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = rows[middle]!;
    if (row.top + row.height <= y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Rows that overlap [top, bottom), as a [start, end) range of row indexes. */
export function visibleRows(rows: readonly Row[], top: number, bottom: number): [number, number] {
  const start = rowAt(rows, top);
  let end = start;
  while (end < rows.length && rows[end]!.top < bottom) end += 1;
  return [start, end];
}

/** The global photo indexes the rows [start, end) show, as [first, last + 1). */
export function photoRange(rows: readonly Row[], start: number, end: number): [number, number] {
  let first = Infinity;
  let last = -1;
  for (let i = start; i < end; i += 1) {
    const row = rows[i]!;
    if (row.kind !== 'tiles') continue;
    first = Math.min(first, row.first);
    last = Math.max(last, row.first + row.count);
  }
  return last < 0 ? [0, 0] : [first, last];
}

/** The index (in `rows`) of the tile row that holds photo `index`, or -1. */
export function rowOfPhoto(rows: readonly Row[], index: number): number {
  // Rows are in photo order (a header counts as the first photo after it): find the last row starting at or before `index`.
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (firstPhotoOf(rows, middle) <= index) low = middle + 1;
    else high = middle - 1;
  }
  const row = rows[high];
  return row?.kind === 'tiles' && index < row.first + row.count ? high : -1;
}

/** The top of the tile row that holds photo `index` (to keep the lightbox's photo in view), or null. */
export function topOfPhoto(rows: readonly Row[], index: number): number | null {
  const at = rowOfPhoto(rows, index);
  return at < 0 ? null : rows[at]!.top;
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** The photo an arrow key moves to from `index`: along the timeline, or to the same column of the row above or below. */
export function neighbour(rows: readonly Row[], index: number, key: ArrowKey): number | null {
  const at = rowOfPhoto(rows, index);
  if (at < 0) return null;
  const row = rows[at] as Extract<Row, { kind: 'tiles' }>;
  const last = lastTileRow(rows);
  if (key === 'ArrowLeft') return index > 0 ? index - 1 : null;
  if (key === 'ArrowRight') return last && index + 1 < last.first + last.count ? index + 1 : null;
  const step = key === 'ArrowDown' ? 1 : -1;
  for (let i = at + step; i >= 0 && i < rows.length; i += step) {
    const other = rows[i]!;
    if (other.kind === 'tiles') return other.first + Math.min(index - row.first, other.count - 1);
  }
  return null;
}

function lastTileRow(rows: readonly Row[]): Extract<Row, { kind: 'tiles' }> | null {
  for (let i = rows.length - 1; i >= 0; i -= 1) {
    const row = rows[i]!;
    if (row.kind === 'tiles') return row;
  }
  return null;
}

function firstPhotoOf(rows: readonly Row[], at: number): number {
  for (let i = at; i < rows.length; i += 1) {
    const row = rows[i]!;
    if (row.kind === 'tiles') return row.first;
  }
  return Infinity;
}
