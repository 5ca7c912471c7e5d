// Serving the web interface: the single-page app's screens, its hashed assets,
// and nothing else from the disk, whatever the path says.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { errorOf, rawRequest } from "../helpers/http";
import { startTestAppliance, type TestAppliance } from "../helpers/appliance";

const WEB_DIST = resolve(import.meta.dir, "../../web/dist");
const BUILT = existsSync(join(WEB_DIST, "index.html"));
const PACKAGE_JSON_MARK = '"name": "cozybox"';

if (!BUILT) console.warn(`ui.test.ts: ${WEB_DIST}/index.html is missing, so the built-UI tests are skipped; run \`make web\` (make test builds it first).`);

describe.skipIf(!BUILT)("the built web interface (web/dist)", () => {
  let box: TestAppliance;
  let indexHtml: string;
  beforeAll(async () => {
    box = await startTestAppliance();
    indexHtml = readFileSync(join(WEB_DIST, "index.html"), "utf8");
  });
  afterAll(() => box.dispose());

  for (const path of ["/", "/settings/system", "/drive/some/deep/folder"]) {
    test(`GET ${path} is the app's index.html, never cached without revalidation`, async () => {
      const response = await fetch(`${box.base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type") ?? "").toContain("text/html");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toBe(indexHtml);
    });
  }

  test("index.html has no inline script or style, which the CSP would block", () => {
    expect(indexHtml).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(indexHtml).not.toMatch(/<style/i);
    expect(indexHtml).not.toMatch(/\son[a-z]+=/i);
  });

  test("every hashed asset it references is served, cached as immutable", async () => {
    const assets = [...indexHtml.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? "");
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await fetch(`${box.base}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control") ?? "").toContain("immutable");
      const onDisk = readFileSync(join(WEB_DIST, asset));
      expect(Buffer.from(await response.arrayBuffer()).equals(onDisk)).toBe(true);
    }
  });

  test("the script is served as JavaScript, so nosniff lets the browser run it", async () => {
    const script = /<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(indexHtml)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${box.base}${script}`);
    await response.arrayBuffer();
    expect(response.headers.get("content-type") ?? "").toMatch(/javascript/);
  });
});

describe("paths that try to leave the web folder", () => {
  let box: TestAppliance;
  beforeAll(async () => {
    box = await startTestAppliance();
  });
  afterAll(() => box.dispose());

  test("/assets/../../package.json (sent as is) never returns the file", async () => {
    const response = await rawRequest(box.port, "GET /assets/../../package.json HTTP/1.1");
    expect(response.body).not.toContain(PACKAGE_JSON_MARK);
    // The server resolves the dots to /package.json: at most the app's page, never a file from the checkout.
    expect([200, 404, 503]).toContain(response.status);
    if (response.status === 200) expect(response.headers["content-type"]).toContain("text/html");
  });

  for (const path of ["/assets/%2e%2e%2fpackage.json", "/assets/%2e%2e%2f%2e%2e%2fpackage.json", "/assets/..%2f..%2fpackage.json", "/assets/..%5c..%5cpackage.json"]) {
    test(`${path} is 404, not the file`, async () => {
      const response = await rawRequest(box.port, `GET ${path} HTTP/1.1`);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain(PACKAGE_JSON_MARK);
    });
  }

  test("an unknown API path is a 404 JSON error, not the app's page", async () => {
    for (const path of ["/api/nope", "/api/system/nope"]) {
      const response = await fetch(`${box.base}${path}`);
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
  });

  test("/dav/ is the WebDAV door (it asks for credentials), not the app's page", async () => {
    const response = await fetch(`${box.base}/dav/anything`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Basic");
    expect(await response.text()).not.toContain("<!doctype html>");
  });
});

describe("a web folder made by the test (real files, no build needed)", () => {
  const root = mkdtempSync(join(tmpdir(), "cozy-ui-"));
  const dist = join(root, "dist");
  let box: TestAppliance;
  beforeAll(async () => {
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>fixture</title>");
    writeFileSync(join(dist, "assets", "app-1a2b3c4d.js"), "console.log('fixture')");
    writeFileSync(join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    writeFileSync(join(root, "secret.txt"), "TOP-SECRET");
    box = await startTestAppliance({ webDistDir: dist });
  });
  afterAll(async () => {
    await box.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  test("serves its asset as immutable and its root file with a day's cache", async () => {
    const asset = await fetch(`${box.base}/assets/app-1a2b3c4d.js`);
    expect(await asset.text()).toBe("console.log('fixture')");
    expect(asset.headers.get("cache-control") ?? "").toContain("immutable");
    const icon = await fetch(`${box.base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cache-control") ?? "").toContain("max-age=86400");
  });

  test("a file next to the web folder cannot be reached", async () => {
    for (const line of ["GET /assets/../secret.txt HTTP/1.1", "GET /../secret.txt HTTP/1.1", "GET /assets/..%2fsecret.txt HTTP/1.1", "GET /..%2fsecret.txt HTTP/1.1"]) {
      const response = await rawRequest(box.port, line);
      expect(response.body).not.toContain("TOP-SECRET");
    }
  });

  test("a file added after start is not served: only what the build produced is", async () => {
    writeFileSync(join(dist, "assets", "late-00000000.js"), "late");
    writeFileSync(join(dist, "late.txt"), "late");
    expect((await fetch(`${box.base}/assets/late-00000000.js`)).status).toBe(404);
    expect(await (await fetch(`${box.base}/late.txt`)).text()).not.toBe("late");
  });
});

describe("without a built web interface", () => {
  const empty = mkdtempSync(join(tmpdir(), "cozy-ui-empty-"));
  let box: TestAppliance;
  beforeAll(async () => {
    box = await startTestAppliance({ webDistDir: empty });
  });
  afterAll(async () => {
    await box.dispose();
    rmSync(empty, { recursive: true, force: true });
  });

  test("pages answer 503 ui_not_built as JSON, saying how to build it", async () => {
    for (const path of ["/", "/settings/system"]) {
      const response = await fetch(`${box.base}${path}`);
      expect(response.status).toBe(503);
      const error = await errorOf(response);
      expect(error.code).toBe("ui_not_built");
      expect(error.message).toContain("web/build.ts");
    }
  });

  test("the API keeps working", async () => {
    expect((await fetch(`${box.base}/api/system/health`)).status).toBe(200);
  });
});
