// "This is a bill" from Drive against the real appliance and pdftotext: a PDF
// is uploaded, the dialog proposes vendor, date, amount and type from its
// text, the person corrects the amount (after a clear error for an empty
// one) and saves; the bill is kept with its document, and the notice leads to
// Banks. Screenshots at 360 and 1280 px: test/e2e/screenshots/bill-dialog-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { billPdf, ENGIE_BILL } from '../integration/banks-bill-propose-pdfs';
import { setupOwnerAndOpenDrive } from './drive-fixtures';
import { journeyTest, launchBrowsers, mainPage, screenshotWidths, startServer, type Browsers, type RunningServer } from './harness';

const STEP = 90_000;
const FILE = 'engie-mars-2026.pdf';
const BROKEN = 'facture-abimee.pdf';

let server: RunningServer;
let browsers: Browsers;
let page: Page;
let folder: string;
const problems: string[] = [];

const dialog = () => page.getByRole('dialog', { name: 'This is a bill' });

/** A step whose failure leaves a screenshot and the server's last words. */
const step = journeyTest({ label: 'bill', page: () => page, server: () => server }, STEP);

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-bill-'));
  await writeFile(path.join(folder, FILE), billPdf([ENGIE_BILL]));
  await writeFile(path.join(folder, BROKEN), billPdf([ENGIE_BILL]).subarray(0, 60));
  server = await startServer();
  browsers = await launchBrowsers();
  page = await mainPage(browsers, problems);
}, 90_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 30_000);

step('a PDF uploaded to Drive offers "This is a bill" in its selection tools and in its details', async () => {
  await setupOwnerAndOpenDrive(page, server.url);
  await page.locator('input[data-upload="files"]').setInputFiles(path.join(folder, FILE));
  await page.locator('.files').getByRole('link', { name: FILE, exact: true }).waitFor();
  await page.getByLabel(`Select ${FILE}`).check();
  const tools = page.getByRole('toolbar', { name: 'Actions for the selection' });
  await tools.getByRole('button', { name: 'This is a bill' }).waitFor();
  await page.getByRole('button', { name: 'Details', exact: true }).click();
  await page.locator('.details').getByRole('button', { name: 'This is a bill' }).waitFor();
  await screenshotWidths(page, 'bill-details-action');
  await page.getByRole('button', { name: 'Details', exact: true }).click();
  await tools.getByRole('button', { name: 'This is a bill' }).click();
});

step('the dialog is prefilled from the PDF\'s text', async () => {
  await dialog().waitFor();
  await dialog().getByText('Proposed from the document’s text').waitFor();
  expect(await dialog().getByLabel('Vendor').inputValue()).toBe('Engie');
  expect(await dialog().getByLabel('Bill date').inputValue()).toBe('2026-03-12');
  expect(await dialog().getByLabel('Amount').inputValue()).toBe('90.52');
  expect(await dialog().getByLabel('Currency').inputValue()).toBe('EUR');
  expect(await dialog().getByLabel('Type').inputValue()).toBe('energy');
  await dialog().getByText('What the document says').click();
  await dialog().getByText('Montant à payer').waitFor();
  await screenshotWidths(page, 'bill-dialog-proposed');
});

step('an empty amount and vendor are named beside their fields; nothing is sent', async () => {
  let sent = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/banks/bills')) sent += 1;
  });
  await dialog().getByLabel('Amount').fill('');
  await dialog().getByLabel('Vendor').fill('  ');
  await dialog().getByRole('button', { name: 'Save the bill' }).click();
  await dialog().getByText('Give the amount.').waitFor();
  await dialog().getByText('Say who the bill is from.').waitFor();
  expect(await dialog().getByLabel('Vendor').evaluate((input) => input === document.activeElement)).toBe(true);
  await screenshotWidths(page, 'bill-dialog-errors');
  await dialog().getByLabel('Amount').fill('90,5');
  await dialog().getByRole('button', { name: 'Save the bill' }).click();
  await dialog().getByText('Say who the bill is from.').waitFor();
  expect(sent).toBe(0);
});

step('corrected and saved: the bill is kept with its PDF, and the notice leads to Banks', async () => {
  await dialog().getByLabel('Vendor').fill('Engie');
  await dialog().getByLabel('Amount').fill('91.25');
  await dialog().getByLabel('Type').selectOption('energy');
  await dialog().getByRole('button', { name: 'Save the bill' }).click();
  await dialog().waitFor({ state: 'detached' });
  const notice = page.locator('.toast');
  await notice.getByText('Bill saved: Engie, €91.25.').waitFor();
  const response = await page.request.get(`${server.url}/api/banks/bills`);
  expect(response.status()).toBe(200);
  const { bills } = (await response.json()) as { bills: Array<Record<string, unknown>> };
  expect(bills).toHaveLength(1);
  expect(bills[0]).toMatchObject({ vendor: 'Engie', date: '2026-03-12', amountMinor: 9125, currency: 'EUR', type: 'energy', source: 'person' });
  expect((bills[0]?.document as { name?: string } | null)?.name).toBe(FILE);
  await screenshotWidths(page, 'bill-dialog-saved');
  await notice.getByRole('button', { name: 'Open Banks' }).click();
  await page.waitForURL('**/banks');
  expect(problems).toEqual([]);
});

step('a PDF whose text cannot be read says so, and the bill can still be filled in by hand', async () => {
  await page.goto(`${server.url}/drive`);
  await page.locator('input[data-upload="files"]').setInputFiles(path.join(folder, BROKEN));
  await page.locator('.files').getByRole('link', { name: BROKEN, exact: true }).waitFor();
  await page.getByLabel(`Select ${FILE}`).uncheck();
  await page.getByLabel(`Select ${BROKEN}`).check();
  await page.getByRole('toolbar', { name: 'Actions for the selection' }).getByRole('button', { name: 'This is a bill' }).click();
  await dialog().getByText('This PDF is damaged or protected: its text cannot be read. Fill in the bill yourself.').waitFor();
  expect(await dialog().getByLabel('Vendor').inputValue()).toBe('');
  expect(await dialog().getByLabel('Amount').inputValue()).toBe('');
  await screenshotWidths(page, 'bill-dialog-unreadable');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.getByLabel(`Select ${BROKEN}`).uncheck();
});

step('in French the proposal reads "90,52", labels are French, and a decimal comma is understood', async () => {
  await page.goto(`${server.url}/settings`);
  await page.getByRole('link', { name: 'Language' }).click();
  await page.getByLabel('Français').check();
  await page.getByText('Langue enregistrée.').waitFor();
  await page.goto(`${server.url}/drive`);
  await page.getByLabel(`Sélectionner ${FILE}`).check();
  await page.getByRole('toolbar', { name: 'Actions sur la sélection' }).getByRole('button', { name: 'C’est une facture' }).click();
  const french = page.getByRole('dialog', { name: 'C’est une facture' });
  await french.getByText('Proposé d’après le texte du document').waitFor();
  expect(await french.getByLabel('Montant').inputValue()).toBe('90,52');
  expect(await french.getByLabel('Fournisseur').inputValue()).toBe('Engie');
  await french.getByLabel('Montant').fill('1.234,5');
  await french.getByLabel('Date de la facture').fill('');
  await french.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await french.getByText('Indiquez la date de la facture.').waitFor();
  expect(await french.getByLabel('Montant').getAttribute('aria-invalid')).toBeNull();
  await screenshotWidths(page, 'bill-dialog-fr');
  await french.getByRole('button', { name: 'Annuler' }).click();
  await french.waitFor({ state: 'detached' });
  expect(problems).toEqual([]);
});
