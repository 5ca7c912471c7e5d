// Every answer, good or bad, API or page, carries the strict security headers;
// every error is {"error":{"code","message"}} with a non-2xx status; an
// unexpected failure reveals nothing about the code.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { jsonRequest, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

let box: TestAppliance;
let cookie: string;
beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
});
afterAll(() => box.dispose());

type Probe = [label: string, request: () => Promise<Response>];

const url = (path: string) => `${box.base}${path}`;
const post = (path: string, body: BodyInit, headers: Record<string, string>) => fetch(url(path), { method: "POST", body, headers });

const successes: Probe[] = [
  ["GET /api/system/health", () => fetch(url("/api/system/health"))],
  ["GET /api/auth/me (signed in)", () => fetch(url("/api/auth/me"), { headers: { cookie } })],
  ["GET /api/docs (HTML)", () => fetch(url("/api/docs"), { headers: { cookie } })],
  ["POST /api/auth/logout-everywhere", () => fetch(url("/api/auth/logout-everywhere"), { method: "POST", headers: { cookie } })],
];

const failures: Probe[] = [
  ["401 anonymous", () => fetch(url("/api/system/info"))],
  ["404 unknown API path", () => fetch(url("/api/nope"))],
  ["404 unknown asset", () => fetch(url("/assets/nope-12345678.js"))],
  ["421 foreign host", () => fetch(url("/api/system/health"), { headers: { host: "evil.example" } })],
  ["403 cross-site", () => post("/api/auth/login", JSON.stringify(OWNER), { "content-type": "application/json", origin: "http://evil.example" })],
  ["400 malformed JSON", () => post("/api/auth/login", "{", { "content-type": "application/json" })],
  ["415 wrong type", () => post("/api/auth/login", "{}", { "content-type": "text/plain" })],
  ["413 too large", () => post("/api/auth/login", JSON.stringify({ name: "a".repeat(20_000) }), { "content-type": "application/json" })],
  ["422 invalid field", () => fetch(url("/api/auth/me"), jsonRequest("PATCH", { locale: "de" }, { cookie }))],
  ["404 unknown session", () => fetch(url("/api/auth/sessions/nope"), { method: "DELETE", headers: { cookie } })],
  ["409 setup again", () => fetch(url("/api/auth/setup"), jsonRequest("POST", OWNER))],
];

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("same-origin");
}

describe("security headers", () => {
  for (const [label, request] of [...successes, ...failures]) {
    test(`on ${label}`, async () => {
      const response = await request();
      await response.arrayBuffer();
      expectSecurityHeaders(response);
    });
  }

  test("on the pages and assets of the web interface (built or not)", async () => {
    const page = await fetch(url("/"));
    expectSecurityHeaders(page);
    const html = await page.text();
    const asset = /\/assets\/[^"']+/.exec(html)?.[0] ?? "/assets/missing.js";
    const assetResponse = await fetch(url(asset));
    await assetResponse.arrayBuffer();
    expectSecurityHeaders(assetResponse);
  });
});

describe("error answers", () => {
  for (const [label, request] of failures) {
    test(`${label}: non-2xx status and {error:{code,message}} as JSON`, async () => {
      const response = await request();
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("content-type") ?? "").toContain("application/json");
      const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error?.code).toEqual(expect.stringMatching(/^[a-z_]+$/));
      expect(body.error?.message).toEqual(expect.any(String));
      expect(String(body.error?.message).length).toBeGreaterThan(0);
    });
  }

  test("a 401 never carries a new session cookie", async () => {
    const response = await fetch(url("/api/auth/login"), jsonRequest("POST", { name: "nobody", passphrase: "not this one" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("an unexpected failure (the database goes away)", () => {
  let broken: TestAppliance;
  let brokenCookie: string;
  beforeAll(async () => {
    broken = await startTestAppliance();
    brokenCookie = await setupOwner(broken.base);
    broken.database.close();
  });
  afterAll(() => broken.dispose());

  test("is a 500 internal_error with a request id, and no stack trace or internals", async () => {
    const response = await fetch(`${broken.base}/api/auth/me`, { headers: { cookie: brokenCookie } });
    expect(response.status).toBe(500);
    expectSecurityHeaders(response);
    const text = await response.text();
    const { error } = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(error.code).toBe("internal_error");
    expect(error.requestId).toBe(response.headers.get("x-request-id") ?? "missing");
    expect(error.message).toContain(error.requestId);
    expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)|\.ts:\d+|node_modules|appliance\/src/);
    expect(text.toLowerCase()).not.toMatch(/libsql|sqlite|drizzle|select |stack/);
  });

  test("the box keeps answering what does not need the database", async () => {
    expect((await fetch(`${broken.base}/api/system/health`)).status).toBe(200);
  });
});
