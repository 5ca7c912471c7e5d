// The first journey through the web UI, against the real appliance:
// setup → sign out → wrong passphrase → sign in → System → Security (change
// passphrase signs out another browser) → Language. Screenshots of each screen
// at 360 and 1280 px go to test/e2e/screenshots/.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowsers, screenshotWidths, startServer, watchProblems, type Browsers, type RunningServer } from './harness';

const NAME = 'alice';
const PASSPHRASE = 'amber kettle on the hill';
const NEW_PASSPHRASE = 'seven quiet lanterns drift';
const STEP = 60_000;

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let otherContext: BrowserContext;
let otherPage: Page;
const pageProblems: string[] = [];

function watch(target: Page): void {
  watchProblems(target, pageProblems);
}

async function signIn(target: Page, passphrase: string): Promise<void> {
  await target.getByLabel('Name').fill(NAME);
  await target.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await target.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  watch(page);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

test('a fresh box opens on Setup, which creates the owner and signs in', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForURL('**/setup');
  await page.getByRole('heading', { name: 'Welcome to your CozyBox' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  // Client-side validation speaks before the server is asked.
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await page.getByText('Enter a name.').waitFor();
  await page.getByLabel('Name').fill('-bad name');
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await page.getByText('The passphrase needs at least 10 characters.').waitFor();
  expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel('Name').fill(NAME);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  expect(await page.locator('.strength').getAttribute('data-level')).toBe('3');
  await screenshotWidths(page, 'setup');

  await page.getByRole('button', { name: 'Create the owner account' }).click();
  // A new owner lands in their Drive; Settings is one click away.
  await page.waitForURL('**/drive');
  await page.getByRole('heading', { name: 'My files', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Spaces' }).getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL('**/settings/system');
  await page.getByRole('heading', { name: 'System', level: 2 }).waitFor();
}, STEP);

test('sign out, a wrong passphrase is refused, then sign in', async () => {
  await page.getByRole('button', { name: `Account menu for ${NAME}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('heading', { name: 'Sign in to CozyBox' }).waitFor();
  await screenshotWidths(page, 'login');

  await signIn(page, 'not the right one at all');
  await page.getByRole('alert').getByText('Wrong name or passphrase.').waitFor();
  expect(page.url()).toEndWith('/login');

  await signIn(page, PASSPHRASE);
  await page.waitForURL('**/drive');
  await page.goto(`${server.url}/settings/system`);

  // Another browser signs in too; it must be signed out by the passphrase change below.
  otherContext = await browsers.other();
  otherPage = await otherContext.newPage();
  watch(otherPage);
  await otherPage.goto(`${server.url}/settings/system`);
  await otherPage.waitForURL('**/login');
  await signIn(otherPage, PASSPHRASE);
  // Asked to sign in on the way to a page, a person lands on that page afterwards.
  await otherPage.waitForURL('**/settings/system');
}, STEP);

test('System shows the real figures and a live chart', async () => {
  const health = (await (await fetch(`${server.url}/api/system/health`)).json()) as { version: string };
  const version = page.getByTestId('version');
  await version.waitFor();
  expect((await version.textContent())?.trim()).toBe(health.version);

  const memory = page.locator('#card-memory [role="meter"]');
  await memory.waitFor();
  expect(Number(await memory.getAttribute('aria-valuemax'))).toBeGreaterThan(0);

  // The metrics sampler may need one interval before its first sample.
  const chart = page.locator('svg.line-chart').first();
  await page.locator('svg.line-chart circle.chart-point').first().waitFor({ timeout: 30_000 });
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
  expect(await chart.locator('title').textContent()).toBe('Processor load');
  await screenshotWidths(page, 'system');

  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(150);
  const widths = await page.evaluate(() => ({
    page: document.scrollingElement?.scrollWidth ?? 0,
    bar: document.querySelector('.topbar-inner')?.scrollWidth ?? 0,
  }));
  expect(widths.page).toBeLessThanOrEqual(360);
  expect(widths.bar).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
}, STEP);

test('changing the passphrase signs the other browser out', async () => {
  await page.getByRole('link', { name: 'Security' }).click();
  await page.waitForURL('**/settings/security');
  await page.locator('.session').nth(1).waitFor();
  expect(await page.locator('.session-current').count()).toBe(1);
  await page.getByText('This device').waitFor();

  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(NEW_PASSPHRASE);
  await screenshotWidths(page, 'security');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText('Passphrase changed; other sessions were signed out.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.session').length === 1);

  await otherPage.reload();
  await otherPage.waitForURL('**/login');
  await otherPage.getByRole('heading', { name: 'Sign in to CozyBox' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Security', level: 2 }).waitFor();
  expect(page.url()).toEndWith('/settings/security');
}, STEP);

test('a session signed in elsewhere can be revoked from the list', async () => {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: NAME, passphrase: NEW_PASSPHRASE }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';

  await page.reload();
  await page.locator('.session').nth(1).waitFor();
  await page.getByRole('button', { name: /^Revoke session/ }).click();
  await page.getByText('Session revoked.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.session').length === 1);

  const after = await fetch(`${server.url}/api/auth/me`, { headers: { Cookie: cookie } });
  expect(after.status).toBe(401);
}, STEP);

test('the language switches at once and is kept with the account', async () => {
  await page.getByRole('link', { name: 'Language' }).click();
  await page.getByLabel('Français').check();
  await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
  await page.getByText('Langue enregistrée.').waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await screenshotWidths(page, 'language-fr');

  await page.reload();
  await page.getByRole('heading', { name: 'Réglages', level: 1 }).waitFor();
  await page.getByLabel(/Automatique/).check();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  expect(pageProblems).toEqual([]);
}, STEP);
