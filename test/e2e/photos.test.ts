// The Photos journey against the real appliance: an empty Photos space says
// where photos come from; photos uploaded from the Photos page land in the
// upload folder and fill the timeline (grouped by day, months, a year
// scrubber); the lightbox moves with the keys and buttons, shows the info
// panel and plays a video; a multi-selection becomes an album, which is
// renamed. Screenshots at 360 and 1280 px go to test/e2e/screenshots/photos-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { journeyTest, launchBrowsers, mainPage, screenshotWidths, SCREENSHOTS, startServer, type Browsers, type RunningServer } from './harness';
import { setupOwnerAndOpenDrive } from './drive-fixtures';
import { indexMany, indexWithoutPipeline, makePhotos, makeVideo, thumbhashOfFile, type MadePhoto } from './photos-fixtures';

const STEP = 120_000;
const COUNT = 24;

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let folder: string;
let photos: MadePhoto[] = [];
let video: string | null = null;
const problems: string[] = [];

const lightbox = () => page.getByRole('dialog', { name: 'Photo viewer' });
const tiles = () => page.locator('.photo-grid .ptile:not(.ptile-loading)');
const photoTiles = () => tiles().filter({ hasNot: page.locator('.ptile-video') });

/** A step whose failure leaves a screenshot and the server's last words. */
const journey = journeyTest({ label: 'photos', page: () => page, server: () => server }, STEP);

/** What the window shows at 360 and 1280 px (the grid draws only the rows in view, so a full-page shot would be mostly empty). */
async function windowShots(name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function json<T>(route: string): Promise<T> {
  const response = await page.request.get(`${server.url}${route}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** Whether this build runs the media pipeline (its routes are in the OpenAPI document). */
async function pipelineRuns(): Promise<boolean> {
  const spec = await json<{ paths: Record<string, unknown> }>('/api/openapi.json');
  return '/api/media/thumbnail' in spec.paths;
}

/** Waits until the timeline holds every upload: read by the media pipeline, or indexed here when this build has none. */
async function waitForTimeline(uploadFolder: string, expected: number): Promise<void> {
  const total = async () => (await json<{ total: number }>('/api/photos/summary')).total;
  if (!(await pipelineRuns())) {
    const { entries } = await json<{ entries: Array<{ id: number; name: string }> }>(`/api/files?path=${encodeURIComponent(uploadFolder)}`);
    await indexWithoutPipeline(server.dataDir, entries.map((e) => ({ id: e.id, made: photos.find((p) => p.name === e.name) ?? null, video: e.name.endsWith('.mp4') })));
  }
  for (let tries = 0; tries < 240 && (await total()) < expected; tries += 1) await Bun.sleep(500);
  expect(await total()).toBe(expected);
  // Photos show at once, dated by their file time; wait for their jobs to read the dates taken.
  const busy = async () => (await json<{ kinds: Array<{ queued: number; running: number }> }>('/api/jobs/summary')).kinds.some((kind) => kind.queued + kind.running > 0);
  for (let tries = 0; tries < 240 && (await busy()); tries += 1) await Bun.sleep(500);
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-photos-'));
  photos = await makePhotos(folder, COUNT);
  video = await makeVideo(folder);
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, problems);
}, 120_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 30_000);

journey('Photos is in the top bar, and an empty timeline explains where photos come from', async () => {
  await setupOwnerAndOpenDrive(page, server.url);
  await page.getByRole('navigation', { name: 'Spaces' }).getByRole('link', { name: 'Photos' }).click();
  await page.waitForURL('**/photos');
  await page.getByRole('heading', { name: 'Photos', level: 1 }).waitFor();
  await page.getByText('No photos yet').waitFor();
  await page.getByText(/sync your phone’s camera folder over WebDAV/).waitFor();
  await screenshotWidths(page, 'photos-empty');
});

journey('photos uploaded from the Photos page land in the upload folder and fill the timeline', async () => {
  const files = [...photos.map((p) => p.file), ...(video ? [video] : [])];
  await page.locator('input[data-upload="photos"]').setInputFiles(files);
  const now = new Date();
  const uploadFolder = `/Photos/Uploads/${now.getFullYear()}/${String(now.getMonth() + 1).padStart(2, '0')}`;
  for (let tries = 0; tries < 120; tries += 1) {
    const listing = await page.request.get(`${server.url}/api/files?path=${encodeURIComponent(uploadFolder)}`);
    if (listing.status() === 200 && ((await listing.json()) as { entries: unknown[] }).entries.length === files.length) break;
    await Bun.sleep(250);
  }
  await waitForTimeline(uploadFolder, files.length);
  await page.reload();
  await tiles().first().waitFor();
  // Month headers, day headers, and the years to jump to.
  await page.getByRole('heading', { name: /2025$/, level: 2 }).first().waitFor();
  const years = page.getByRole('navigation', { name: 'Jump to a year' }).getByRole('button');
  // The video carries no recording date: it is dated by its file, today.
  const thisYear = video ? [String(new Date().getFullYear())] : [];
  expect(await years.allTextContents()).toEqual([...thisYear, '2025', '2024', '2023']);
  await page.getByText(`${files.length} photos and videos`).waitFor();
  // Newest first: the video of today, then the newest photo.
  const newest = [...photos].sort((a, b) => b.takenAt - a.takenAt)[0]!;
  if (video) expect(await tiles().first().locator('.ptile-open').getAttribute('aria-label')).toContain('clip.mp4');
  expect(await photoTiles().first().locator('.ptile-open').getAttribute('aria-label')).toContain(newest.name);
  await years.filter({ hasText: '2023' }).click();
  await page.waitForFunction(() => document.querySelector('.scrubber-year[aria-current="true"]')?.textContent === '2023');
  await windowShots('photos-timeline-2023');
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForTimeout(300);
  await windowShots('photos-timeline');
});

journey('the lightbox shows a photo, moves with the keys and buttons, and tells where the photo comes from', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => scrollTo(0, 0));
  await photoTiles().first().locator('.ptile-open').click();
  await lightbox().waitFor();
  const total = COUNT + (video ? 1 : 0);
  const first = video ? 2 : 1;
  const at = (n: number) => lightbox().locator('.lb-position', { hasText: `${n} of ${total}` }).waitFor();
  await at(first);
  await page.keyboard.press('ArrowRight');
  await at(first + 1);
  await page.keyboard.press('ArrowLeft');
  await at(first);
  await lightbox().getByRole('button', { name: 'Next photo' }).click();
  await at(first + 1);
  const info = lightbox().getByRole('complementary', { name: 'Details' });
  await info.getByText('Canon EOS R6').waitFor();
  await info.getByText('Date taken, from the camera.').waitFor();
  await info.getByRole('link', { name: /^\/Photos\/Uploads\// }).waitFor();
  await lightbox().locator('img.lb-image').waitFor();
  await lightbox().getByRole('button', { name: 'Zoom in' }).click();
  expect(await lightbox().locator('img.lb-image').evaluate((img) => getComputedStyle(img).transform)).not.toBe('none');
  await lightbox().getByRole('button', { name: 'Zoom out' }).click();
  await page.waitForTimeout(300);
  await windowShots('photos-lightbox');
  await page.keyboard.press('Escape');
  await lightbox().waitFor({ state: 'detached' });
  // The grid itself: arrow keys move the focus from photo to photo, Enter opens one.
  await photoTiles().first().locator('.ptile-open').focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.closest('.ptile')?.getAttribute('data-index'))).toBe(String(first));
  await page.keyboard.press('Enter');
  await at(first + 1);
  await page.keyboard.press('Escape');
  await lightbox().waitFor({ state: 'detached' });
});

journey('a video plays from the original file', async () => {
  if (!video) return;
  const videoTile = page.locator('.photo-grid .ptile').filter({ has: page.locator('.ptile-video') }).first();
  await videoTile.locator('.ptile-open').click();
  const player = lightbox().locator('video.lb-video');
  await player.waitFor();
  expect(await player.getAttribute('src')).toContain('/api/files/content?path=');
  await page.waitForFunction(() => (document.querySelector('video.lb-video') as HTMLVideoElement | null)?.readyState! >= 1, undefined, { timeout: 20_000 });
  await page.keyboard.press('Escape');
});

journey('a multi-selection becomes an album, which opens, is renamed and keeps its photos', async () => {
  const first = tiles().nth(0);
  await first.hover();
  await first.locator('.ptile-check input').click();
  await tiles().nth(2).locator('.ptile-check input').click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: '3 selected' });
  await bar.waitFor();
  await windowShots('photos-selection');
  await bar.getByRole('button', { name: 'Add to album' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add 3 photos to an album' });
  await dialog.getByLabel('Album name').fill('Holidays');
  await windowShots('photos-add-to-album');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByText('Added 3 photos to “Holidays”.').waitFor();

  await page.getByRole('navigation', { name: 'Photos views' }).getByRole('link', { name: 'Albums' }).click();
  await page.waitForURL('**/photos/albums');
  const card = page.getByRole('link', { name: /Holidays/ });
  await card.getByText('3 photos').waitFor();
  await screenshotWidths(page, 'photos-albums');
  await card.click();
  await page.getByRole('heading', { name: 'Holidays', level: 2 }).waitFor();
  await tiles().nth(2).waitFor();
  expect(await tiles().count()).toBe(3);
  await page.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename' });
  await rename.getByLabel('Album name').fill('Summer holidays');
  await rename.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Summer holidays', level: 2 }).waitFor();
  await windowShots('photos-album');
  const albums = await json<{ albums: Array<{ name: string; count: number }> }>('/api/photos/albums');
  expect(albums.albums).toEqual([expect.objectContaining({ name: 'Summer holidays', count: 3 })]);
  // Deleting the album leaves its photos where they are.
  await page.getByRole('button', { name: 'Delete album' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete “Summer holidays”?' });
  await confirm.getByText('its photos stay in your Drive').waitFor();
  await confirm.getByRole('button', { name: 'Delete album' }).click();
  await page.waitForURL('**/photos/albums');
  await page.getByText('No albums yet').waitFor();
  expect((await json<{ total: number }>('/api/photos/summary')).total).toBe(COUNT + (video ? 1 : 0));
});

journey('Settings limit Photos to chosen folders, refusing a folder that is not in the Drive', async () => {
  await page.goto(`${server.url}/photos`);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Photos settings' });
  await dialog.getByLabel('Only from these folders').check();
  await dialog.locator('textarea').fill('/Nowhere');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('/Nowhere is not a folder in your Drive.').waitFor();
  await windowShots('photos-settings');
  await dialog.locator('textarea').fill('/Photos/Uploads');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Photos settings saved.').waitFor();
  expect(await json<{ folders: string[] | null }>('/api/photos/settings')).toMatchObject({ folders: ['/Photos/Uploads'] });
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByLabel('Show photos from the whole Drive').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Photos settings saved.').waitFor();
  expect((await json<{ folders: string[] | null }>('/api/photos/settings')).folders).toBeNull();
});

/** A finger on the screen (Chromium's touch input through CDP): press at a point, optionally slide, lift after `holdMs`. */
async function touch(cdp: CDPSession, from: { x: number; y: number }, to = from, holdMs = 0): Promise<void> {
  const point = (p: { x: number; y: number }) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let step = 1; step <= 5; step += 1) {
    const at = { x: from.x + ((to.x - from.x) * step) / 5, y: from.y + ((to.y - from.y) * step) / 5 };
    if (to !== from) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(at) });
  }
  if (holdMs) await page.waitForTimeout(holdMs);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function centre(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

journey('on a phone, a long-press starts selecting, a tap adds, and a swipe moves the lightbox', async () => {
  const cdp = await browsers.main.newCDPSession(page);
  await page.setViewportSize({ width: 360, height: 780 });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 2 });
  try {
    await page.goto(`${server.url}/photos`);
    await photoTiles().nth(1).waitFor();
    await touch(cdp, await centre(photoTiles().nth(0)), undefined, 700);
    await page.getByRole('toolbar', { name: '1 selected' }).waitFor();
    await touch(cdp, await centre(photoTiles().nth(1)));
    await page.getByRole('toolbar', { name: '2 selected' }).waitFor();
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await page.getByRole('toolbar', { name: /selected/ }).waitFor({ state: 'detached' });

    await touch(cdp, await centre(photoTiles().nth(0)));
    await lightbox().waitFor();
    const position = async () => (await lightbox().locator('.lb-position').textContent()) ?? '';
    const before = await position();
    const stage = await lightbox().locator('.lb-stage').boundingBox();
    const y = stage!.y + stage!.height / 3;
    await touch(cdp, { x: stage!.x + stage!.width * 0.85, y }, { x: stage!.x + stage!.width * 0.15, y });
    await page.waitForFunction((old) => document.querySelector('.lb-position')?.textContent !== old, before);
    expect(Number((await position()).split(' ')[0])).toBe(Number(before.split(' ')[0]) + 1);
    await page.keyboard.press('Escape');
  } finally {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

journey('with 20,000 photos the grid draws only what is in view and fetches pages as rows come into view', async () => {
  const many = 20_000;
  // One photo every 5 hours, back from 2022: about eleven years.
  await indexMany(server.dataDir, many, Date.UTC(2022, 11, 31, 12), 5, await thumbhashOfFile(photos[0]!.file));
  const all = COUNT + (video ? 1 : 0) + many;
  await page.goto(`${server.url}/photos`);
  await page.getByText(`${all.toLocaleString('en-US')} photos and videos`).waitFor();
  await tiles().first().waitFor();
  const drawn = await page.locator('.photo-grid .ptile').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(400);
  const years = page.getByRole('navigation', { name: 'Jump to a year' }).getByRole('button');
  expect(await years.count()).toBeGreaterThanOrEqual(13);
  // Jump far down: the rows there fill in from their own page (by the day's cursor, not an offset).
  await years.filter({ hasText: '2014' }).click();
  await page.waitForFunction(() => document.querySelector('.scrubber-year[aria-current="true"]')?.textContent === '2014');
  const label = page.locator('.photo-grid .ptile-open[aria-label*="2014"]').first();
  await label.waitFor();
  expect(await label.getAttribute('aria-label')).toMatch(/^ARCHIVE_\d{5}\.jpg, /);
  expect(await page.locator('.photo-grid .ptile').count()).toBeLessThan(400);
  await windowShots('photos-many');
});

journey('in French, the space and its views speak French', async () => {
  await page.evaluate(() => fetch('/api/auth/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'fr' }) }));
  await page.goto(`${server.url}/photos`);
  await page.getByRole('navigation', { name: 'Vues de Photos' }).getByRole('link', { name: 'Chronologie' }).waitFor();
  await page.getByText(/photos et vidéos$/).waitFor();
  await page.getByRole('navigation', { name: 'Aller à une année' }).waitFor();
  await tiles().first().waitFor();
  await windowShots('photos-timeline-fr');
  await page.evaluate(() => fetch('/api/auth/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) }));
});

journey('nothing broke the page or the content security policy', async () => {
  expect(problems).toEqual([]);
});
