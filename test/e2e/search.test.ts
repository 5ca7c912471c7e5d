// The top bar's search box against the real appliance: type a word, see the
// results grouped by kind with the word highlighted, walk them with the
// keyboard, open one in Drive; filters; FTS syntax typed as text; the phone
// layout (an icon opening a full-width box). Screenshots at 360 and 1280 px.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pdf, png, setupOwnerAndOpenDrive } from './drive-fixtures';
import { launchBrowsers, mainPage, SCREENSHOTS, startServer, type Browsers, type RunningServer } from './harness';

const STEP = 60_000;
let server: RunningServer;
let browsers: Browsers;
let page: Page;
const problems: string[] = [];

async function put(target: Page, filePath: string, body: Buffer | string): Promise<void> {
  const status = await target.evaluate(async ([p, bytes]) => {
    const response = await fetch(`/api/files/content?path=${encodeURIComponent(p)}`, { method: 'PUT', body: new Uint8Array(bytes) });
    return response.status;
  }, [filePath, [...Buffer.from(body)]] as const);
  expect(status).toBe(201);
}

async function mkdir(target: Page, folder: string): Promise<void> {
  const status = await target.evaluate(async (p) => {
    const response = await fetch('/api/files/folders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: p, parents: true }) });
    return response.status;
  }, folder);
  expect(status).toBe(201);
}

const box = () => page.getByRole('combobox', { name: 'Search' });
const options = () => page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, problems);
  await setupOwnerAndOpenDrive(page, server.url);
  await mkdir(page, '/Factures/2024');
  await mkdir(page, '/Photos/Bretagne');
  await put(page, '/Factures/2024/facture-edf-mars.pdf', pdf('Facture EDF mars'));
  await put(page, '/Factures/2024/facture-eau-avril.pdf', pdf('Facture eau avril'));
  await put(page, '/Photos/Bretagne/plage-facturée.png', png());
  await put(page, '/liste des courses.txt', 'pain, fromage');
  await put(page, '/<b>NEAR("x").txt', 'hostile name');
}, 120_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

test('results come as you type, grouped by kind, the typed word highlighted', async () => {
  await page.goto(`${server.url}/drive`);
  await box().click();
  await page.getByText('Type a name, or a word inside a document.').waitFor();
  await box().pressSequentially('factu', { delay: 40 });
  await page.getByText(/^\d+ results$/).waitFor();
  const listbox = page.getByRole('listbox', { name: 'Search results' });
  expect(await listbox.getByRole('group').evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label')))).toEqual(['Folders', 'Documents', 'Photos']);
  // Names first (the folder, the two bills, the photo), then the folder whose path holds the word.
  expect(await options().count()).toBe(5);
  expect(await listbox.getByRole('group', { name: 'Documents' }).getByRole('option').count()).toBe(2);
  // The matched words are marked, accents folded ("facturée" matches "factu").
  expect(await listbox.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Factures', 'facture', 'facturée']));
  expect(await options().first().getAttribute('aria-selected')).toBe('true');
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot('search-1280');
}, STEP);

test('the keyboard walks the results and Enter opens a file in its Drive folder', async () => {
  await box().press('ArrowDown');
  expect(await options().nth(1).getAttribute('aria-selected')).toBe('true');
  expect(await box().getAttribute('aria-activedescendant')).toBe(await options().nth(1).getAttribute('id'));
  await box().press('ArrowDown');
  await box().press('ArrowUp');
  await box().press('ArrowDown');
  // Folders first (Factures, 2024), then the documents.
  expect(await options().nth(2).getAttribute('aria-selected')).toBe('true');
  const chosen = (await options().nth(2).locator('.search-result-title').textContent()) ?? '';
  expect(chosen).toMatch(/^facture-(edf-mars|eau-avril)\.pdf$/);
  await box().press('Enter');
  await page.waitForURL('**/drive/Factures/2024');
  await page.getByRole('dialog', { name: chosen }).waitFor();
  expect(new URL(page.url()).search).toBe('');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: chosen }).waitFor({ state: 'hidden' });
  expect(await page.getByRole('listbox', { name: 'Search results' }).count()).toBe(0);
}, STEP);

test('Escape closes the results; a folder result opens the folder', async () => {
  await box().fill('bretagne');
  await options().first().waitFor();
  await box().press('Escape');
  await options().first().waitFor({ state: 'detached' });
  await box().press('ArrowDown');
  await options().first().waitFor();
  await box().press('Enter');
  await page.waitForURL('**/drive/Photos/Bretagne');
}, STEP);

test('filters by type and by date', async () => {
  await box().fill('facture');
  await page.getByText(/^\d+ results$/).waitFor();
  await page.getByRole('button', { name: 'Photos', exact: true }).click();
  await page.getByText('1 result', { exact: true }).waitFor();
  expect(await options().locator('.search-result-title').allTextContents()).toEqual(['plage-facturée.png']);
  await page.getByRole('button', { name: 'Photos', exact: true }).click();
  await page.getByLabel('To', { exact: true }).fill('2001-01-01');
  await page.getByText('Nothing found for “facture” with these filters.').waitFor();
  await page.getByRole('button', { name: 'All types and dates' }).click();
  await page.getByText(/^\d+ results$/).waitFor();
}, STEP);

test('search syntax and markup typed as a query are plain text', async () => {
  await box().fill('"NEAR(');
  await page.getByText('1 result', { exact: true }).waitFor();
  expect(await options().locator('.search-result-title').textContent()).toBe('<b>NEAR("x").txt');
  expect(await page.locator('.search-result-title b').count()).toBe(0);
  await box().fill('* - ) : AND');
  await page.getByText('Nothing found for “* - ) : AND”.').waitFor();
  await box().press('Escape');
}, STEP);

test('on a phone the box is an icon that opens a full-width search', async () => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`${server.url}/drive`);
  expect(await box().isVisible()).toBe(false);
  const bar = await page.evaluate(() => document.querySelector('.topbar-inner')?.scrollWidth ?? 0);
  expect(bar).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
  // Every item of the bar has its own room: the icon covers no space's link.
  const overlaps = await page.evaluate(() => {
    const icon = document.querySelector('.search-toggle')!.getBoundingClientRect();
    return [...document.querySelectorAll('.topbar a, .user-button')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.right > icon.left && r.left < icon.right;
    }).length;
  });
  expect(overlaps).toBe(0);
  await shot('search-icon-360');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await box().waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
  await page.keyboard.type('fac');
  await page.getByText(/^\d+ results$/).waitFor();
  const width = await page.locator('.search-box').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBe(360);
  await shot('search-360');
  await page.getByRole('button', { name: 'Close the search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
  expect(await box().isVisible()).toBe(false);
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
}, STEP);

test('in French', async () => {
  const status = await page.evaluate(async () => (await fetch('/api/auth/me', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'fr' }) })).status);
  expect(status).toBe(200);
  await page.goto(`${server.url}/drive`);
  const field = page.getByRole('combobox', { name: 'Rechercher' });
  await field.click();
  await page.getByText('Tapez un nom, ou un mot contenu dans un document.').waitFor();
  await field.pressSequentially('factu', { delay: 30 });
  await page.getByText('5 résultats', { exact: true }).waitFor();
  expect(await page.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('group').evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label')))).toEqual(['Dossiers', 'Documents', 'Photos']);
  await shot('search-fr-1280');
  await field.fill('zzz');
  await page.getByText('Aucun résultat pour «\u202fzzz\u202f».').waitFor();
}, STEP);
