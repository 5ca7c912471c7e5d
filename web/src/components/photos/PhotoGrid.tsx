import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatDayKey, formatMonthKey } from './dates';
import { computeLayout, neighbour, photoRange, topOfPhoto, visibleRows, type ArrowKey, type Layout, type LayoutGroup, type LayoutOptions } from './layout';
import type { PhotoLoader } from './loader';
import { Tile } from './Tile';

const OVERSCAN_PX = 800;
const PENDING_POLL_MS = 4000;

function optionsFor(width: number): LayoutOptions {
  return width < 600
    ? { width, targetTile: 110, gap: 2, monthHeader: 48, dayHeader: 34 }
    : { width, targetTile: 170, gap: 4, monthHeader: 60, dayHeader: 38 };
}

/** The grid's width (it follows the window and the scrubber beside it). */
function useWidth(ref: { current: HTMLElement | null }): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);
  return width;
}

/** The part of the grid inside the window (plus a margin), in grid coordinates; the page itself scrolls. */
function useViewport(ref: { current: HTMLElement | null }): [number, number] {
  const [view, setView] = useState<[number, number]>([0, 1000]);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const top = -(ref.current?.getBoundingClientRect().top ?? 0);
      setView(([a, b]) => (a === top && b === top + innerHeight ? [a, b] : [top, top + innerHeight]));
    };
    const schedule = () => (frame ||= requestAnimationFrame(measure));
    measure();
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    return () => {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, []);
  return view;
}

const COVERED_PX = 80;

/**
 * When the width changes (a phone turned, a window resized) the rows are laid
 * out anew: scroll so that the photo that was at the top of the window still is.
 */
function useScrollAnchor(ref: { current: HTMLElement | null }, layout: Layout, top: number, bottom: number) {
  const anchor = useRef<number | null>(null);
  const columns = useRef(layout.columns);
  useLayoutEffect(() => {
    if (columns.current !== layout.columns && anchor.current !== null && ref.current) {
      const rowTop = topOfPhoto(layout.rows, anchor.current);
      if (rowTop !== null) scrollTo({ top: ref.current.getBoundingClientRect().top + scrollY + rowTop - COVERED_PX });
    }
    columns.current = layout.columns;
  }, [layout]);
  useEffect(() => {
    const [start, end] = visibleRows(layout.rows, Math.max(0, top + COVERED_PX), bottom);
    anchor.current = top > 0 && end > start ? photoRange(layout.rows, start, end)[0] : null;
  });
}

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

/**
 * Arrow keys move the focus from photo to photo. The next one may not be
 * drawn yet (or not loaded): scroll it into view, then focus it once it is.
 */
function useArrowKeys(ref: { current: HTMLElement | null }, layout: Layout) {
  return (event: KeyboardEvent) => {
    const from = (event.target as HTMLElement).closest<HTMLElement>('.ptile[data-index]');
    if (!from || !ARROWS.has(event.key) || event.altKey || event.metaKey || event.ctrlKey) return;
    const target = neighbour(layout.rows, Number(from.dataset.index), event.key as ArrowKey);
    event.preventDefault();
    if (target === null || !ref.current) return;
    const rowTop = topOfPhoto(layout.rows, target);
    const gridTop = ref.current.getBoundingClientRect().top;
    if (rowTop !== null && (gridTop + rowTop < COVERED_PX || gridTop + rowTop + layout.tile > innerHeight)) {
      scrollTo({ top: gridTop + scrollY + rowTop - (event.key === 'ArrowDown' ? innerHeight - layout.tile - 16 : COVERED_PX) });
    }
    let tries = 0;
    const focus = () => {
      const button = ref.current?.querySelector<HTMLElement>(`.ptile[data-index="${target}"] .ptile-open`);
      if (button) button.focus({ preventScroll: true });
      else if ((tries += 1) < 60) requestAnimationFrame(focus);
    };
    focus();
  };
}

interface Props {
  groups: readonly LayoutGroup[];
  loader: PhotoLoader;
  selected: ReadonlySet<number>;
  selecting: boolean;
  /** A photo to bring into view (the one open in the lightbox). */
  reveal: number | null;
  onOpen: (index: number) => void;
  onToggle: (index: number, range: boolean) => void;
  onLongPress: (index: number) => void;
}

/** The virtualized grid: its full height comes from the layout, only the rows near the window are drawn. */
export function PhotoGrid(props: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const [top, bottom] = useViewport(ref);
  const layout = useMemo(() => computeLayout(props.groups, optionsFor(width || 360)), [props.groups, width]);
  const [start, end] = visibleRows(layout.rows, top - OVERSCAN_PX, bottom + OVERSCAN_PX);
  const [first, last] = photoRange(layout.rows, start, end);

  useScrollAnchor(ref, layout, top, bottom);
  const onArrow = useArrowKeys(ref, layout);
  useEffect(() => props.loader.ensure(first, last), [props.loader, first, last, props.loader.failed]);
  useEffect(() => {
    const timer = setInterval(() => void props.loader.refreshPending(first, last), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [props.loader, first, last]);
  useEffect(() => {
    if (props.reveal === null || !ref.current) return;
    const rowTop = topOfPhoto(layout.rows, props.reveal);
    if (rowTop === null || (rowTop >= top && rowTop + layout.tile <= bottom)) return;
    scrollTo({ top: ref.current.getBoundingClientRect().top + scrollY + rowTop - innerHeight / 3 });
  }, [props.reveal]);

  return (
    <div class="photo-grid-wrap">
      <div ref={ref} class="photo-grid" aria-label={t('photos.gridLabel')} role="region" style={{ height: `${layout.height}px` }} onKeyDown={onArrow}>
        {layout.rows.slice(start, end).map((row) => (
          <GridRow key={row.top} row={row} layout={layout} {...props} />
        ))}
      </div>
      <Scrubber layout={layout} gridRef={ref} top={top} bottom={bottom} />
    </div>
  );
}

function GridRow({ row, layout, ...props }: Props & { row: Layout['rows'][number]; layout: Layout }) {
  const style = { transform: `translateY(${row.top}px)`, height: `${row.height}px` };
  if (row.kind === 'month') {
    return <h2 class="grid-month" style={style}>{formatMonthKey(row.month)}</h2>;
  }
  if (row.kind === 'day') {
    return <h3 class="grid-day" style={style}>{formatDayKey(row.day)}</h3>;
  }
  const columns = { ...style, gridTemplateColumns: `repeat(${layout.columns}, ${layout.tile}px)`, gap: `${layout.gap}px`, height: `${layout.tile}px` };
  return (
    <div class="grid-tiles" style={columns}>
      {Array.from({ length: row.count }, (_, k) => {
        const index = row.first + k;
        const item = props.loader.items[index];
        return (
          <Tile key={index} item={item} index={index} selected={item ? props.selected.has(item.fileId) : false} selecting={props.selecting}
            onOpen={props.onOpen} onToggle={props.onToggle} onLongPress={props.onLongPress} />
        );
      })}
    </div>
  );
}

/** Years down the side: a click jumps there; the year in view is marked. */
function Scrubber({ layout, gridRef, top, bottom }: { layout: Layout; gridRef: { current: HTMLElement | null }; top: number; bottom: number }) {
  // The point that decides "the year in view" slides from the window's top to its bottom as the page
  // scrolls down, so the last years (which can never reach the top of the window) get marked too.
  const progress = Math.min(1, Math.max(0, top / Math.max(1, layout.height - (bottom - top))));
  const probe = top + (bottom - top) * progress;
  const current = [...layout.years].reverse().find((year) => year.top <= probe + 1)?.year ?? layout.years[0]?.year;
  const list = useRef<HTMLElement>(null);
  // On phones the years are a row that scrolls sideways: keep the current one in sight.
  useEffect(() => {
    const nav = list.current;
    const mark = nav?.querySelector<HTMLElement>('[aria-current="true"]');
    if (nav && mark && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = mark.offsetLeft - nav.clientWidth / 2 + mark.offsetWidth / 2;
  }, [current]);
  if (layout.years.length < 2) return null;
  const jump = (yearTop: number) => {
    const gridTop = (gridRef.current?.getBoundingClientRect().top ?? 0) + scrollY;
    // Clear of the top bar, and on phones of the row of years under it too.
    const covered = matchMedia('(max-width: 600px)').matches ? 112 : 70;
    scrollTo({ top: gridTop + yearTop - covered });
  };
  return (
    <nav ref={list} class="scrubber" aria-label={t('photos.years')}>
      <ul>
        {layout.years.map((year) => (
          <li key={year.year}>
            <button type="button" class="scrubber-year" aria-current={year.year === current ? 'true' : undefined} onClick={() => jump(year.top)}>
              {year.year}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
