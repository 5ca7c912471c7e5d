// The public page of a share link, as a visitor sees it: a fresh browser with
// no cookies and no account opens a folder link (listing, subfolder,
// download, zip), a password link (wrong then right password, picture
// preview, download), a bogus link and an expired one. The owner's side is
// set up through the API. Screenshots at 360 and 1280 px go to
// test/e2e/screenshots/share-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { launchBrowsers, screenshotWidths, startServer, watchProblems, type Browsers, type RunningServer } from './harness';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const LINK_PASSWORD = 'open sesame';
const STEP = 60_000;
const NOTES = 'Remember the sunscreen.\nAnd the big umbrella.\n';
const BEACH = 'sand and sea, and a little crab\n';

let server: RunningServer;
let browsers: Browsers;
let visitor: BrowserContext;
let page: Page;
let cookie = '';
let folderLink = '';
let passwordLink = '';
let expiringLink = '';
let expiringAt = 0;
let picture = new Uint8Array(0);
const requests: string[] = [];
const pageProblems: string[] = [];

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response;
}

async function upload(path: string, bytes: string | Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch(`${server.url}/api/files/content?path=${encodeURIComponent(path)}`, {
    method: 'PUT',
    headers: { cookie },
    body: bytes,
  });
  expect(response.status).toBe(201);
}

async function share(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await api('POST', '/api/shares', { path, ...extra });
  const { url } = (await response.json()) as { url: string };
  expect(url).toStartWith('/s/');
  return url;
}

async function downloadedBytes(download: Download): Promise<Uint8Array> {
  const file = await download.path();
  return new Uint8Array(await readFile(file));
}

/** Nothing on the page is wider than a 360 px phone. */
async function fitsPhone(target: Page): Promise<void> {
  const original = target.viewportSize();
  await target.setViewportSize({ width: 360, height: 780 });
  await target.waitForTimeout(150);
  const width = await target.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(360);
  if (original) await target.setViewportSize(original);
}

/** A real PNG drawn by the browser: a small sunset. */
async function drawPicture(target: Page): Promise<Uint8Array<ArrayBuffer>> {
  const dataUrl = await target.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 960;
    canvas.height = 540;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 540);
    sky.addColorStop(0, '#1e3a8a');
    sky.addColorStop(0.6, '#f97316');
    sky.addColorStop(1, '#fde68a');
    g.fillStyle = sky;
    g.fillRect(0, 0, 960, 540);
    g.fillStyle = '#fef3c7';
    g.beginPath();
    g.arc(480, 360, 90, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#0e7490';
    g.fillRect(0, 380, 960, 160);
    return canvas.toDataURL('image/png');
  });
  return new Uint8Array(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
}

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();

  const setup = await fetch(`${server.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  expect(setup.status).toBe(201);
  cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
  expect(cookie).toStartWith('cozy_session=');

  const scratch = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  picture = await drawPicture(scratch);

  await api('POST', '/api/files/folders', { path: '/Holidays/Day 1', parents: true });
  await api('POST', '/api/files/folders', { path: '/Holidays/Day 2', parents: true });
  await upload('/Holidays/notes.txt', NOTES);
  await upload('/Holidays/packing list 2026.txt', 'towels\nhats\n');
  await upload('/Holidays/Day 1/beach.txt', BEACH);
  await upload('/Holidays/Day 1/sunset.png', picture);

  folderLink = await share('/Holidays', { expiresAt: Date.now() + 30 * 86_400_000 });
  passwordLink = await share('/Holidays/Day 1/sunset.png', { password: LINK_PASSWORD });
  expiringAt = Date.now() + 1500;
  expiringLink = await share('/Holidays/notes.txt', { expiresAt: expiringAt });

  // The visitor: another browser, no cookies, never signed in.
  visitor = await browsers.other();
  expect(await visitor.cookies()).toEqual([]);
  page = await visitor.newPage();
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  watchProblems(page, pageProblems);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

test('a folder link shows its contents to a visitor, without any sign-in', async () => {
  await page.goto(`${server.url}${folderLink}`);
  await page.getByRole('heading', { name: 'Holidays', level: 1 }).waitFor();
  await page.getByText('CozyBox').first().waitFor();
  await page.getByText('shared with you').waitFor();
  await page.getByText(/^Available until /).waitFor();
  // The heading can show before the rows do: read the names once the count is there.
  await page.getByText('4 items').waitFor();
  const list = page.getByRole('list', { name: 'Contents of Holidays' });
  await list.locator('.share-row-name').first().waitFor();
  const names = await list.locator('.share-row-name').allTextContents();
  expect(names).toEqual(['Day 1', 'Day 2', 'notes.txt', 'packing list 2026.txt']);

  // Still on the link: no redirect to Setup or Sign in, and the session API was never asked.
  expect(new URL(page.url()).pathname).toBe(folderLink);
  expect(requests.filter((path) => path.startsWith('/api/auth'))).toEqual([]);
  // The owner's paths are never on the page.
  expect(await page.locator('body').textContent()).not.toContain('/Holidays');
  await fitsPhone(page);
  await screenshotWidths(page, 'share-folder');
}, STEP);

test('the visitor opens a subfolder, downloads a file from it, and comes back', async () => {
  await page.getByRole('link', { name: 'Day 1', exact: true }).click();
  await page.waitForURL(`**${folderLink}/Day%201`);
  await page.getByRole('heading', { name: 'Day 1', level: 1 }).waitFor();
  const crumbs = page.getByRole('navigation', { name: 'Location in the shared folder' });
  expect((await crumbs.textContent())?.replace(/\s+/g, ' ')).toContain('Holidays');
  expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe('Day 1');
  await page.getByRole('list', { name: 'Contents of Day 1' }).locator('.share-row-name', { hasText: 'beach.txt' }).waitFor();
  await fitsPhone(page);
  await screenshotWidths(page, 'share-subfolder');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download beach.txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('beach.txt');
  expect(new TextDecoder().decode(await downloadedBytes(download))).toBe(BEACH);

  const [picked] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download sunset.png' }).click(),
  ]);
  expect(await downloadedBytes(picked)).toEqual(picture);

  // A reload keeps the place (the URL names the folder); the breadcrumb leads back.
  await page.reload();
  await page.getByRole('heading', { name: 'Day 1', level: 1 }).waitFor();
  await crumbs.getByRole('link', { name: 'Holidays', exact: true }).click();
  await page.getByRole('heading', { name: 'Holidays', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe(folderLink);

  // The browser's Back button walks the folders too.
  await page.goBack();
  await page.getByRole('heading', { name: 'Day 1', level: 1 }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Holidays', level: 1 }).waitFor();
}, STEP);

test('"Download all as zip" gives the folder as one zip', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download all as zip' }).click(),
  ]);
  const bytes = await downloadedBytes(download);
  expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  const text = new TextDecoder('latin1').decode(bytes);
  for (const name of ['notes.txt', 'Day 1/beach.txt', 'Day 1/sunset.png']) expect(text).toContain(name);

  const [notes] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download notes.txt' }).click(),
  ]);
  expect(new TextDecoder().decode(await downloadedBytes(notes))).toBe(NOTES);
}, STEP);

test('the page is in French at a click, and stays so', async () => {
  await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('link', { name: 'Tout télécharger en zip' }).waitFor();
  await page.getByText('partagé avec vous').waitFor();
  await page.getByText(/^Disponible jusqu’au /).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await fitsPhone(page);
  await screenshotWidths(page, 'share-folder-fr');
  await page.reload();
  await page.getByText('4 éléments').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('4 items').waitFor();
}, STEP);

test('a password link asks for its password, refuses a wrong one, then shows the file', async () => {
  await page.goto(`${server.url}${passwordLink}`);
  await page.getByRole('heading', { name: 'This link is protected by a password', level: 1 }).waitFor();
  // Nothing about the file is shown before the password.
  expect(await page.locator('main').textContent()).not.toContain('sunset');
  await fitsPhone(page);
  await screenshotWidths(page, 'share-password');

  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByText('Enter the password.').waitFor();

  await page.getByLabel('Password', { exact: true }).fill('not it');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('alert').getByText('Wrong password. Check it and try again.').waitFor();
  expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
  await screenshotWidths(page, 'share-password-wrong');

  await page.getByLabel('Password', { exact: true }).fill(LINK_PASSWORD);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { name: 'sunset.png', level: 1 }).waitFor();
  await page.getByText('Image', { exact: true }).waitFor();

  // The picture is previewed (the content endpoint answers as an attachment, an <img> draws it anyway).
  const preview = page.getByRole('img', { name: 'Preview of sunset.png' });
  await preview.waitFor();
  await page.waitForFunction(() => (document.querySelector('.share-preview img') as HTMLImageElement | null)?.naturalWidth === 960);
  await fitsPhone(page);
  await screenshotWidths(page, 'share-file');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /^Download/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('sunset.png');
  expect(await downloadedBytes(download)).toEqual(picture);

  // The unlock is remembered by this browser (an HttpOnly cookie for this link only).
  const proofs = (await visitor.cookies()).filter((c) => c.name.startsWith('cozy_share_'));
  expect(proofs.length).toBe(1);
  expect(proofs[0]!.httpOnly).toBe(true);
  await page.reload();
  await page.getByRole('heading', { name: 'sunset.png', level: 1 }).waitFor();
}, STEP);

test('too many wrong passwords show a countdown', async () => {
  const fresh = await browsers.other();
  const other = await fresh.newPage();
  // The box's throttle starts with short waits; answer as it does after many failures.
  await other.route('**/unlock', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      headers: { 'Retry-After': '90' },
      body: JSON.stringify({ error: { code: 'too_many_attempts', message: 'Too many attempts, try again in 90 s.', retryAfter: 90 } }),
    }),
  );
  await other.goto(`${server.url}${passwordLink}`);
  await other.getByLabel('Password', { exact: true }).fill('guess');
  await other.getByRole('button', { name: 'Open' }).click();
  await other.getByRole('alert').getByText('Too many wrong passwords.').waitFor();
  await other.getByText(/You can try again in 1:(30|29)\./).waitFor();
  expect(await other.getByRole('button', { name: 'Open' }).getAttribute('aria-disabled')).toBe('true');
  await screenshotWidths(other, 'share-password-locked');
  await fresh.close();
}, STEP);

test('a bogus link and an expired one say so', async () => {
  await page.goto(`${server.url}/s/thisTokenDoesNotExist`);
  await page.getByRole('heading', { name: 'This link does not exist or was revoked', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/s/thisTokenDoesNotExist');
  await fitsPhone(page);
  await screenshotWidths(page, 'share-missing');

  await Bun.sleep(Math.max(0, expiringAt + 100 - Date.now()));
  await page.goto(`${server.url}${expiringLink}`);
  await page.getByRole('heading', { name: 'This link has expired', level: 1 }).waitFor();
  await screenshotWidths(page, 'share-expired');

  await page.goto(`${server.url}/s/${'x'.repeat(80)}`);
  await page.getByRole('heading', { name: 'This link does not exist or was revoked', level: 1 }).waitFor();

  expect(requests.filter((path) => path.startsWith('/api/auth'))).toEqual([]);
  expect(pageProblems).toEqual([]);
}, STEP);
