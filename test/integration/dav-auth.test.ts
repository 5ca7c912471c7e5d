// Who may use the WebDAV door, and the box's baseline on it: only a person's
// name with one of their app passwords (never the main passphrase), the
// shared sign-in throttle, the Host allowlist, the cross-site refusal, and
// one log line per request that never holds a credential.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEFAULT_THROTTLE } from "../../appliance/src/auth";
import { createLogger, OWNER } from "../helpers/appliance";
import { basic, startDavBox, type DavBox } from "../dav/dav-client";

const WWW_AUTHENTICATE = 'Basic realm="CozyBox", charset="UTF-8"';

describe("credentials", () => {
  let dav: DavBox;
  beforeAll(async () => {
    dav = await startDavBox();
  });
  afterAll(() => dav.box.dispose());

  const propfind = (authorization?: string) =>
    dav.dav("PROPFIND", "/dav/", { anonymous: true, headers: { depth: "0", ...(authorization ? { authorization } : {}) } });

  test("the name (in any case) and an app password open the door", async () => {
    expect((await propfind(basic(OWNER.name, dav.password))).status).toBe(207);
    expect((await propfind(basic(OWNER.name.toUpperCase(), dav.password))).status).toBe(207);
  });

  test("no credentials: 401 with a Basic challenge in UTF-8", async () => {
    const response = await propfind();
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(WWW_AUTHENTICATE);
  });

  test("a wrong app password: 401 with the challenge", async () => {
    const response = await propfind(basic(OWNER.name, "aaaaa-bbbbb-ccccc-ddddd"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(WWW_AUTHENTICATE);
  });

  test("an unknown name with a real app password: 401", async () => {
    expect((await propfind(basic("mallory", dav.password))).status).toBe(401);
  });

  test("the main passphrase never opens the WebDAV door", async () => {
    const response = await propfind(basic(OWNER.name, OWNER.passphrase));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(WWW_AUTHENTICATE);
  });

  test("malformed or other schemes of Authorization: 401", async () => {
    for (const header of ["Basic", "Basic !!!", `Bearer ${dav.password}`, `Basic ${Buffer.from("no-colon").toString("base64")}`, `Basic ${"A".repeat(5000)}`]) {
      expect((await propfind(header)).status).toBe(401);
    }
  });

  test("the web session cookie is not a WebDAV credential", async () => {
    const response = await dav.dav("PROPFIND", "/dav/", { anonymous: true, headers: { depth: "0", cookie: dav.cookie } });
    expect(response.status).toBe(401);
  });

  test("a revoked app password stops working at once", async () => {
    const [owner] = await dav.box.auth.people();
    const created = await dav.box.appPasswords.create(owner!.id, "to revoke");
    expect((await propfind(basic(OWNER.name, created.password))).status).toBe(207);
    await dav.box.appPasswords.revoke(owner!.id, created.id);
    expect((await propfind(basic(OWNER.name, created.password))).status).toBe(401);
  });
});

describe("throttling", () => {
  let dav: DavBox;
  beforeAll(async () => {
    dav = await startDavBox({ throttle: { ...DEFAULT_THROTTLE, freeFailures: 1, baseLockMs: 60_000 } });
  });
  afterAll(() => dav.box.dispose());

  test("repeated wrong app passwords get 429 with Retry-After, before any check", async () => {
    const wrong = basic(OWNER.name, "aaaaa-bbbbb-ccccc-ddddd");
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await dav.dav("PROPFIND", "/dav/", { anonymous: true, headers: { depth: "0", authorization: wrong } });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses.slice(2)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe("the box's baseline", () => {
  let dav: DavBox;
  const lines: string[] = [];
  beforeAll(async () => {
    dav = await startDavBox({ logger: createLogger("info", (line) => lines.push(line)) });
  });
  afterAll(() => dav.box.dispose());

  test("a foreign Host header is refused with 421, even with good credentials", async () => {
    const response = await dav.dav("PROPFIND", "/dav/", { headers: { depth: "0", host: "evil.example" } });
    expect(response.status).toBe(421);
    expect((await dav.dav("GET", "/dav/", { headers: { host: "rebound.example:8080" } })).status).toBe(421);
  });

  test("an unsafe method from another site is refused with 403 (Origin or Sec-Fetch-Site)", async () => {
    const put = (headers: Record<string, string>) => dav.dav("PUT", "/dav/csrf.txt", { body: "x", headers });
    expect((await put({ origin: "http://evil.example" })).status).toBe(403);
    expect((await put({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await dav.dav("DELETE", "/dav/anything", { headers: { origin: "null" } })).status).toBe(403);
    expect((await dav.dav("GET", "/dav/", { headers: { origin: "http://evil.example" } })).status).toBe(200);
    const sameOrigin = new URL(dav.box.base).origin;
    expect((await put({ origin: sameOrigin })).status).toBe(201);
  });

  test("each request is one JSON log line: method, path without query, status, duration, and no credential", async () => {
    lines.length = 0;
    await dav.dav("PROPFIND", "/dav/?secret=1", { headers: { depth: "0" } });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === "request");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ method: "PROPFIND", path: "/dav/", status: 207 });
    expect(typeof entries[0]?.durationMs).toBe("number");
    const all = lines.join("\n");
    expect(all).not.toContain(dav.password);
    expect(all).not.toContain(dav.authorization.slice(6));
    expect(all).not.toContain("secret");
  });
});
