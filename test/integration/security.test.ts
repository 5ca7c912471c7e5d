// The LAN is not trusted (DESIGN decision 6): host allowlist against DNS
// rebinding, cross-site refusal against CSRF, strict headers on every answer,
// cookies that mean nothing unless the box issued them and they still live.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { errorOf } from "../helpers/http";
import { jsonRequest, login, OWNER, sessionCookieOf, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

let box: TestAppliance; // set up
let cookie: string;
beforeAll(async () => {
  box = await startTestAppliance({ env: { COZY_PUBLIC_HOSTNAMES: "box.example.net" } });
  cookie = await setupOwner(box.base);
});
afterAll(() => box.dispose());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${box.base}${path}`, { headers });
const me = (withCookie: string) => get("/api/auth/me", { cookie: withCookie });

async function newCookie(): Promise<string> {
  const value = sessionCookieOf(await login(box.base));
  if (!value) throw new Error("sign-in failed");
  return value;
}

describe("host allowlist (DNS rebinding)", () => {
  const foreign = ["evil.example", "evil.example:8080", "cozy.local.evil.example", "evil-cozy.local", "localhost.evil.example"];
  for (const host of foreign) {
    test(`Host: ${host} is refused with 421 on the API`, async () => {
      const response = await get("/api/system/health", { host });
      expect(response.status).toBe(421);
      expect((await errorOf(response)).code).toBe("host_not_allowed");
    });
  }

  test("a foreign host is refused on the pages and assets too, and cannot sign in", async () => {
    for (const path of ["/", "/settings/system", "/assets/main.js", "/api/docs"]) {
      expect((await get(path, { host: "evil.example" })).status).toBe(421);
    }
    const signIn = await fetch(`${box.base}/api/auth/login`, jsonRequest("POST", OWNER, { host: "evil.example" }));
    expect(signIn.status).toBe(421);
    expect(sessionCookieOf(signIn)).toBeNull();
  });

  test("a foreign host with a valid cookie still gets nothing", async () => {
    expect((await get("/api/auth/me", { host: "evil.example", cookie })).status).toBe(421);
  });

  const accepted = ["cozy.local", "COZY.LOCAL:8080", "cozy-2.local", "localhost", "127.0.0.1", "box.example.net", "Box.Example.Net:443"];
  for (const host of accepted) {
    test(`Host: ${host} is accepted`, async () => {
      expect((await get("/api/system/health", { host })).status).toBe(200);
    });
  }

  test("a name is accepted only when configured in COZY_PUBLIC_HOSTNAMES", async () => {
    const plain = await startTestAppliance();
    try {
      expect((await fetch(`${plain.base}/api/system/health`, { headers: { host: "box.example.net" } })).status).toBe(421);
    } finally {
      await plain.dispose();
    }
  });
});

describe("cross-site requests (CSRF)", () => {
  let fresh: TestAppliance;
  beforeAll(async () => {
    fresh = await startTestAppliance();
  });
  afterAll(() => fresh.dispose());

  const setupFrom = (headers: Record<string, string>) => fetch(`${fresh.base}/api/auth/setup`, jsonRequest("POST", OWNER, headers));
  const stillRequired = async () => expect(await (await fetch(`${fresh.base}/api/auth/setup`)).json()).toEqual({ required: true });

  const refused: [string, (self: string) => Record<string, string>][] = [
    ["an Origin of another site", () => ({ origin: "http://evil.example" })],
    ["Sec-Fetch-Site: cross-site", () => ({ "sec-fetch-site": "cross-site" })],
    ["Sec-Fetch-Site: same-site", () => ({ "sec-fetch-site": "same-site" })],
    ["an opaque Origin (null)", () => ({ origin: "null" })],
    ["the box's address on another port", () => ({ origin: "http://127.0.0.1:1" })],
    ["a matching Origin but Sec-Fetch-Site: cross-site", (self) => ({ origin: self, "sec-fetch-site": "cross-site" })],
  ];
  for (const [what, headersFor] of refused) {
    test(`a POST with ${what} is 403 cross_site_request and writes nothing`, async () => {
      const response = await setupFrom(headersFor(new URL(fresh.base).origin));
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe("cross_site_request");
      expect(sessionCookieOf(response)).toBeNull();
      await stillRequired();
    });
  }

  test("a signed-in person's cookie does not let another site end their sessions", async () => {
    const other = await newCookie();
    const response = await fetch(`${box.base}/api/auth/logout-everywhere`, {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect((await me(other)).status).toBe(200);
  });

  test("a same-origin POST whose Origin matches the Host works", async () => {
    const response = await setupFrom({ origin: new URL(fresh.base).origin, "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(201);
  });
});

describe("cookies the box no longer honours", () => {
  test("a revoked session's cookie gets 401 everywhere", async () => {
    const revoked = await newCookie();
    const id = ((await (await me(revoked)).json()) as { session: { id: string } }).session.id;
    expect((await fetch(`${box.base}/api/auth/sessions/${id}`, { method: "DELETE", headers: { cookie } })).status).toBe(204);
    for (const path of ["/api/auth/me", "/api/auth/sessions", "/api/system/info"]) {
      const response = await get(path, { cookie: revoked });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("unauthenticated");
    }
  });

  const token = () => cookie.slice("cozy_session=".length);
  const garbage: [string, () => string][] = [
    ["a random word", () => "cozy_session=garbage"],
    ["an empty value", () => "cozy_session="],
    ["a 5,000-character value", () => `cozy_session=${"A".repeat(5_000)}`],
    ["a token-shaped random value", () => `cozy_session=${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}`],
    ["the real token with one character changed", () => `cozy_session=${token().slice(0, -1)}${token().endsWith("A") ? "B" : "A"}`],
    ["the real token under another cookie name", () => `session=${token()}`],
    ["bytes that are not text", () => "cozy_session=%00%ff%fe"],
  ];
  for (const [what, make] of garbage) {
    test(`a cookie with ${what} gets 401`, async () => {
      const response = await me(make());
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("unauthenticated");
    });
  }

  test("and the real cookie still works after all that", async () => {
    expect((await me(cookie)).status).toBe(200);
  });
});
