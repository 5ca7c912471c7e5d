import { describe, expect, test } from 'bun:test';
import { columnsFor, computeLayout, neighbour, photoRange, rowAt, topOfPhoto, visibleRows, type LayoutOptions } from '../src/components/photos/layout';

const OPTIONS: LayoutOptions = { width: 1000, targetTile: 160, gap: 4, monthHeader: 48, dayHeader: 32 };

describe('timeline layout', () => {
  test('columns fill the width: three on a 360 px phone, more on a desktop', () => {
    expect(columnsFor(344, 110, 2)).toBe(3);
    expect(columnsFor(1000, 160, 4)).toBe(6);
    expect(columnsFor(100, 160, 4)).toBe(3);
  });

  test('rows for days and months: headers, then tile rows of `columns` photos', () => {
    const layout = computeLayout(
      [
        { day: '2024-06-15', count: 7 },
        { day: '2024-06-14', count: 6 },
        { day: '2024-05-01', count: 1 },
        { day: '2023-12-31', count: 13 },
      ],
      OPTIONS,
    );
    expect(layout.columns).toBe(6);
    expect(layout.tile).toBeCloseTo((1000 - 5 * 4) / 6);
    const step = layout.tile + 4;
    expect(layout.rows.map((row) => (row.kind === 'tiles' ? `${row.first}+${row.count}` : row.kind))).toEqual([
      'month', 'day', '0+6', '6+1', 'day', '7+6', 'month', 'day', '13+1', 'month', 'day', '14+6', '20+6', '26+1',
    ]);
    expect(layout.total).toBe(27);
    expect(layout.height).toBeCloseTo(3 * 48 + 4 * 32 + 7 * step);
    // Rows follow each other without gaps or overlaps.
    for (let i = 1; i < layout.rows.length; i += 1) expect(layout.rows[i]!.top).toBeCloseTo(layout.rows[i - 1]!.top + layout.rows[i - 1]!.height);
    expect(layout.years).toEqual([
      { year: 2024, top: 0, count: 14 },
      { year: 2023, top: layout.rows[9]!.top, count: 13 },
    ]);
  });

  test('only the rows in view are drawn, and they say which photos to fetch', () => {
    const layout = computeLayout([{ day: '2024-01-02', count: 600 }, { day: '2024-01-01', count: 600 }], { ...OPTIONS, width: 344, targetTile: 110, gap: 2 });
    expect(layout.columns).toBe(3);
    const step = layout.tile + 2;
    const scrolled = 48 + 32 + 50 * step + 10;
    const [start, end] = visibleRows(layout.rows, scrolled, scrolled + 700);
    expect(end - start).toBeLessThanOrEqual(Math.ceil(700 / step) + 2);
    expect(layout.rows[start]).toMatchObject({ kind: 'tiles', first: 150 });
    expect(photoRange(layout.rows, start, end)).toEqual([150, 150 + 3 * (end - start)]);
    expect(rowAt(layout.rows, 0)).toBe(0);
    expect(rowAt(layout.rows, layout.height + 10)).toBe(layout.rows.length);
    expect(visibleRows(layout.rows, layout.height, layout.height + 100)).toEqual([layout.rows.length, layout.rows.length]);
  });

  test('finds the row of any photo, across day headers', () => {
    const layout = computeLayout([{ day: '2024-01-02', count: 5 }, { day: '2023-01-01', count: 4 }], OPTIONS);
    expect(topOfPhoto(layout.rows, 0)).toBe(48 + 32);
    expect(topOfPhoto(layout.rows, 4)).toBe(48 + 32);
    expect(topOfPhoto(layout.rows, 5)).toBeCloseTo(48 + 32 + layout.tile + 4 + 48 + 32);
    expect(topOfPhoto(layout.rows, 8)).toBeCloseTo(48 + 32 + layout.tile + 4 + 48 + 32);
    expect(topOfPhoto(layout.rows, 9)).toBeNull();
  });

  test('arrow keys move along the timeline, and up and down to the same column across day headers', () => {
    // Six columns: day one has 8 photos (rows 0-5, 6-7), day two 3 (8-10).
    const { rows } = computeLayout([{ day: '2024-01-02', count: 8 }, { day: '2024-01-01', count: 3 }], OPTIONS);
    expect(neighbour(rows, 0, 'ArrowRight')).toBe(1);
    expect(neighbour(rows, 0, 'ArrowLeft')).toBeNull();
    expect(neighbour(rows, 10, 'ArrowRight')).toBeNull();
    expect(neighbour(rows, 4, 'ArrowDown')).toBe(7);
    expect(neighbour(rows, 7, 'ArrowDown')).toBe(9);
    expect(neighbour(rows, 9, 'ArrowUp')).toBe(7);
    expect(neighbour(rows, 6, 'ArrowUp')).toBe(0);
    expect(neighbour(rows, 2, 'ArrowUp')).toBeNull();
    expect(neighbour(rows, 10, 'ArrowDown')).toBeNull();
  });

  test('50,000 photos over ten years lay out at once', () => {
    const groups = Array.from({ length: 3650 }, (_, i) => ({ day: new Date(Date.UTC(2025, 0, 1) - i * 86_400_000).toISOString().slice(0, 10), count: 13 + (i % 5) }));
    const layout = computeLayout(groups, OPTIONS);
    expect(layout.total).toBe(groups.reduce((sum, g) => sum + g.count, 0));
    expect(layout.years.map((y) => y.year)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016, 2015]);
    const middle = layout.height / 2;
    const [start, end] = visibleRows(layout.rows, middle, middle + 900);
    expect(end - start).toBeLessThan(15);
  });
});
