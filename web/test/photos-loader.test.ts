import { describe, expect, test } from 'bun:test';
import { PhotoLoader, PAGE_MIN } from '../src/components/photos/loader';
import type { PhotoItem, PhotoPage, Summary } from '../src/components/photos/photos-api';

// A fake box with the server's keyset semantics: a page holds the photos strictly after the cursor.
function box(days: Array<[string, number]>) {
  const items: PhotoItem[] = [];
  let fileId = 100_000;
  const groups: Summary['groups'] = [];
  for (const [day, count] of days) {
    const base = Date.parse(`${day}T12:00:00Z`);
    for (let k = 0; k < count; k += 1) {
      const item = { fileId: fileId--, takenAt: base - k * 1000, thumbs: 'ready' } as PhotoItem;
      if (k === 0) groups.push({ day, count, start: `${item.takenAt}_${item.fileId + 1}` });
      items.push(item);
    }
  }
  const calls: Array<{ cursor: string | null; limit: number }> = [];
  const fetchPage = async (cursor: string | null, limit: number): Promise<PhotoPage> => {
    calls.push({ cursor, limit });
    const [takenAt, id] = (cursor ?? `${Number.MAX_SAFE_INTEGER}_0`).split('_').map(Number) as [number, number];
    const after = items.filter((i) => i.takenAt < takenAt || (i.takenAt === takenAt && i.fileId < id));
    return { items: after.slice(0, limit).map((i) => ({ ...i })), next: null };
  };
  const summary: Summary = { total: items.length, groups, months: [], years: [] };
  return { items, summary, calls, fetchPage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('photo loader', () => {
  test('fetches the rows in view from the start of their day, in timeline order', async () => {
    const fake = box([['2024-06-15', 3], ['2024-06-14', 1000], ['2023-01-01', 5]]);
    const loader = new PhotoLoader(fake.summary, fake.fetchPage, () => undefined);
    loader.ensure(0, 12);
    await settle();
    expect(fake.calls).toEqual([{ cursor: fake.summary.groups[0]!.start, limit: PAGE_MIN }]);
    expect(loader.items.slice(0, PAGE_MIN).map((i) => i?.fileId)).toEqual(fake.items.slice(0, PAGE_MIN).map((i) => i.fileId));
    // Far down, in the last day: its own cursor, not an offset and not all the pages before it.
    loader.ensure(1003, 1008);
    await settle();
    expect(fake.calls[1]).toEqual({ cursor: fake.summary.groups[2]!.start, limit: PAGE_MIN });
    expect(loader.items[1007]?.fileId).toBe(fake.items[1007]!.fileId);
  });

  test('continues right after the last photo it holds, and asks once for what is already on its way', async () => {
    const fake = box([['2024-06-14', 1000]]);
    const loader = new PhotoLoader(fake.summary, fake.fetchPage, () => undefined);
    loader.ensure(0, 10);
    loader.ensure(0, 10);
    await settle();
    expect(fake.calls).toHaveLength(1);
    loader.ensure(PAGE_MIN, PAGE_MIN + 10);
    await settle();
    const last = fake.items[PAGE_MIN - 1]!;
    expect(fake.calls[1]!.cursor).toBe(`${last.takenAt}_${last.fileId}`);
    expect(loader.items[PAGE_MIN + 5]?.fileId).toBe(fake.items[PAGE_MIN + 5]!.fileId);
  });

  test('photos still waiting for thumbnails are fetched again in place', async () => {
    const fake = box([['2024-06-14', 20]]);
    fake.items.forEach((item, i) => (item.thumbs = i >= 4 && i < 8 ? 'pending' : 'ready'));
    const loader = new PhotoLoader(fake.summary, fake.fetchPage, () => undefined);
    loader.ensure(0, 20);
    await settle();
    fake.items.forEach((item) => (item.thumbs = 'ready'));
    await loader.refreshPending(0, 20);
    expect(fake.calls.at(-1)).toEqual({ cursor: `${fake.items[3]!.takenAt}_${fake.items[3]!.fileId}`, limit: 4 });
    expect(loader.items.every((item) => item?.thumbs === 'ready')).toBe(true);
  });

  test('a page shorter than the summary promised says the summary is stale', async () => {
    const fake = box([['2024-06-14', 10]]);
    fake.items.splice(5, 3);
    let stale = 0;
    const loader = new PhotoLoader(fake.summary, fake.fetchPage, () => undefined, () => (stale += 1));
    loader.ensure(0, 10);
    await settle();
    expect(stale).toBe(1);
  });
});
