// Fetches the photos the grid needs, page by page, into a sparse array in
// timeline order. Pages are keyset pages (a cursor, never an offset): a page
// starts at a day (the summary gives each day's cursor) or right after a photo
// already loaded. No DOM here, so it can be tested with a fake fetch.
import { cursorAfter, type PhotoItem, type PhotoPage, type Summary } from './photos-api';

export const PAGE_MIN = 120;
export const PAGE_MAX = 500;
const RETRY_AFTER_MS = 3000;

export type FetchPage = (cursor: string | null, limit: number) => Promise<PhotoPage>;

export class PhotoLoader {
  readonly items: Array<PhotoItem | undefined>;
  /** Index of each day's first photo, ascending, and the cursor that starts there. */
  private readonly starts: number[] = [];
  private readonly cursors = new Map<number, string>();
  private readonly inFlight: Array<[number, number]> = [];
  private failedAt = 0;
  failed = false;

  constructor(
    summary: Summary,
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    /** Called when a page does not match the summary (photos came or went): time to reload it. */
    private readonly onStale: () => void = () => undefined,
  ) {
    this.items = new Array(summary.total);
    let index = 0;
    for (const group of summary.groups) {
      this.starts.push(index);
      this.cursors.set(index, group.start);
      index += group.count;
    }
  }

  get total(): number {
    return this.items.length;
  }

  /** Makes sure photos [from, to) are loaded or on their way. */
  ensure(from: number, to: number): void {
    if (this.failed && Date.now() - this.failedAt < RETRY_AFTER_MS) return;
    const end = Math.min(to, this.total);
    for (let i = Math.max(0, from); i < end; i += 1) {
      if (this.items[i] || this.loading(i)) continue;
      const start = this.startFor(i);
      const limit = Math.min(PAGE_MAX, Math.max(PAGE_MIN, end - start));
      void this.load(start, limit);
      i = start + limit - 1;
    }
  }

  /** Fetches again the photos of [from, to) still waiting for thumbnails, in place. */
  async refreshPending(from: number, to: number): Promise<void> {
    let first = -1;
    let last = -1;
    for (let i = Math.max(0, from); i < Math.min(to, this.total); i += 1) {
      if (this.items[i]?.thumbs !== 'pending') continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) return;
    const cursor = this.cursorFor(first);
    if (cursor === undefined || this.loading(first)) return;
    await this.load(first, Math.min(PAGE_MAX, last - first + 1), cursor);
  }

  private loading(index: number): boolean {
    return this.inFlight.some(([a, b]) => index >= a && index < b);
  }

  /** Where a page must start to reach `index`: the closest earlier point with a cursor. */
  private startFor(index: number): number {
    let start = index;
    while (this.cursorFor(start) === undefined) start -= 1;
    return start;
  }

  private cursorFor(index: number): string | undefined {
    const known = this.cursors.get(index);
    if (known !== undefined) return known;
    const before = this.items[index - 1];
    return before ? cursorAfter(before) : undefined;
  }

  private async load(start: number, limit: number, cursor = this.cursorFor(start)): Promise<void> {
    const range: [number, number] = [start, start + limit];
    this.inFlight.push(range);
    try {
      const page = await this.fetchPage(cursor ?? null, limit);
      page.items.forEach((item, k) => {
        if (start + k < this.total) this.items[start + k] = item;
      });
      this.failed = false;
      const expected = Math.min(limit, this.total - start);
      if (page.items.length < expected || (page.items.length > 0 && start + page.items.length > this.total)) this.onStale();
    } catch {
      this.failed = true;
      this.failedAt = Date.now();
    } finally {
      this.inFlight.splice(this.inFlight.indexOf(range), 1);
      this.onChange();
    }
  }
}
