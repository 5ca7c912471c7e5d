// Setting up the box, signing in and out, and what the session cookie looks like.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { errorOf, runPool } from "../helpers/http";
import {
  jsonRequest,
  login,
  makeDataDir,
  OWNER,
  sessionCookieOf,
  setupOwner,
  startTestAppliance,
  type TestAppliance,
} from "../helpers/appliance";

const me = (base: string, cookie: string) => fetch(`${base}/api/auth/me`, { headers: { cookie } });
const setup = (base: string, body: unknown = OWNER, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/auth/setup`, jsonRequest("POST", body, headers));

describe("first setup", () => {
  let box: TestAppliance;
  beforeEach(async () => {
    box = await startTestAppliance();
  });
  afterEach(() => box.dispose());

  test("a fresh box says setup is required, and not once it is done", async () => {
    expect(await (await fetch(`${box.base}/api/auth/setup`)).json()).toEqual({ required: true });
    await setupOwner(box.base);
    expect(await (await fetch(`${box.base}/api/auth/setup`)).json()).toEqual({ required: false });
  });

  test("creates the owner (201) and signs them in with an HttpOnly, SameSite=Strict cookie, not Secure over http", async () => {
    const response = await setup(box.base);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ user: { id: expect.any(Number), name: "Alice", role: "owner", locale: null } });
    const header = response.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/^cozy_session=[^;]{32,};/);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Strict/i);
    expect(header).toMatch(/;\s*Path=\//i);
    expect(header).not.toMatch(/;\s*Secure/i);
    const cookie = sessionCookieOf(response) ?? "";
    expect((await (await me(box.base, cookie)).json()).user.name).toBe("Alice");
  });

  test("creates the owner's own folder <data>/files/alice/", async () => {
    await setupOwner(box.base);
    const folder = join(box.dataDir, "files", "alice");
    expect(existsSync(folder)).toBe(true);
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  test("a second setup is refused with 409 setup_done and does not replace the owner", async () => {
    await setupOwner(box.base);
    const again = await setup(box.base, { name: "Mallory", passphrase: "an entirely different one" });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("setup_done");
    expect(sessionCookieOf(again)).toBeNull();
    expect((await login(box.base, { name: "Mallory", passphrase: "an entirely different one" })).status).toBe(401);
    expect(existsSync(join(box.dataDir, "files", "mallory"))).toBe(false);
  });

  test("ten setups at once: exactly one wins, the others get 409", async () => {
    const statuses = await runPool(10, 10, (i) =>
      setup(box.base, { name: `owner${i}`, passphrase: `passphrase number ${i}` }).then((r) => r.status),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    const winner = statuses.indexOf(201);
    expect((await login(box.base, { name: `owner${winner}`, passphrase: `passphrase number ${winner}` })).status).toBe(200);
    expect(readdirSync(join(box.dataDir, "files"))).toEqual([`owner${winner}`]);
  }, 30_000);

  test("a client's X-Forwarded-Proto does not make the cookie Secure when no proxy is trusted", async () => {
    const response = await setup(box.base, OWNER, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/;\s*Secure/i);
  });

  test("signing in before setup says so (409 setup_required)", async () => {
    const response = await login(box.base);
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe("setup_required");
  });
});

describe("behind a trusted HTTPS proxy (COZY_TRUST_PROXY=true)", () => {
  let box: TestAppliance;
  beforeAll(async () => {
    box = await startTestAppliance({ env: { COZY_TRUST_PROXY: "true" } });
  });
  afterAll(() => box.dispose());

  test("the cookie is Secure when the proxy says the request came over https", async () => {
    const response = await setup(box.base, OWNER, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie") ?? "").toMatch(/;\s*Secure/i);
  });

  test("and not Secure when the proxy says http", async () => {
    const response = await login(box.base, OWNER, { "x-forwarded-proto": "http" });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/;\s*Secure/i);
  });
});

describe("signing in and out", () => {
  let box: TestAppliance;
  beforeAll(async () => {
    box = await startTestAppliance();
    await setupOwner(box.base);
  });
  afterAll(() => box.dispose());

  test("the name is matched whatever its case", async () => {
    for (const name of ["alice", "ALICE", "aLiCe"]) {
      const response = await login(box.base, { name, passphrase: OWNER.passphrase });
      expect(response.status).toBe(200);
      expect((await response.json()).user.name).toBe("Alice");
      expect(sessionCookieOf(response)).not.toBeNull();
    }
  });

  test("a wrong passphrase and an unknown name get the same 401 answer", async () => {
    const wrong = await login(box.base, { name: OWNER.name, passphrase: "not the passphrase" });
    const unknown = await login(box.base, { name: "nobody", passphrase: OWNER.passphrase });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [wrongError, unknownError] = [await errorOf(wrong), await errorOf(unknown)];
    expect(wrongError.code).toBe("invalid_credentials");
    expect(unknownError).toEqual(wrongError);
    expect(sessionCookieOf(wrong)).toBeNull();
    expect((await login(box.base)).status).toBe(200); // and the owner still gets in
  });

  test("each sign-in opens its own session", async () => {
    const first = sessionCookieOf(await login(box.base));
    const second = sessionCookieOf(await login(box.base));
    expect(first).not.toBeNull();
    expect(second).not.toEqual(first);
  });

  test("after signing out, that cookie no longer works, other sessions do", async () => {
    const leaving = sessionCookieOf(await login(box.base)) ?? "";
    const staying = sessionCookieOf(await login(box.base)) ?? "";
    const response = await fetch(`${box.base}/api/auth/logout`, { method: "POST", headers: { cookie: leaving } });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie") ?? "").toMatch(/cozy_session=;.*Max-Age=0/);
    const after = await me(box.base, leaving);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe("unauthenticated");
    expect((await me(box.base, staying)).status).toBe(200);
  });
});

describe("restarting the box", () => {
  const dataDir = makeDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("a session opened before a restart still works after it", async () => {
    const before = await startTestAppliance({ dataDir });
    let cookie: string;
    try {
      cookie = await setupOwner(before.base);
    } finally {
      await before.dispose();
    }
    const after = await startTestAppliance({ dataDir });
    try {
      const response = await me(after.base, cookie);
      expect(response.status).toBe(200);
      expect((await response.json()).user.name).toBe("Alice");
      expect(await (await fetch(`${after.base}/api/auth/setup`)).json()).toEqual({ required: false });
    } finally {
      await after.dispose();
    }
  });
});
