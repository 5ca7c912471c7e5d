// Issue 6 in the real UI, on a box set up like the image: the privileged
// helper behind a real socket (programs that would change this machine are
// recording stand-ins, see test/helpers/privileged.ts) and avahi's name
// after a collision (cozy-2.local). Setup shows where the box answers;
// Settings -> Connect a computer makes a computer's user name and password
// in one click and disconnects it; Settings -> SSH turns on with a key and
// off. Screenshots at 360 and 1280 px go to screenshots/.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { publicKeyLine, type HelperSandbox } from '../helpers/privileged';
import { screenshotWidths, setupFromPage, type RunningServer } from './harness';
import { startImageLikeBox, type ImageLikeBox } from './image-like-box';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const COMPUTER = 'Kitchen iMac';
const STEP = 60_000;

let box: ImageLikeBox;
let sandbox: HelperSandbox;
let server: RunningServer;
let page: Page;
const pageProblems: string[] = [];

beforeAll(async () => {
  // This box leaves mDNS to "avahi" (the helper's stand-in answers cozy-2.local).
  box = await startImageLikeBox(pageProblems, { COZY_MDNS: 'avahi' });
  ({ sandbox, server, page } = box);
}, 90_000);

afterAll(async () => {
  await box?.stop();
}, 30_000);

async function screenshots(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotWidths(page, name);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(150);
  expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('Setup says where the box answers, and that another box already had cozy.local', async () => {
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: 'Reach this box' }).waitFor();
  expect(await page.getByTestId('reach-mdns').textContent()).toBe(`http://cozy-2.local:${server.port}/`);
  await page.getByTestId('reach-renamed').getByText('cozy-2.local', { exact: false }).waitFor();
  expect(await page.locator('.reach-addresses li').count()).toBeGreaterThan(0);
  await screenshots('setup-reach');
}, STEP);

test('Connect a computer: the address for each system, then a user name and password in one click', async () => {
  expect(await setupFromPage(page, OWNER)).toBe(201);
  await page.goto(`${server.url}/settings/connect`);
  await page.getByRole('heading', { name: 'Connect a computer', level: 2 }).waitFor();
  await page.locator('[data-client="android"] code').waitFor();
  const line = async (client: string) => page.locator(`[data-client="${client}"] code`).textContent();
  expect(await line('macos')).toBe('smb://cozy-2.local/cozy');
  expect(await line('windows')).toBe('\\\\cozy-2.local\\cozy');
  expect(await line('linux')).toBe('smb://cozy-2.local/cozy');
  expect(await line('ios')).toBe('smb://cozy-2.local/cozy');
  expect(await line('android')).toMatch(/^smb:\/\/\d+\.\d+\.\d+\.\d+\/cozy$/);

  await page.getByLabel('Name this computer').fill(COMPUTER);
  await page.getByRole('button', { name: 'Create its password' }).click();
  const user = (await page.getByTestId('new-smb-user').textContent())?.trim() ?? '';
  const password = (await page.getByTestId('new-smb-password').textContent())?.trim() ?? '';
  expect(user).toMatch(/^alice-\d+$/);
  expect(password).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
  // Samba got exactly this password, on its standard input.
  expect(sandbox.smbpasswdInput()).toBe(`${password}\n${password}\n`);
  await page.locator('[data-testid="computer"]', { hasText: COMPUTER }).getByText(`Signs in as ${user}`).waitFor();
  await screenshots('connect-computer');
  // It is an app password too: the App passwords list names its SMB user, and revoking it there would disconnect it.
  await page.goto(`${server.url}/settings/app-passwords`);
  await page.locator('.app-password', { hasText: COMPUTER }).getByText(user, { exact: true }).waitFor();
  await page.goto(`${server.url}/settings/connect`);
}, STEP);

test('disconnecting asks first, then removes that computer’s Samba account', async () => {
  const item = page.locator('[data-testid="computer"]', { hasText: COMPUTER });
  await item.getByRole('button', { name: 'Disconnect' }).click();
  await item.getByText('on that computer only', { exact: false }).waitFor();
  await item.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByText(`“${COMPUTER}” is disconnected.`).waitFor();
  await page.getByText('No computer connected yet.').waitFor();
  expect(sandbox.calls().some((call) => /^smbpasswd \[-x\] \[alice-\d+\]$/.test(call))).toBe(true);
}, STEP);

test('SSH: on with a pasted public key, off again; a bad key is explained', async () => {
  await page.goto(`${server.url}/settings/ssh`);
  await page.getByLabel('Your public key').fill('-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----');
  await page.getByRole('button', { name: 'Turn SSH on' }).click();
  await page.getByText('That is a private key', { exact: false }).waitFor();
  const key = publicKeyLine('ssh-ed25519', 'alice@laptop');
  await page.getByLabel('Your public key').fill(key);
  await page.getByRole('button', { name: 'Turn SSH on' }).click();
  await page.getByText('SSH is on with your key.').waitFor();
  await page.getByText('ssh cozy-admin@cozy-2.local').waitFor();
  await screenshots('ssh-on');
  await page.getByRole('button', { name: 'Turn SSH off' }).click();
  await page.getByText('SSH is off.', { exact: true }).waitFor();
  await page.getByLabel('Your public key').waitFor();
  expect(sandbox.calls().at(-1)).toBe('systemctl [disable] [--now] [ssh.service]');
}, STEP);

test('System shows the names and addresses too; the pages are complete in French', async () => {
  await page.goto(`${server.url}/settings/system`);
  await page.locator('#card-reach').getByText(`http://cozy-2.local:${server.port}/`).waitFor();
  await screenshots('system-reach');
  await page.evaluate(async () => {
    await fetch('/api/auth/me', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: 'fr' }) });
  });
  await page.goto(`${server.url}/settings/connect`);
  await page.getByRole('heading', { name: 'Connecter un ordinateur', level: 2 }).waitFor();
  await page.getByLabel('Nom de cet ordinateur').waitFor();
  await screenshots('connect-computer-fr');
  expect(pageProblems).toEqual([]);
}, STEP);
