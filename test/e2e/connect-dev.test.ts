// The same pages on a developer's machine (`make run`: no privileged helper,
// mDNS off): they say where SMB and SSH work instead of failing, and the
// names and addresses still show. Screenshots at 360 and 1280 px.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { publicKeyLine } from '../helpers/privileged';
import { launchBrowsers, screenshotWidths, startServer, type Browsers, type RunningServer, setupFromPage } from './harness';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const STEP = 60_000;

let server: RunningServer;
let browsers: Browsers;
let page: Page;

beforeAll(async () => {
  process.env.COZY_MDNS = 'off';
  try {
    server = await startServer();
  } finally {
    delete process.env.COZY_MDNS;
  }
  browsers = await launchBrowsers();
  page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  await page.goto(`${server.url}/`);
  expect(await setupFromPage(page, OWNER)).toBe(201);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

test('Connect a computer says SMB is on the CozyBox image only, and offers no password that would open nothing', async () => {
  await page.goto(`${server.url}/settings/connect`);
  await page.getByText('SMB is available on the CozyBox image only', { exact: false }).waitFor();
  expect(await page.getByLabel('Name this computer').count()).toBe(0);
  await page.getByText('No computer connected yet.').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotWidths(page, 'connect-computer-dev');
}, STEP);

test('SSH says where it works, and trying anyway gets the same clear answer', async () => {
  await page.goto(`${server.url}/settings/ssh`);
  await page.getByText('SSH can be switched on only on the CozyBox image', { exact: false }).waitFor();
  await page.getByLabel('Your public key').fill(publicKeyLine());
  await page.getByRole('button', { name: 'Turn SSH on' }).click();
  await page.getByText('This works only on the CozyBox image', { exact: false }).waitFor();
  await screenshotWidths(page, 'ssh-dev');
}, STEP);

test('System still shows the host name and addresses, and says no name is announced', async () => {
  await page.goto(`${server.url}/settings/system`);
  await page.locator('#card-reach').getByText('does not announce a name', { exact: false }).waitFor();
  expect(await page.locator('#card-reach .reach-addresses li').count()).toBeGreaterThan(0);
}, STEP);
