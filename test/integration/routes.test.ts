// Default deny: every route needs a signed-in person unless it is on a short,
// deliberate public list. Walks the routes the appliance really registers, so
// a new route is covered the day it is added.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PUBLIC_ROUTES } from "../../appliance/src/app";
import { errorOf } from "../helpers/http";
import { setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

/** Adding to this list is a security decision: it must be made here too, on purpose. */
const EXPECTED_PUBLIC = [
  "GET /api/auth/setup",
  "POST /api/auth/setup",
  "POST /api/auth/login",
  "GET /api/system/health",
  "GET /api/system/reach",
  // Share links are opened by people without an account; each checks its own token, expiry and password.
  "GET /api/public/shares/:token",
  "POST /api/public/shares/:token/unlock",
  "GET /api/public/shares/:token/list",
  "GET /api/public/shares/:token/content",
  "GET /api/public/shares/:token/zip",
  "GET /assets/*",
  "GET /*",
];

let box: TestAppliance;
let cookie: string;
let routes: { method: string; path: string }[];

beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
  routes = box.app.routes.map(({ method, path }) => ({ method, path }));
});
afterAll(() => box.dispose());

const concrete = (path: string) => path.replace(/:[^/]+/g, "x").replace(/\*/g, "x");
const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

function anonymous(route: { method: string; path: string }): Promise<Response> {
  const unsafe = !["GET", "HEAD", "OPTIONS"].includes(route.method);
  return fetch(`${box.base}${concrete(route.path)}`, {
    method: route.method,
    headers: unsafe ? { "content-type": "application/json" } : {},
    body: unsafe ? "{}" : undefined,
  });
}

describe("the public routes", () => {
  test("are exactly the expected ones, as the appliance declares them", () => {
    expect([...PUBLIC_ROUTES].map(String).sort()).toEqual([...EXPECTED_PUBLIC].sort());
  });

  test("all exist among the registered routes", () => {
    const registered = new Set(routes.map(key));
    for (const route of EXPECTED_PUBLIC) expect(registered.has(route)).toBe(true);
  });

  test("are exactly the routes that answer an anonymous request without 401", async () => {
    const open: string[] = [];
    for (const route of routes) {
      const response = await anonymous(route);
      await response.arrayBuffer();
      if (response.status !== 401) open.push(key(route));
    }
    expect(open.sort()).toEqual([...EXPECTED_PUBLIC].sort());
  });
});

describe("every other route refuses an anonymous request", () => {
  test("there are routes to check", () => {
    expect(routes.filter((route) => !EXPECTED_PUBLIC.includes(key(route))).length).toBeGreaterThanOrEqual(10);
  });

  test("each one answers 401 unauthenticated, whatever its method", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !EXPECTED_PUBLIC.includes(key(r)))) {
      const response = await anonymous(route);
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      if (response.status !== 401 || body?.error?.code !== "unauthenticated") wrong.push(`${key(route)} -> ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test("a HEAD request to a private GET route is refused as well", async () => {
    const response = await fetch(`${box.base}/api/system/info`, { method: "HEAD" });
    expect(response.status).toBe(401);
  });

  test("and the same routes do not answer 401 to the signed-in owner", async () => {
    const refused: string[] = [];
    for (const route of routes.filter((r) => r.method === "GET" && !r.path.includes(":") && !r.path.includes("*"))) {
      const response = await fetch(`${box.base}${route.path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status === 401) refused.push(key(route));
    }
    expect(refused).toEqual([]);
  });
});

describe("the API description", () => {
  const REQUIRED = [
    ["get", "/api/system/health"],
    ["get", "/api/system/info"],
    ["post", "/api/auth/setup"],
    ["post", "/api/auth/login"],
    ["post", "/api/auth/logout"],
    ["get", "/api/auth/sessions"],
  ] as const;

  test("/api/openapi.json is valid OpenAPI JSON listing the main operations", async () => {
    const response = await fetch(`${box.base}/api/openapi.json`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const spec = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);
    for (const [method, path] of REQUIRED) expect(spec.paths[path]?.[method]).toBeDefined();
  });

  test("/api/openapi.json does not describe the web interface's catch-all routes", async () => {
    const spec = (await (await fetch(`${box.base}/api/openapi.json`, { headers: { cookie } })).json()) as { paths: object };
    expect(Object.keys(spec.paths).filter((path) => path.includes("*"))).toEqual([]);
  });

  test("/api/docs is an HTML page naming those paths", async () => {
    const response = await fetch(`${box.base}/api/docs`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type") ?? "").toContain("text/html");
    const html = await response.text();
    expect(html).toStartWith("<!doctype html>");
    for (const [method, path] of REQUIRED) {
      expect(html).toContain(`<code>${path}</code>`);
      expect(html).toContain(method.toUpperCase());
    }
  });

  test("both need a signed-in person", async () => {
    for (const path of ["/api/openapi.json", "/api/docs"]) {
      const response = await fetch(`${box.base}${path}`);
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("unauthenticated");
    }
  });
});
