// The transactions list at 100,000 rows: the page holds only the rows near
// the window, the scrollbar is the whole list's from the start, and a jump to
// the very end (the scrollbar dragged down) fills in by cursor pages.
// Screenshots at 360 and 1280 px: test/e2e/screenshots/banks-large-*.png.

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { setupOwnerAndOpenDrive } from './drive-fixtures';
import { launchBrowsers, SCREENSHOTS, startServer, type Browsers, type RunningServer } from './harness';

const COUNT = 100_000;
let server: RunningServer;
let browsers: Browsers;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browsers = await launchBrowsers();
  page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
}, 120_000);

afterAll(async () => {
  await browsers?.close();
  await server?.stop();
}, 30_000);

/** Five years of an account, written and imported from the page itself (its session, its origin). */
async function importHistory(count: number): Promise<number> {
  return page.evaluate(async (count) => {
    const start = Date.UTC(2021, 0, 1);
    const lines: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const date = new Date(start + Math.floor((i * 1826) / count) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const cents = i % 7 === 0 ? 120_000 + (i % 50) : -(500 + ((i * 37) % 9000));
      const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
      lines.push(`<STMTTRN>\n<TRNTYPE>${cents < 0 ? 'DEBIT' : 'CREDIT'}\n<DTPOSTED>${date}\n<TRNAMT>${amount}\n<FITID>L${i}\n<NAME>${cents < 0 ? `CB SHOP ${i % 97}` : 'VIR SALAIRE'} #${i}\n</STMTTRN>`);
    }
    const ofx = `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>0\n<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n<BANKID>30004\n<ACCTID>99999999\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n${lines.join('\n')}\n</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n`;
    const preview = await fetch('/api/banks/imports?name=history.ofx', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: ofx });
    if (preview.status !== 201) throw new Error(`upload: ${preview.status} ${await preview.text()}`);
    const { id } = (await preview.json()) as { id: number };
    const commit = await fetch(`/api/banks/imports/${id}/commit`, { method: 'POST' });
    if (commit.status !== 200) throw new Error(`commit: ${commit.status} ${await commit.text()}`);
    return ((await commit.json()) as { new: number }).new;
  }, count);
}

test('100,000 transactions: a window of rows, the whole scrollbar, and the end reached by pages', async () => {
  await setupOwnerAndOpenDrive(page, server.url);
  expect(await importHistory(COUNT)).toBe(COUNT);
  await page.goto(`${server.url}/banks`);
  await page.getByText('100,000 transactions').first().waitFor();
  await page.locator('.bk-row[aria-rowindex="1"]').waitFor();
  const list = page.locator('.bk-list');
  expect(await list.getAttribute('aria-rowcount')).toBe(String(COUNT));
  // The list is as tall as every row, yet only the rows near the window are in the page.
  expect((await list.boundingBox())!.height).toBeGreaterThan(COUNT * 60);
  expect(await page.locator('.bk-row').count()).toBeLessThan(120);
  // The scrollbar dragged to the bottom: placeholders first, then the oldest rows, read page after page.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.locator(`.bk-row[aria-rowindex="${COUNT}"]`).waitFor({ timeout: 90_000 });
  await page.locator('.bk-row', { hasText: 'VIR SALAIRE #0' }).waitFor();
  expect(await page.locator('.bk-row').count()).toBeLessThan(120);
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.locator(`.bk-row[aria-rowindex="${COUNT}"]`).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, `banks-large-end-${width}.png`) });
  }
}, 240_000);
