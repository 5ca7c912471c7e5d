// Settings -> System -> Restart or shut down, in the real UI, on a box set up
// like the image: the privileged helper behind a real socket, with systemctl
// a recording stand-in (the real one would restart this machine; the image
// tests restart and power off the real thing in QEMU). Since this machine
// does not really restart, the box "coming back" is played by answering the
// page's status poll with a new boot id, and "off" by refusing it.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { screenshotWidths, setupFromPage } from './harness';
import { startImageLikeBox, type ImageLikeBox } from './image-like-box';

const OWNER = { name: 'alice', passphrase: 'amber kettle on the hill' };
const STEP = 60_000;

let box: ImageLikeBox;
let page: Page;
const pageProblems: string[] = [];

beforeAll(async () => {
  box = await startImageLikeBox(pageProblems);
  page = box.page;
  await page.goto(`${box.server.url}/`);
  expect(await setupFromPage(page, OWNER)).toBe(201);
}, 90_000);

afterAll(async () => {
  await box?.stop();
}, 30_000);

const card = () => page.locator('#card-power');
const systemctlCalls = () => box.sandbox.calls().filter((call) => call.startsWith('systemctl'));

/** The helper is asked a moment after the page got its answer. */
async function lastSystemctlCall(): Promise<string | undefined> {
  for (let waited = 0; waited < 10_000 && systemctlCalls().length === 0; waited += 200) await Bun.sleep(200);
  return systemctlCalls().at(-1);
}

async function openSystem(): Promise<void> {
  await page.goto(`${box.server.url}/settings/system`);
  await card().getByRole('heading', { name: 'Restart or shut down' }).waitFor();
}

test('Restart asks first; Cancel leaves the box alone', async () => {
  await openSystem();
  await screenshotWidths(page, 'power-card');
  await card().getByRole('button', { name: 'Restart' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restart the box?' });
  await dialog.getByText('disconnected for a minute or two', { exact: false }).waitFor();
  await screenshotWidths(page, 'power-confirm-restart', undefined, { fullPage: false });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForTimeout(1500);
  expect(systemctlCalls()).toEqual([]);
}, STEP);

test('Restart: the page says it is restarting, the box is asked to reboot, and the page sees it come back', async () => {
  await openSystem();
  await card().getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('dialog', { name: 'Restart the box?' }).getByRole('button', { name: 'Restart' }).click();
  await card().getByText('Restarting…', { exact: false }).waitFor();
  await screenshotWidths(page, 'power-restarting');
  expect(await lastSystemctlCall()).toBe('systemctl [reboot]');
  expect(systemctlCalls()).toEqual(['systemctl [reboot]']);
  // The box answers with another boot's id: it restarted.
  await page.route('**/api/system/power', (route) =>
    route.request().method() === 'GET' ? route.fulfill({ json: { available: true, bootId: 'a-new-boot' } }) : route.continue(),
  );
  await card().getByText('The box is back.', { exact: false }).waitFor({ timeout: 15_000 });
  // Back: the buttons are offered again.
  await card().getByRole('button', { name: 'Restart' }).waitFor();
  await screenshotWidths(page, 'power-back');
  await page.unroute('**/api/system/power');
}, STEP);

test('Shut down: asked first, then the page says when the box is off and what to do', async () => {
  await openSystem();
  await card().getByRole('button', { name: 'Shut down' }).click();
  const dialog = page.getByRole('dialog', { name: 'Shut down the box?' });
  await dialog.getByText('until you unplug it', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Shut down' }).click();
  await card().getByText('Shutting down…').waitFor();
  for (let waited = 0; waited < 10_000 && systemctlCalls().length < 2; waited += 200) await Bun.sleep(200);
  expect(systemctlCalls().at(-1)).toBe('systemctl [poweroff]');
  // The box stops answering: it is off.
  await page.route('**/api/system/power', (route) => route.abort('connectionrefused'));
  await card().getByText('The box is off.', { exact: false }).waitFor({ timeout: 20_000 });
  expect(await card().getByRole('button').count()).toBe(0);
  await screenshotWidths(page, 'power-off');
  await page.unroute('**/api/system/power');
  expect(pageProblems.filter((problem) => !problem.includes('/api/system/power'))).toEqual([]);
}, STEP);
