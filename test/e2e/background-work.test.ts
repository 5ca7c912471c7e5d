// Settings → Background work in the real UI: a folder of photos arrives,
// the page shows the backlog of thumbnail work draining live (server-sent
// events, no polling), then the one corrupt photo among the failures with its
// reason, and a Retry. Screenshots at 360 and 1280 px go to screenshots/.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowsers, screenshotWidths, startServer, type Browsers, type RunningServer, setupFromPage } from './harness';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const PHOTOS = 24;
const KIND_NAME = 'Photo thumbnails and details';
const STEP = 120_000;

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let cookie = '';
const jobRequests: string[] = [];
const pageProblems: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/jobs/')) jobRequests.push(`${request.method()} ${pathname}`);
  });
  await page.goto(`${server.url}/`);
  expect(await setupFromPage(page, OWNER)).toBe(201);
  const session = (await browsers.main.cookies()).find((c) => c.name === 'cozy_session');
  cookie = `cozy_session=${session?.value}`;
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

/** A camera-sized photo of noise (slow enough to decode that the backlog can be seen draining), different each time. */
function photo(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 100 + (seed % 50), sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function upload(path: string, body: Uint8Array): Promise<void> {
  const response = await fetch(`${server.url}/api/files/content?path=${encodeURIComponent(path)}`, { method: 'PUT', headers: { cookie }, body: new Uint8Array(body) });
  expect(response.status).toBe(201);
}

const mediaRow = () => page.locator('.jobs-kind', { hasText: KIND_NAME });

async function screenshots(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotWidths(page, name);
}

test('the page is in the Settings navigation and says what it is for', async () => {
  await page.goto(`${server.url}/settings/system`);
  await page.getByRole('link', { name: 'Background work' }).click();
  await page.waitForURL('**/settings/background-work');
  await page.getByRole('heading', { name: 'Background work', level: 2 }).waitFor();
  await page.getByText('What the box does on its own', { exact: false }).waitFor();
  await mediaRow().getByText('Up to date').waitFor();
  // Every kind of work is named for people, never by its internal kind ("banks.link").
  for (const name of await page.locator('.jobs-kind-name').allTextContents()) expect(name).not.toMatch(/^[a-z]+\.[a-z.]+$/);
}, STEP);

test('a folder of photos shows as a backlog that drains live, then a corrupt one among the failures with its reason', async () => {
  // What the page shows is recorded as it changes: the drain can be quicker than a look at the page.
  await page.evaluate(() => {
    const seen = { waiting: false, partial: false };
    (window as unknown as { drainSeen: typeof seen }).drainSeen = seen;
    new MutationObserver(() => {
      const row = [...document.querySelectorAll('.jobs-kind')].find((node) => node.textContent?.includes('Photo thumbnails'));
      if (!row) return;
      if (/\d+ waiting/.test(row.textContent ?? '')) seen.waiting = true;
      const value = Number(row.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow'));
      if (value > 0 && value < 100) seen.partial = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  // Made first, then sent together, so they arrive faster than the box can work through them.
  const photos = await Promise.all(Array.from({ length: PHOTOS + 1 }, (_, i) => photo(i)));
  await upload('/broken.jpg', photos[0]!.subarray(0, 600));
  await Promise.all(photos.slice(1).map((body, i) => upload(`/IMG_${String(i + 1).padStart(4, '0')}.jpg`, body)));

  // The backlog, while it drains: some waiting, a bar partly filled.
  const bar = mediaRow().getByRole('progressbar');
  await page.waitForFunction(() => {
    const seen = (window as unknown as { drainSeen: { waiting: boolean; partial: boolean } }).drainSeen;
    return seen.waiting && seen.partial;
  }, undefined, { timeout: 60_000 });
  await screenshots('background-work-draining');

  // Drained, without the page asking again: it only listens to its event stream.
  await mediaRow().getByText('Up to date').waitFor({ timeout: STEP });
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(100);
  await mediaRow().getByText('1 failed').waitFor();
  const failure = page.locator('.jobs-failure');
  await failure.first().waitFor();
  expect(await failure.count()).toBe(1);
  // Named by the file's path, as its owner knows it.
  expect(await failure.locator('.jobs-failure-name').textContent()).toBe('/broken.jpg');
  expect((await failure.locator('.jobs-failure-reason').textContent())?.length).toBeGreaterThan(0);
  await screenshots('background-work-done');
  expect(jobRequests.filter((r) => r === 'GET /api/jobs/summary')).toEqual([]);
  expect(jobRequests).toContain('GET /api/jobs/events');
}, STEP * 2);

test('Retry queues the failed job again; a corrupt file fails again, once, with the same reason', async () => {
  const reason = await page.locator('.jobs-failure-reason').textContent();
  await page.locator('.jobs-failure').getByRole('button', { name: /^Retry/ }).click();
  await page.getByText('1 job queued again.').waitFor();
  await page.locator('.jobs-failure-reason', { hasText: reason ?? '' }).waitFor({ timeout: 60_000 });
  await mediaRow().getByText('Up to date').waitFor({ timeout: 60_000 });
  expect(await page.locator('.jobs-failure').count()).toBe(1);
}, STEP);

test('in French, the kinds and figures are in French', async () => {
  await page.evaluate(() => fetch('/api/auth/me', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'fr' }) }));
  await page.reload();
  await page.getByRole('heading', { name: 'Tâches de fond', level: 2 }).waitFor();
  await page.locator('.jobs-kind', { hasText: 'Miniatures et détails des photos' }).getByText('À jour').waitFor();
  await screenshots('background-work-fr');
  expect(pageProblems).toEqual([]);
}, STEP);
