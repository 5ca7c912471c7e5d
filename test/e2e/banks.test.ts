// The Banks journey against the real appliance: an OFX statement imported
// with the button (preview: N new, the destination account named), a French
// CSV dropped on the page (its columns confirmed), the same OFX again (all
// already known); accounts, totals and both charts; a transaction
// recategorized and a rule made from it; a refused file and why; the page in
// French; a bill in the margin beside the payment it explains, opened in
// Drive; the row's details on a phone; a health expense partly reimbursed;
// a link removed by hand.
// Screenshots at 360 and 1280 px go to test/e2e/screenshots/banks-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pdf, setupOwnerAndOpenDrive } from './drive-fixtures';
import { checkingLines, daysAgo, frenchCsv, ofxStatement } from './banks-fixtures';
import { journeyTest, launchBrowsers, mainPage, SCREENSHOTS, startServer, type Browsers, type RunningServer } from './harness';

const STEP = 120_000;
let server: RunningServer;
let browsers: Browsers;
let page: Page;
const problems: string[] = [];
const lines = checkingLines();
const ofx = ofxStatement('00012345678', lines, { date: daysAgo(0), amountMinor: 431_210 });

/** A step whose failure leaves a screenshot and the server's last words. */
const journey = journeyTest({ label: 'banks', page: () => page, server: () => server }, STEP);

/** The window at 360 and 1280 px (the list draws only the rows in view, so shots are of the window, scrolled to `selector`). */
async function shots(name: string, selector?: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // A toast would cover what the shot is for.
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('.toast-close')?.click());
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
    await page.waitForTimeout(350);
    // Centred: the top bar stays over the top of the window.
    if (selector) await page.locator(selector).first().evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A request from the page itself (its session cookie and origin). */
async function call<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(async ({ method, route, body }) => {
    const init: RequestInit = { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) };
    const response = await fetch(route, init);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, { method, route, body });
}

const dialog = () => page.getByRole('dialog');
const row = (label: string | RegExp) => page.locator('.bk-row', { hasText: label });

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, problems);
}, 120_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

journey('Banks is in the top bar; with no account it says how to bring statements in', async () => {
  await setupOwnerAndOpenDrive(page, server.url);
  await page.getByRole('navigation', { name: 'Spaces' }).getByRole('link', { name: 'Banks' }).click();
  await page.waitForURL('**/banks');
  await page.getByRole('heading', { name: 'Banks', level: 1 }).waitFor();
  await page.getByText('No bank accounts yet').waitFor();
  await shots('banks-empty');
});

journey('an OFX statement imported with the button: a preview first, then the accounts, totals and charts', async () => {
  await page.locator('input[type=file]').setInputFiles({ name: 'releve-novembre.ofx', mimeType: 'application/x-ofx', buffer: Buffer.from(ofx) });
  await dialog().getByText(`${lines.length} new, 0 already known, 0 skipped`).first().waitFor();
  await dialog().getByText('Statement of 00012345678').waitFor();
  expect(await dialog().getByLabel('Goes to').inputValue()).toBe('new');
  await dialog().getByLabel('Name of the new account').fill('Compte courant');
  await dialog().getByLabel('Name of the new account').blur();
  await page.waitForTimeout(300);
  await shots('banks-import-preview');
  await dialog().getByRole('button', { name: `Import ${lines.length} transactions` }).click();
  await page.getByText(`Imported ${lines.length} new transactions.`).waitFor();
  await page.getByRole('button', { name: /Compte courant/ }).waitFor();
  await page.locator('.bk-total', { hasText: 'Total in EUR' }).getByText('€4,312.10').waitFor();
  // Both charts are drawn: the balance line, and bars per month.
  expect(Number(await page.locator('svg[data-points]').getAttribute('data-points'))).toBeGreaterThan(3);
  expect(Number(await page.locator('svg[data-stacks]').getAttribute('data-stacks'))).toBeGreaterThan(0);
  expect(await row('PRLV SEPA ENGIE ENERGIE 4').count()).toBe(1);
});

journey('a French CSV dropped on the page: its columns are confirmed, then it goes to a new savings account', async () => {
  const csv = Array.from(frenchCsv());
  const transfer = await page.evaluateHandle((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'epargne.csv', { type: 'text/csv' }));
    return data;
  }, csv);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.getByText('Drop a statement to import it').waitFor();
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await dialog().getByText('Columns of the file').waitFor();
  await dialog().getByText('Statement of epargne.csv').waitFor();
  await dialog().getByText('4 new, 0 already known, 0 skipped').first().waitFor();
  expect(await dialog().getByLabel(/Column 1/).inputValue()).toBe('date');
  expect(await dialog().getByLabel(/Column 3/).inputValue()).toBe('amount');
  await dialog().getByText('VIREMENT ÉPARGNE').first().waitFor();
  await dialog().getByLabel('Goes to').selectOption('new');
  await dialog().getByLabel('Name of the new account').fill('Livret A');
  await dialog().getByLabel('Name of the new account').blur();
  await page.waitForTimeout(300);
  await shots('banks-import-csv');
  await dialog().getByRole('button', { name: 'Import 4 transactions' }).click();
  await page.getByText('Imported 4 new transactions.').waitFor();
  await page.getByRole('button', { name: /Livret A/ }).waitFor();
});

journey('the same OFX again: everything is already known and nothing is imported', async () => {
  await page.locator('input[type=file]').setInputFiles({ name: 'releve-novembre.ofx', mimeType: 'application/x-ofx', buffer: Buffer.from(ofx) });
  await dialog().getByText(`0 new, ${lines.length} already known, 0 skipped`).first().waitFor();
  await dialog().getByRole('button', { name: 'Nothing new: close' }).click();
  await dialog().waitFor({ state: 'detached' });
  await shots('banks-overview');
  await shots('banks-list', '.bk-list-title');
});

journey('a file that is no statement is refused with the reason, and nothing can be imported', async () => {
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  await page.locator('input[type=file]').setInputFiles({ name: 'garbage.ofx', mimeType: 'application/x-ofx', buffer: garbage });
  await dialog().getByRole('alert').getByText(/binary data/).waitFor();
  expect(await dialog().getByRole('button', { name: /^Import/ }).count()).toBe(0);
  await shots('banks-import-refused');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'detached' });
});

journey('a category chosen by hand becomes a rule for every ENGIE label', async () => {
  await row('PRLV SEPA ENGIE ENERGIE 4').locator('.bk-chip').click();
  await dialog().getByText(/For “PRLV SEPA ENGIE ENERGIE 4”/).waitFor();
  await dialog().getByRole('button', { name: 'Energy', exact: true }).click();
  await dialog().getByText(/Always do this for labels like “.*engie.*”\?/i).waitFor();
  await dialog().getByText(/3 other transactions will change too/).waitFor();
  await shots('banks-rule-offer');
  await dialog().getByRole('button', { name: 'Create the rule' }).click();
  await page.getByText('Rule created: 3 transactions recategorized.').waitFor();
  // The text filter narrows the list to the four ENGIE debits, all in Energy now.
  await page.getByLabel('Search labels and notes').fill('engie');
  await page.waitForFunction(() => document.querySelectorAll('.bk-row:not(.bk-row-loading)').length === 4);
  for (const n of [1, 2, 3, 4]) await row(`PRLV SEPA ENGIE ENERGIE ${n}`).locator('.bk-chip', { hasText: 'Energy' }).waitFor();
  // The chip says why.
  expect(await row('PRLV SEPA ENGIE ENERGIE 2').locator('.bk-chip').getAttribute('title')).toMatch(/Your rule for labels like/);
  expect(await row('PRLV SEPA ENGIE ENERGIE 4').locator('.bk-chip').getAttribute('title')).toBe('Chosen by you.');
  await shots('banks-filtered', '.bk-filters');
});

journey('in French: the same page, amounts and dates as France writes them', async () => {
  expect((await call('PATCH', '/api/auth/me', { locale: 'fr' })).status).toBe(200);
  await page.reload();
  await page.getByRole('heading', { name: 'Banques', level: 1 }).waitFor();
  await page.locator('.bk-total', { hasText: 'Total en EUR' }).getByText(/5\s824,44\s€/).waitFor();
  await page.locator('.chart-title', { hasText: 'Dépenses par catégorie' }).waitFor();
  await row('PRLV SEPA ENGIE ENERGIE 4').locator('.bk-chip', { hasText: 'Énergie' }).waitFor();
  await shots('banks-fr');
  await shots('banks-fr-list', '.bk-list-title');
  expect((await call('PATCH', '/api/auth/me', { locale: 'en' })).status).toBe(200);
  await page.reload();
  await page.getByRole('heading', { name: 'Banks', level: 1 }).waitFor();
});

journey('a bill shows in the margin of the payment it explains, and opens in Drive', async () => {
  await call('POST', '/api/files/folders', { path: '/Bills' });
  const upload = await page.evaluate(async (bytes) => {
    const response = await fetch('/api/files/content?path=%2FBills%2Fengie-facture.pdf', { method: 'PUT', body: new Uint8Array(bytes) });
    return { status: response.status, body: await response.json() };
  }, Array.from(pdf('ENGIE facture 62,40 EUR')));
  expect(upload.status).toBe(201);
  const payment = lines.find((l) => l.label === 'PRLV SEPA ENGIE ENERGIE 4')!;
  const bill = await call<{ id: number }>('POST', '/api/banks/bills', {
    fileId: upload.body.id, vendor: 'ENGIE', type: 'energy', date: daysAgo(Math.round((Date.now() - Date.parse(payment.date)) / 86_400_000) + 2), amountMinor: 6_240, currency: 'EUR', source: 'person',
  });
  expect(bill.status).toBe(201);
  const list = await call<{ transactions: Array<{ id: number }> }>('GET', '/api/banks/transactions?q=ENGIE%20ENERGIE%204');
  const id = list.body.transactions[0]!.id;
  for (let tries = 0; tries < 120; tries += 1) {
    const links = await call<{ links: unknown[] }>('GET', `/api/banks/links?transactionIds=${id}`);
    if (links.body.links.length) break;
    await Bun.sleep(250);
  }
  await page.reload();
  const margin = row('PRLV SEPA ENGIE ENERGIE 4').locator('.bk-bill');
  await margin.getByText('ENGIE', { exact: true }).waitFor();
  await margin.getByText(/same amount, 2 days later/).waitFor();
  await shots('banks-bill-margin', '.bk-row:has-text("PRLV SEPA ENGIE ENERGIE 4")');
  // On a phone the margin folds into the row's details.
  await page.setViewportSize({ width: 360, height: 780 });
  await row('PRLV SEPA ENGIE ENERGIE 4').getByRole('button', { name: '1 bill' }).click();
  await dialog().locator('.bk-bill').getByText('ENGIE', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'banks-details-360.png') });
  await dialog().getByRole('link', { name: 'ENGIE' }).click();
  // Drive opens the file's preview (and may then drop ?open= from the address).
  await page.waitForURL(/\/drive\/Bills(\?open=engie-facture\.pdf)?$/);
  await page.getByRole('dialog').getByText('engie-facture.pdf').first().waitFor();
  await page.setViewportSize({ width: 1280, height: 900 });
});

journey('a health expense shows how much of it the insurer paid back, beside both movements', async () => {
  const pharmacy = [...lines].reverse().find((l) => l.label === 'CB PHARMACIE DU CENTRE')!;
  const expense = (await call<{ transactions: Array<{ id: number }> }>('GET', `/api/banks/transactions?q=PHARMACIE&from=${pharmacy.date}&to=${pharmacy.date}`)).body.transactions[0]!;
  expect((await call('PATCH', `/api/banks/transactions/${expense.id}`, { categoryId: 160 })).status).toBe(200);
  // The insurer pays back 70 % five days later (a second statement), and its statement is a bill.
  const paidBack = { date: new Date(Date.parse(pharmacy.date) + 5 * 86_400_000).toISOString().slice(0, 10), amountMinor: 1_673, label: 'VIR SEPA CPAM PARIS REMBT SOINS', id: 'R1' };
  const statement = ofxStatement('00012345678', [paidBack], { date: paidBack.date, amountMinor: 0 });
  const imported = await page.evaluate(async (text) => {
    const preview = await fetch('/api/banks/imports?name=cpam.ofx', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: text });
    const { id } = (await preview.json()) as { id: number };
    return (await fetch(`/api/banks/imports/${id}/commit`, { method: 'POST' })).status;
  }, statement);
  expect(imported).toBe(200);
  const bill = await call('POST', '/api/banks/bills', {
    vendor: 'CPAM', type: 'health_costs', date: paidBack.date, amountMinor: 1_673, currency: 'EUR', originalAmountMinor: 2_390, originalDate: pharmacy.date, source: 'person',
  });
  expect(bill.status).toBe(201);
  for (let tries = 0; tries < 120; tries += 1) {
    const links = await call<{ reimbursements: Array<{ status: string }> }>('GET', `/api/banks/links?transactionIds=${expense.id}`);
    if (links.body.reimbursements[0]?.status === 'partly') break;
    await Bun.sleep(250);
  }
  await page.goto(`${server.url}/banks`);
  const expenseRow = row('CB PHARMACIE DU CENTRE').first();
  await expenseRow.locator('.bk-reimb').getByText('Partly reimbursed: €16.73 of €23.90').waitFor();
  await expenseRow.locator('.bk-bill').getByText('CPAM', { exact: true }).waitFor();
  await row('VIR SEPA CPAM PARIS REMBT SOINS').locator('.bk-bill').getByText('Reimbursed by').waitFor();
  await shots('banks-health', '.bk-row:has-text("CB PHARMACIE DU CENTRE")');
});

journey('a link removed by hand goes, and stays gone', async () => {
  const engie = row('PRLV SEPA ENGIE ENERGIE 4');
  await engie.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await engie.getByRole('button', { name: 'Remove this link: ENGIE' }).click();
  await page.getByText('Link removed: it will not be made again.').waitFor();
  await engie.locator('.bk-bill').waitFor({ state: 'detached' });
  await page.reload();
  await row('PRLV SEPA ENGIE ENERGIE 4').waitFor();
  await page.waitForTimeout(500);
  expect(await row('PRLV SEPA ENGIE ENERGIE 4').locator('.bk-bill').count()).toBe(0);
});

journey('nothing went wrong in the page', async () => {
  expect(problems).toEqual([]);
});
