// The Drive journey against the real appliance: a folder dropped on the page
// uploads with progress, a new folder is made, renamed, a file moved into it
// with the picker, deleted (Undo, then Trash and Restore), files previewed,
// the details panel shows the checksum and versions, a conflict is resolved.
// Screenshots at 360 and 1280 px go to test/e2e/screenshots/drive-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { noise, pdf, png, writeTree } from './drive-fixtures';
import { journeyTest, launchBrowsers, mainPage, screenshotWidths, startServer, type Browsers, type RunningServer } from './harness';

const NAME = 'alice';
const PASSPHRASE = 'amber kettle on the hill';
const STEP = 90_000;
const IMAGE = png(96, 64);

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let cdp: CDPSession;
let tree: string;
const problems: string[] = [];
const netlog: string[] = [];

const sha256 = (bytes: Uint8Array) => new Bun.CryptoHasher('sha256').update(bytes).digest('hex');
const row = (name: string) => page.locator('.files').getByRole('link', { name, exact: true });
const dialog = () => page.getByRole('dialog');
const toast = () => page.locator('.toast');

/** A step whose failure leaves a screenshot and the server's last words. */
const journey = journeyTest({ label: 'drive', page: () => page, server: () => server, extra: () => [netlog.join('\n')] }, STEP);

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await page.request.get(`${server.url}${pathAndQuery}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

async function names(folder: string): Promise<string[]> {
  const { entries } = await api<{ entries: Array<{ name: string }> }>(`/api/files?path=${encodeURIComponent(folder)}`);
  return entries.map((e) => e.name).sort();
}

/** What the box lists in a folder, waiting a little for its index to settle after a change. */
async function expectNames(folder: string, expected: string[]): Promise<void> {
  let seen: string[] = [];
  for (let tries = 0; tries < 25; tries += 1) {
    seen = await names(folder);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await Bun.sleep(200);
  }
  expect(seen).toEqual(expected);
}

/** A real drag of files from the computer (Chromium's input pipeline, so webkitGetAsEntry sees folders). */
async function dropPaths(paths: string[]): Promise<void> {
  const box = await page.locator('.drive-content').boundingBox();
  const x = Math.round((box?.x ?? 400) + (box?.width ?? 200) / 2);
  const y = Math.round((box?.y ?? 300) + 80);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
  }
}

async function throttleUploads(bytesPerSecond: number | null): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
}

beforeAll(async () => {
  tree = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-drive-'));
  await writeTree(path.join(tree, 'drop'), {
    'Holiday/beach.png': IMAGE,
    'Holiday/itinerary.pdf': pdf('Day 1: the sea'),
    'Holiday/notes.txt': 'Sea, sand and sun.\n'.repeat(40),
    'Holiday/packing-list.txt': 'Towels\nSun cream\nA good book\n',
    'Holiday/photos/sunset.png': png(48, 48),
    'Holiday/raw-footage.bin': noise(3_000_000),
  });
  await writeTree(path.join(tree, 'pick'), { 'Scans/receipt.txt': 'Bakery 4.20\n', 'Scans/2024/page-1.txt': 'page one\n' });
  await writeTree(path.join(tree, 'again'), { 'beach.png': png(120, 80) });
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, problems);
  page.on('response', async (r) => {
    if (!r.url().includes('/api/files')) return;
    const body = r.request().method() === 'GET' && r.url().includes('/api/files?') ? await r.text().catch(() => '') : '';
    netlog.push(`${Date.now() % 100000} ${r.request().method()} ${r.url().replace(server.url, '')} ${r.status()} ${[...body.matchAll(/"name":"([^"]*)"/g)].map((m) => m[1]).join(',')}`);
  });
  cdp = await browsers.main.newCDPSession(page);
  await cdp.send('Network.enable');
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
  if (tree) await rm(tree, { recursive: true, force: true });
}, 30_000);

journey('the owner is created, Drive is in the top bar and an empty folder says what to do', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForURL('**/setup');
  await page.getByLabel('Name').fill(NAME);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await page.waitForURL('**/drive');

  await page.getByRole('navigation', { name: 'Spaces' }).getByRole('link', { name: 'Drive' }).click();
  await page.waitForURL('**/drive');
  await page.getByRole('heading', { name: 'My files', level: 1 }).waitFor();
  await page.getByText('Drop files here or use Upload.').waitFor();
  await page.locator('.space-meter [role="meter"]').waitFor();
});

journey('a folder dropped on the page uploads, with each file’s progress and the overall speed', async () => {
  await throttleUploads(300_000);
  await dropPaths([path.join(tree, 'drop', 'Holiday')]);
  const panel = page.locator('.uploads[data-running]');
  await panel.waitFor();
  expect(await panel.locator('.upload').count()).toBe(6);
  // At most three files at a time.
  expect(await panel.locator('.upload-uploading').count()).toBeLessThanOrEqual(3);
  const overall = panel.getByRole('progressbar', { name: 'All uploads' });
  await page.waitForFunction(() => {
    const bar = document.querySelector('.uploads > [role="progressbar"]');
    return Number(bar?.getAttribute('aria-valuenow')) > 5 && /\/s/.test(document.querySelector('.uploads-figures')?.textContent ?? '');
  });
  expect(await panel.getByText(/left/).count()).toBe(1);
  await screenshotWidths(page, 'drive-upload');
  expect(Number(await overall.getAttribute('aria-valuenow'))).toBeLessThan(100);

  await throttleUploads(null);
  await page.locator('.uploads-head h2').getByText('6 files uploaded').waitFor({ timeout: 60_000 });
  await row('Holiday').waitFor();
  await expectNames('/Holiday', ['beach.png', 'itinerary.pdf', 'notes.txt', 'packing-list.txt', 'photos', 'raw-footage.bin']);
  await expectNames('/Holiday/photos', ['sunset.png']);
  await page.getByRole('button', { name: 'Close the upload list' }).click();
  await page.locator('.uploads').waitFor({ state: 'detached' });
});

journey('a folder chosen with Upload folder keeps its tree', async () => {
  await page.locator('input[data-upload="folder"]').setInputFiles(path.join(tree, 'pick', 'Scans'));
  await page.locator('.uploads-head h2').getByText('2 files uploaded').waitFor();
  await row('Scans').waitFor();
  await expectNames('/Scans', ['2024', 'receipt.txt']);
  await page.getByRole('button', { name: 'Close the upload list' }).click();
});

journey('list and grid views; the choice is remembered', async () => {
  await row('Holiday').click();
  await page.waitForURL('**/drive/Holiday');
  await row('beach.png').waitFor();
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('link', { name: 'My files' }).waitFor();
  await screenshotWidths(page, 'drive-list');

  await page.getByRole('button', { name: 'Grid' }).click();
  await page.locator('.files-grid .tile').first().waitFor();
  await screenshotWidths(page, 'drive-grid');
  await page.reload();
  await page.locator('.files-grid .tile').first().waitFor();
  expect(await page.getByRole('button', { name: 'Grid' }).getAttribute('aria-pressed')).toBe('true');
  await page.getByRole('button', { name: 'List' }).click();
  await page.locator('.files-table').waitFor();

  // Sorting by size puts the largest file first, folders still on top.
  await page.getByLabel('Sort by').selectOption('size-desc');
  const { entries } = await api<{ entries: Array<{ name: string; kind: string; size: number }> }>('/api/files?path=%2FHoliday');
  const bySize = entries.filter((e) => e.kind === 'file').sort((a, b) => b.size - a.size).map((e) => e.name);
  const shown = () => page.locator('.files .file-name').allTextContents();
  await page.waitForFunction((want) => [...document.querySelectorAll('.files .file-name')].map((a) => a.textContent).join('/') === want, ['photos', ...bySize].join('/'));
  expect(await shown()).toEqual(['photos', ...bySize]);
  expect(bySize[0]).toBe('raw-footage.bin');
  await page.getByLabel('Sort by').selectOption('name-asc');
});

journey('a new folder is created, renamed, and a file moved into it with the picker', async () => {
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('link', { name: 'My files' }).click();
  await page.waitForURL(/\/drive$/);
  await page.getByRole('button', { name: 'New folder' }).click();
  await dialog().getByLabel('Folder name').fill('Archive');
  await dialog().getByRole('button', { name: 'Create' }).click();
  await row('Archive').waitFor();

  await page.getByLabel('Select Archive').check();
  await page.getByRole('toolbar', { name: 'Actions for the selection' }).getByRole('button', { name: 'Rename' }).click();
  const nameField = dialog().getByLabel('New name');
  expect(await nameField.inputValue()).toBe('Archive');
  await nameField.fill('Archive 2024');
  await dialog().getByRole('button', { name: 'Rename' }).click();
  await row('Archive 2024').waitFor();
  await expectNames('/', ['Archive 2024', 'Holiday', 'Scans']);

  await row('Holiday').click();
  await row('notes.txt').waitFor();
  // Keyboard: focus the name, Space selects it.
  await row('notes.txt').focus();
  await page.keyboard.press('Space');
  expect(await page.getByLabel('Select notes.txt').isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Move…' }).click();
  await dialog().getByRole('heading', { name: 'Move 1 item' }).waitFor();
  await dialog().getByRole('button', { name: 'Up one folder' }).click();
  await dialog().getByRole('button', { name: 'Archive 2024' }).click();
  await dialog().getByText('No folder inside.').waitFor();
  await dialog().getByRole('button', { name: 'Move here' }).click();
  await toast().getByText('1 item moved to Archive 2024.').waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await expectNames('/Archive 2024', ['notes.txt']);
  expect(await row('notes.txt').count()).toBe(0);
});

journey('Delete moves to the Trash with Undo; the Trash lists it and restores it', async () => {
  await page.goto(`${server.url}/drive/Archive%202024`);
  await row('notes.txt').focus();
  await page.keyboard.press('Delete');
  await toast().getByText('“notes.txt” moved to the Trash.').waitFor();
  await toast().getByRole('button', { name: 'Undo' }).click();
  await row('notes.txt').waitFor();
  await expectNames('/Archive 2024', ['notes.txt']);

  await page.getByLabel('Select notes.txt').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('This folder is empty').waitFor();

  await page.getByRole('link', { name: 'Trash' }).click();
  await page.waitForURL('**/drive-trash');
  await page.getByText('Items in the Trash are deleted for good after 30 days.').waitFor();
  const item = page.locator('.trash-item', { hasText: 'notes.txt' });
  await item.getByRole('link', { name: '/Archive 2024' }).waitFor();
  await screenshotWidths(page, 'drive-trash');
  await item.getByRole('button', { name: 'Restore notes.txt' }).click();
  await toast().getByText('“notes.txt” is back in /Archive 2024.').waitFor();
  await page.getByText('The Trash is empty.').waitFor();
  await expectNames('/Archive 2024', ['notes.txt']);
});

journey('an image and a PDF open in the preview; arrows go from one to the next; Escape closes', async () => {
  await page.goto(`${server.url}/drive/Holiday`);
  await row('beach.png').click();
  const image = dialog().locator('img.preview-image');
  await image.waitFor();
  await page.waitForFunction(() => (document.querySelector('img.preview-image') as HTMLImageElement | null)?.naturalWidth === 96);
  await dialog().getByText('1 of 4').waitFor();
  await screenshotWidths(page, 'drive-preview');

  await page.keyboard.press('ArrowRight');
  const frame = dialog().locator('iframe.preview-frame');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toContain('inline=1');
  const served = await page.request.get(`${server.url}${await frame.getAttribute('src')}`);
  expect(served.headers()['content-type']).toBe('application/pdf');
  expect(served.headers()['content-disposition']).toStartWith('inline');
  await dialog().getByText('2 of 4').waitFor();
  // Chromium's PDF viewer lays itself out again after a resize: give it time at each width.
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
    await page.waitForTimeout(1200);
    await screenshotWidths(page, 'drive-preview-pdf', [width]);
  }

  await dialog().getByRole('button', { name: 'Next file' }).click();
  await dialog().locator('pre.preview-text').getByText('Sun cream').first().waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
});

journey('the details panel shows the checksum; uploading over a file asks, keeps a version, or keeps both', async () => {
  await page.getByLabel('Select beach.png').check();
  await page.getByRole('button', { name: 'Details' }).click();
  const panel = page.locator('aside.details');
  await panel.getByRole('heading', { name: 'beach.png' }).waitFor();
  const checksum = panel.locator('[data-checksum]');
  expect(await checksum.getAttribute('data-checksum')).toBe(sha256(IMAGE));
  expect(await checksum.textContent()).toBe(`${sha256(IMAGE).slice(0, 8)}…${sha256(IMAGE).slice(-8)}`);
  await panel.getByText('No earlier version.', { exact: false }).waitFor();

  const again = path.join(tree, 'again', 'beach.png');
  await page.locator('input[data-upload="files"]').setInputFiles(again);
  const conflict = page.locator('.upload-conflict');
  await conflict.getByText('A file with this name is already there.').waitFor();
  await conflict.getByRole('button', { name: 'Replace' }).click();
  await page.locator('.uploads-head h2').getByText('1 file uploaded').waitFor();
  await panel.locator('.version').first().waitFor();
  expect(await panel.locator('.version').count()).toBe(1);
  await screenshotWidths(page, 'drive-details');

  await page.locator('input[data-upload="files"]').setInputFiles(again);
  await page.locator('.upload-conflict').getByRole('button', { name: 'Keep both' }).click();
  await row('beach (2).png').waitFor();
  await page.getByRole('button', { name: 'Close details' }).click();
  await page.getByRole('button', { name: 'Clear the selection' }).click();
  await page.getByRole('button', { name: 'Close the upload list' }).click();
});

journey('Empty the Trash asks first; nothing overflows a phone screen', async () => {
  await page.getByLabel('Select beach (2).png').check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await toast().getByText('“beach (2).png” moved to the Trash.').waitFor();
  await page.goto(`${server.url}/drive-trash`);
  await page.getByRole('button', { name: 'Empty the Trash' }).click();
  await dialog().getByText('The 1 item in the Trash will be deleted for good.', { exact: false }).waitFor();
  await dialog().getByRole('button', { name: 'Empty the Trash' }).click();
  await page.getByText('The Trash is empty.').waitFor();

  await page.setViewportSize({ width: 360, height: 780 });
  for (const where of ['/drive/Holiday', '/drive-trash']) {
    await page.goto(`${server.url}${where}`);
    await page.locator('.drive-main').waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(360);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
});
