import { test } from 'bun:test';
import { existsSync } from 'node:fs';
// E2E harness: builds the web UI, starts the appliance on a free port with a
// fresh data directory, and launches Debian's Chromium (never a downloaded one).

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../../web/build';

const ROOT = path.resolve(import.meta.dir, '../..');
/** The server's entry point; COZY_E2E_SERVER can point at another one (e.g. a mock). */
// The bundle is what `make run` and the image ship; `make test` builds it first.
const SERVER_ENTRY = process.env.COZY_E2E_SERVER ?? (existsSync(path.join(ROOT, 'appliance/dist/main.js'))
  ? path.join(ROOT, 'appliance/dist/main.js')
  : path.join(ROOT, 'appliance/src/main.ts'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(import.meta.dir, 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Binds port 0, reads the port the kernel chose, and frees it again. */
export function freePort(): number {
  const listener = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}

async function collect(stream: ReadableStream<Uint8Array>, sink: string[]): Promise<void> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    sink.push(decoder.decode(value, { stream: true }));
  }
}

async function waitForHealth(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the server exited before it was healthy');
    try {
      const response = await fetch(`${url}/api/system/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await Bun.sleep(200);
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms`);
}

export async function startServer({ timeoutMs = 30_000 } = {}): Promise<RunningServer> {
  await buildWeb();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-data-'));
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const child = Bun.spawn([process.execPath, SERVER_ENTRY], {
    cwd: ROOT,
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: String(port), COZY_HOST: '127.0.0.1' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  void collect(child.stdout, logs);
  void collect(child.stderr, logs);
  let exited = false;
  void child.exited.then(() => (exited = true));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await child.exited;
      clearTimeout(killer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, timeoutMs, () => exited);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${logs.join('')}`);
  }
  return { url, port, dataDir, output: () => logs.join(''), stop };
}

export interface Browsers {
  /** A persistent context on a fresh profile directory. */
  main: BrowserContext;
  /** Opens a separate browser (its own temporary profile and cookie jar). */
  other: () => Promise<BrowserContext>;
  close: () => Promise<void>;
}

export async function launchBrowsers(): Promise<Browsers> {
  const profile = await mkdtemp(path.join(tmpdir(), 'cozy-e2e-profile-'));
  const main = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  const extra: Browser[] = [];
  const other = async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    extra.push(browser);
    return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  };
  const close = async () => {
    await Promise.allSettled([main.close(), ...extra.map((b) => b.close())]);
    await rm(profile, { recursive: true, force: true });
  };
  return { main, other, close };
}

/** What a failing journey leaves behind: a screenshot of the page, the server's last words, and any lines of the test's own. */
export interface FailureContext {
  label: string;
  page: () => Page | undefined;
  server: () => RunningServer | undefined;
  extra?: () => string[];
}

/** A `test` whose failure leaves a screenshot (in the temp folder) and the server's output, to see what the person would have seen. */
export function journeyTest(context: FailureContext, timeoutMs: number) {
  return (name: string, body: () => Promise<void>): void => {
    test(name, async () => {
      try {
        await body();
      } catch (error) {
        const shot = path.join(tmpdir(), `cozy-${context.label}-failure-${Date.now()}.png`);
        await context.page()?.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        for (const line of context.extra?.() ?? []) console.error(line);
        console.error(`screenshot: ${shot}\n--- server output (end) ---\n${context.server()?.output().slice(-3000)}`);
        throw error;
      }
    }, timeoutMs);
  };
}

/** Creates the owner through the API from the page itself, so the browser holds the session cookie; answers Setup's status. */
export function setupFromPage(page: Page, owner: { name: string; passphrase: string }): Promise<number> {
  return page.evaluate(async (body) => {
    const response = await fetch('/api/auth/setup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return response.status;
  }, owner);
}

/** Collects what a person would see break: uncaught page errors and Content Security Policy refusals (tests expect none). */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
}

/** The main browser's page, watched for problems. */
export async function mainPage(browsers: Browsers, problems: string[]): Promise<Page> {
  const page = browsers.main.pages()[0] ?? (await browsers.main.newPage());
  watchProblems(page, problems);
  return page;
}

/** Screenshots of the current screen at phone and desktop widths: the full page, or only the window (a modal dialog sits in the window). */
export async function screenshotWidths(page: Page, name: string, widths = [360, 1280], { fullPage = true } = {}): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage });
  }
  if (original) await page.setViewportSize(original);
}
