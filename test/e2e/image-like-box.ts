// A box set up like the image for the e2e journeys: the privileged helper
// behind a real socket (programs that would change this machine are recording
// stand-ins, see test/helpers/privileged.ts), a browser with its main page.
import { startSandboxedHelper, type HelperSandbox } from '../helpers/privileged';
import { launchBrowsers, mainPage, startServer, type Browsers, type RunningServer } from './harness';
import type { Page } from 'playwright-core';

export interface ImageLikeBox {
  server: RunningServer;
  sandbox: HelperSandbox;
  browsers: Browsers;
  page: Page;
  stop(): Promise<void>;
}

/** `env`: more of the server's environment (COZY_MDNS...), set only while it starts. */
export async function startImageLikeBox(pageProblems: string[], env: Record<string, string> = {}): Promise<ImageLikeBox> {
  const helper = await startSandboxedHelper();
  // The harness passes its environment to the server.
  const settings = { COZY_PRIVILEGED_SOCKET: helper.helper.socketPath, ...env };
  Object.assign(process.env, settings);
  let server: RunningServer;
  try {
    server = await startServer();
  } finally {
    for (const name of Object.keys(settings)) delete process.env[name];
  }
  const browsers = await launchBrowsers();
  const page = await mainPage(browsers, pageProblems);
  return {
    server,
    sandbox: helper.sandbox,
    browsers,
    page,
    async stop() {
      await browsers.close();
      await server.stop();
      await helper.stop();
    },
  };
}
