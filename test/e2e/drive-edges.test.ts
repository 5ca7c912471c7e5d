// Drive, the less travelled paths: the keyboard in the list, an upload refused
// for lack of space before it starts, a cancelled upload, a full disk (507),
// share links made and revoked from the details panel, a folder as a zip.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { noise, setupOwnerAndOpenDrive, writeTree } from './drive-fixtures';
import { launchBrowsers, startServer, type Browsers, type RunningServer } from './harness';

const STEP = 60_000;
let server: RunningServer;
let browsers: Browsers;
let page: Page;
let cdp: CDPSession;
let tree: string;
const problems: string[] = [];

const link = (name: string) => page.locator('.files').getByRole('link', { name, exact: true });
const checked = () => page.locator('.files tbody .file-check:checked').count();
const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
const input = () => page.locator('input[data-upload="files"]');

async function names(folder: string): Promise<string[]> {
  const response = await page.request.get(`${server.url}/api/files?path=${encodeURIComponent(folder)}`);
  const { entries } = (await response.json()) as { entries: Array<{ name: string }> };
  return entries.map((e) => e.name).sort();
}

beforeAll(async () => {
  tree = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-drive-edges-'));
  await writeTree(tree, {
    'a.txt': 'alpha\n',
    'b.txt': 'bravo\n',
    'c.txt': 'charlie\n',
    'big.bin': noise(2_000_000),
    'full.txt': 'too much\n',
    'Box/inside.txt': 'in the box\n',
  });
  server = await startServer();
  browsers = await launchBrowsers();
  page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  page.on('pageerror', (error) => problems.push(error.message));
  cdp = await browsers.main.newCDPSession(page);
  await cdp.send('Network.enable');
  await setupOwnerAndOpenDrive(page, server.url);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
  if (tree) await rm(tree, { recursive: true, force: true });
}, 30_000);

test('the list works with the keyboard', async () => {
  await input().setInputFiles(['a.txt', 'b.txt', 'c.txt'].map((n) => path.join(tree, n)));
  await page.locator('.uploads-head h2').getByText('3 files uploaded').waitFor();
  await page.getByRole('button', { name: 'Close the upload list' }).click();
  await link('c.txt').waitFor();

  await link('a.txt').focus();
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe('b.txt');
  await page.keyboard.press('Shift+ArrowDown');
  expect(await focused()).toBe('c.txt');
  expect(await checked()).toBe(2);
  await page.keyboard.press('Escape');
  expect(await checked()).toBe(0);
  await page.keyboard.press('Control+a');
  expect(await checked()).toBe(3);
  await page.keyboard.press('Home');
  expect(await focused()).toBe('a.txt');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').locator('pre.preview-text').getByText('alpha').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  expect(await focused()).toBe('a.txt');
}, STEP);

test('an upload bigger than the free space is refused before it starts', async () => {
  await page.route('**/api/files/space', (route) => route.fulfill({ json: { freeBytes: 1000, totalBytes: 100_000 } }));
  await input().setInputFiles(path.join(tree, 'big.bin'));
  await page.getByRole('alert').getByText(/^Not uploaded: these files need 2 MB, and only 1 kB is free on the box\.$/).waitFor();
  expect(await page.locator('.uploads').count()).toBe(0);
  await page.unroute('**/api/files/space');
}, STEP);

test('an upload can be cancelled; nothing is left of it', async () => {
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 100_000 });
  await input().setInputFiles(path.join(tree, 'big.bin'));
  await page.locator('.upload-uploading').waitFor();
  await page.getByRole('button', { name: 'Cancel the upload of big.bin' }).click();
  await page.locator('.upload-cancelled').getByText('Cancelled').waitFor();
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.getByRole('button', { name: 'Close the upload list' }).click();
  await Bun.sleep(500);
  expect(await names('/')).toEqual(['a.txt', 'b.txt', 'c.txt']);
}, STEP);

test('a full disk (507) is said in words, per file', async () => {
  await page.route(/\/api\/files\/content\?path=%2Ffull\.txt/, (route) =>
    route.fulfill({ status: 507, json: { error: { code: 'insufficient_storage', message: 'The data volume is full.' } } }),
  );
  await input().setInputFiles(path.join(tree, 'full.txt'));
  const failed = page.locator('.upload-failed');
  await failed.getByText('The box is out of space. Free some space, then try again.').waitFor();
  expect(await failed.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  await page.getByText('1 file needs your attention.').waitFor();
  await page.unroute(/\/api\/files\/content\?path=%2Ffull\.txt/);
  await page.getByRole('button', { name: 'Close the upload list' }).click();
}, STEP);

test('share links are made, listed and revoked from the details panel', async () => {
  await page.getByLabel('Select a.txt').check();
  await page.getByRole('button', { name: 'Details' }).click();
  const panel = page.locator('aside.details');
  await panel.getByText('Not shared.', { exact: false }).waitFor();
  await panel.getByLabel('Password (optional)').fill('open sesame');
  await panel.getByLabel('Valid until (optional)').fill('2099-12-31');
  await panel.getByRole('button', { name: 'Create a link' }).click();
  await panel.getByText(/^Link created/).waitFor();
  const share = panel.locator('.share');
  await share.getByText('Password').waitFor();
  expect(await share.locator('.share-url').textContent()).toMatch(new RegExp(`^${server.url}/s/`));
  expect(await share.getByText(/^Until /).textContent()).toContain('2099');

  await share.getByRole('button', { name: /^Revoke the link/ }).click();
  await panel.getByText('Link revoked.').waitFor();
  await panel.getByText('Not shared.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Close details' }).click();
  await page.getByRole('button', { name: 'Clear the selection' }).click();
}, STEP);

test('a folder downloads as a zip', async () => {
  await page.locator('input[data-upload="folder"]').setInputFiles(path.join(tree, 'Box'));
  await link('Box').waitFor();
  await page.getByLabel('Select Box').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('Box.zip');
  expect(problems).toEqual([]);
}, STEP);
