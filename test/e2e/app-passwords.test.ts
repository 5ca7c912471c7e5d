// Settings → App passwords in the real UI: create one for a device, see it
// once, find it gone after a reload (only its name stays in the list), revoke
// it after a confirmation. Screenshots at 360 and 1280 px go to screenshots/.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { launchBrowsers, mainPage, screenshotWidths, startServer, type Browsers, type RunningServer, setupFromPage } from './harness';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const DEVICE = 'Alice’s MacBook';
const FORMAT = /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/;
const STEP = 60_000;

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let password = '';
const pageProblems: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, pageProblems);
  // Setup through the API from the page itself, so the browser holds the session cookie.
  await page.goto(`${server.url}/`);
  expect(await setupFromPage(page, OWNER)).toBe(201);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

const host = () => new URL(server.url).host;

/** From the top: a full-page shot taken while scrolled would paint the sticky top bar mid-page. */
async function screenshots(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotWidths(page, name);
}

test('the tab is in the Settings navigation, says what app passwords are for and how to connect', async () => {
  await page.goto(`${server.url}/settings/system`);
  await page.getByRole('link', { name: 'App passwords' }).click();
  await page.waitForURL('**/settings/app-passwords');
  await page.getByRole('heading', { name: 'App passwords', level: 2 }).waitFor();
  await page.getByText('Your main passphrase never works there', { exact: false }).waitFor();
  await page.getByText('No app password yet.', { exact: false }).waitFor();

  const lines = await page.locator('.codeline code').allTextContents();
  expect(lines).toEqual([
    `http://${host()}/dav/`,
    `http://${host()}/dav/`,
    `dav://${host()}/dav/`,
    `rclone config create cozy webdav url=http://${host()}/dav/ vendor=other user=${OWNER.name} pass=$(rclone obscure <app-password>)`,
  ]);
}, STEP);

test('creating one shows the password once, prominently, with a copy button and a warning', async () => {
  await page.getByRole('button', { name: 'Create app password' }).click();
  await page.getByText('Enter a name for this device.').waitFor();

  await page.getByLabel('Name this device').fill(DEVICE);
  await page.getByRole('button', { name: 'Create app password' }).click();
  const shown = page.getByTestId('new-app-password');
  await shown.waitFor();
  password = (await shown.textContent())?.trim() ?? '';
  expect(password).toMatch(FORMAT);
  await page.getByText('it will not be shown again', { exact: false }).waitFor();
  expect(await page.getByLabel('Name this device').inputValue()).toBe('');
  // The rclone line carries it while it is on screen.
  expect(await page.locator('[data-client="rclone"] code').textContent()).toContain(`rclone obscure ${password})`);

  const item = page.locator('.app-password', { hasText: DEVICE });
  await item.waitFor();
  expect(await item.textContent()).toContain('Never');
  expect(await item.textContent()).not.toContain(password);

  await page.getByRole('button', { name: 'Copy the app password' }).click();
  await page.locator('.secret .copy-status').getByText(/Copied\.|Selected/).waitFor();

  await screenshots('app-passwords');
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(150);
  expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
}, STEP);

test('a name already taken (in another case) is refused on the field', async () => {
  await page.getByLabel('Name this device').fill(DEVICE.toUpperCase());
  await page.getByRole('button', { name: 'Create app password' }).click();
  await page.getByText('An app password already has this name.', { exact: false }).waitFor();
  expect(await page.getByLabel('Name this device').getAttribute('aria-invalid')).toBe('true');
}, STEP);

test('after a reload the password is gone for good; the list still names the device', async () => {
  await page.reload();
  await page.locator('.app-password', { hasText: DEVICE }).waitFor();
  expect(await page.getByTestId('new-app-password').count()).toBe(0);
  expect(await page.content()).not.toContain(password);
  const listed = await page.evaluate(async () => (await fetch('/api/auth/app-passwords')).text());
  expect(listed).toContain('MacBook');
  expect(listed).not.toContain(password);
}, STEP);

test('revoke asks first; cancel keeps it, confirming removes it', async () => {
  const item = page.locator('.app-password', { hasText: DEVICE });
  await item.getByRole('button', { name: `Revoke app password ${DEVICE}` }).click();
  await item.getByText('Devices using it are disconnected at once.', { exact: false }).waitFor();
  await screenshots('app-passwords-confirm');
  await item.getByRole('button', { name: 'Cancel' }).click();
  await item.getByRole('button', { name: `Revoke app password ${DEVICE}` }).click();
  await item.getByRole('button', { name: 'Yes, revoke' }).click();
  await page.getByText(`App password “${DEVICE}” revoked.`).waitFor();
  await page.getByText('No app password yet.', { exact: false }).waitFor();
  expect(await page.locator('.app-password').count()).toBe(0);
  const listed = await page.evaluate(async () => (await (await fetch('/api/auth/app-passwords')).json()) as { appPasswords: unknown[] });
  expect(listed.appPasswords).toEqual([]);
}, STEP);

test('the screen is complete in French', async () => {
  await page.evaluate(async () => {
    await fetch('/api/auth/me', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'fr' }) });
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Mots de passe d’application', level: 2 }).waitFor();
  await page.getByLabel('Nommez cet appareil').waitFor();
  await page.getByText('Aucun mot de passe d’application pour l’instant.', { exact: false }).waitFor();
  await screenshots('app-passwords-fr');
  expect(pageProblems).toEqual([]);
}, STEP);
