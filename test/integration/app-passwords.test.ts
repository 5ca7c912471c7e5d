// App passwords: created over HTTP, shown once, listed without secrets,
// revoked one by one, and checked by the Basic-auth verifier WebDAV uses.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { appPasswords, users } from "../../appliance/src/auth/auth.schema";
import { TooManyAttemptsError } from "../../appliance/src/shared/errors";
import { FakeClock, SECOND } from "../helpers/fake-clock";
import { errorOf, runPool } from "../helpers/http";
import { jsonRequest, login, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const FORMAT = /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/;
/** For tests that hash many times: argon2 is slow by design, more so beside other suites. */
const SLOW = 30_000;

let box: TestAppliance;
let cookie: string;
const clock = new FakeClock();
let ipCounter = 0;
/** A fresh client address per test, so throttle records do not leak between tests. */
const freshIp = () => `10.0.0.${++ipCounter}`;

const api = (path = "", init: RequestInit = {}, withCookie = cookie) =>
  fetch(`${box.base}/api/auth/app-passwords${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: withCookie } });
const create = (name: unknown, withCookie = cookie) => api("", jsonRequest("POST", { name }), withCookie);
const list = async (withCookie = cookie) => (await (await api("", {}, withCookie)).json()) as { appPasswords: Array<Record<string, unknown>> };
const revoke = (id: number | string, withCookie = cookie) => api(`/${id}`, { method: "DELETE" }, withCookie);

async function created(name: string): Promise<{ id: number; name: string; password: string; createdAt: number }> {
  const response = await create(name);
  expect(response.status).toBe(201);
  return response.json();
}

beforeAll(async () => {
  box = await startTestAppliance({ clock });
  cookie = await setupOwner(box.base);
}, SLOW);
afterAll(() => box.dispose());

describe("creating an app password", () => {
  test("answers 201 with a generated password of four groups, shown this once; the list never has it", async () => {
    const response = await create("  Alice's MacBook  ");
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(Number), name: "Alice's MacBook", password: expect.stringMatching(FORMAT), createdAt: clock.now(), smbAccount: null });

    const listed = await list();
    expect(listed.appPasswords).toContainEqual({ id: body.id, name: "Alice's MacBook", createdAt: clock.now(), lastUsedAt: null, smbAccount: null });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(body.password);
    expect(text).not.toContain("argon2");
    for (const row of listed.appPasswords) expect(Object.keys(row).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "smbAccount"]);
  });

  test("stores only an argon2id hash", async () => {
    const { id, password } = await created("Stored as a hash");
    const [row] = await box.database.db.select().from(appPasswords).where(eq(appPasswords.id, id));
    expect(row?.passwordHash).toStartWith("$argon2id$");
    expect(row?.passwordHash).not.toContain(password);
    expect(row?.passwordHash).not.toContain(password.replaceAll("-", ""));
  });

  test("two passwords are never the same", async () => {
    const [a, b] = [await created("Twin one"), await created("Twin two")];
    expect(a.password).not.toBe(b.password);
  });

  test("refuses an empty, blank or 65-character name with 422 on the name field", async () => {
    for (const name of ["", "   ", "x".repeat(65)]) {
      const response = await create(name);
      expect(response.status).toBe(422);
      expect((await errorOf(response)).field).toBe("name");
    }
    expect((await create("y".repeat(64))).status).toBe(201);
  });

  test("refuses a 10,000-character name before reading it all (413 or 422)", async () => {
    const response = await create("z".repeat(10_000));
    expect([413, 422]).toContain(response.status);
  });

  test("refuses a name with control characters, a non-string name and unknown fields", async () => {
    expect((await create("line\nbreak")).status).toBe(422);
    expect((await create(42)).status).toBe(422);
    expect((await api("", jsonRequest("POST", { name: "ok", password: "mine" }))).status).toBe(422);
  });

  test("refuses a name already taken, whatever its case, with 409 name_taken", async () => {
    await created("Phone");
    const again = await create("  PHONE ");
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("name_taken");
    await created("Élodie's tablet");
    expect((await create("ÉLODIE'S TABLET")).status).toBe(409);
  }, SLOW);

  test("five creations of the same name at once: exactly one wins", async () => {
    const statuses = await runPool(5, 5, () => create("Raced name").then((r) => r.status));
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
  }, SLOW);

  test("refuses a 51st app password with 409 too_many", async () => {
    const other = await addPerson("crowded");
    const rows = Array.from({ length: 50 }, (_, i) => ({ userId: other.id, name: `device ${i}`, passwordHash: "x", createdAt: 1 }));
    await box.database.db.insert(appPasswords).values(rows);
    const result = await box.appPasswords.create(other.id, "one more").catch((error) => error);
    expect(result).toMatchObject({ status: 409, code: "too_many" });
  });
});

describe("revoking an app password", () => {
  test("answers 204, then 404 for the same id, and it leaves the list", async () => {
    const { id } = await created("To revoke");
    expect((await revoke(id)).status).toBe(204);
    expect((await revoke(id)).status).toBe(404);
    expect((await list()).appPasswords.map((row) => row.id)).not.toContain(id);
  });

  test("an id that is not a number, or unknown, is 404", async () => {
    for (const id of ["abc", "1.5", "-1", "0", "999999"]) expect((await revoke(id)).status).toBe(404);
  });

  test("another person's app password is 404 and stays", async () => {
    const bob = await addPerson("bob");
    const bobs = await box.appPasswords.create(bob.id, "Bob's phone");
    expect((await revoke(bobs.id)).status).toBe(404);
    expect((await list()).appPasswords.map((row) => row.id)).not.toContain(bobs.id);
    expect((await box.appPasswords.list(bob.id)).map((row) => row.id)).toEqual([bobs.id]);
  });
});

describe("verifyBasic (WebDAV's Basic auth)", () => {
  test("the right password opens the person's account, with the name in any case and the password as typed", async () => {
    const { password } = await created("Finder");
    for (const [name, typed] of [["alice", password], ["ALICE", password], [" Alice", password.toUpperCase()], ["alice", password.replaceAll("-", "")]]) {
      expect((await box.appPasswords.verifyBasic(name!, typed!, freshIp()))?.name).toBe(OWNER.name);
    }
  }, SLOW);

  test("a wrong password, an unknown name or another person's name gives null", async () => {
    const { password } = await created("Wrong tries");
    expect(await box.appPasswords.verifyBasic("alice", "aaaaa-bbbbb-ccccc-ddddd", freshIp())).toBeNull();
    expect(await box.appPasswords.verifyBasic("nobody", password, freshIp())).toBeNull();
    await addPerson("carol");
    expect(await box.appPasswords.verifyBasic("carol", password, freshIp())).toBeNull();
  }, SLOW);

  test("the main passphrase never works there", async () => {
    expect(await box.appPasswords.verifyBasic(OWNER.name, OWNER.passphrase, freshIp())).toBeNull();
  });

  test("a revoked password stops working at once, even just after a successful (cached) check", async () => {
    const { id, password } = await created("Soon revoked");
    const ip = freshIp();
    expect(await box.appPasswords.verifyBasic("alice", password, ip)).not.toBeNull();
    expect(await box.appPasswords.verifyBasic("alice", password, ip)).not.toBeNull();
    expect((await revoke(id)).status).toBe(204);
    expect(await box.appPasswords.verifyBasic("alice", password, ip)).toBeNull();
  }, SLOW);

  test("records when it was last used, at most once a minute", async () => {
    const { id, password } = await created("Last used");
    const lastUsed = async () => (await list()).appPasswords.find((row) => row.id === id)?.lastUsedAt;
    const ip = freshIp();
    await box.appPasswords.verifyBasic("alice", password, ip);
    const first = clock.now();
    expect(await lastUsed()).toBe(first);
    clock.advance(30 * SECOND);
    await box.appPasswords.verifyBasic("alice", password, ip);
    expect(await lastUsed()).toBe(first);
    clock.advance(31 * SECOND);
    await box.appPasswords.verifyBasic("alice", password, ip);
    expect(await lastUsed()).toBe(clock.now());
  }, SLOW);

  // A person with a single app password, so each wrong guess costs one argon2 check, not one per password.
  test("many wrong passwords from one address are refused with TooManyAttemptsError, before any hashing", async () => {
    const dave = await addPerson("dave");
    const { password } = await box.appPasswords.create(dave.id, "Dave's laptop");
    const ip = freshIp();
    let refused: unknown = null;
    for (let i = 0; i < 10 && !refused; i++) {
      refused = await box.appPasswords.verifyBasic("dave", `wrong-guess-${i}aaaa-bbbbb`, ip).then(() => null, (error) => error);
    }
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect((refused as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
    // Even the right password waits, from that address; another address is not affected.
    expect(await box.appPasswords.verifyBasic("dave", password, ip).catch((error) => error)).toBeInstanceOf(TooManyAttemptsError);
    expect(await box.appPasswords.verifyBasic("dave", password, freshIp())).not.toBeNull();
  }, SLOW);

  test("a device already verified keeps working while its address is locked out", async () => {
    const erin = await addPerson("erin");
    const { password } = await box.appPasswords.create(erin.id, "Erin's phone");
    const ip = freshIp();
    expect(await box.appPasswords.verifyBasic("erin", password, ip)).not.toBeNull();
    for (let i = 0; i < 6; i++) await box.appPasswords.verifyBasic("erin", "guess-guess-guess-guess", ip).catch(() => null);
    expect(await box.appPasswords.verifyBasic("erin", password, ip).catch((error) => error)).not.toBeInstanceOf(TooManyAttemptsError);
    expect(await box.appPasswords.verifyBasic("erin", password, ip)).not.toBeNull();
  }, SLOW);
});

describe("the doors stay apart", () => {
  const basic = (name: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` });
  const propfind = (headers: Record<string, string>) => fetch(`${box.base}/dav/`, { method: "PROPFIND", headers: { depth: "0", ...headers } });

  test("through the real WebDAV door: the app password opens /dav/, the passphrase and the session cookie do not, revoking shuts it", async () => {
    const { id, password } = await created("Through /dav/");
    expect((await propfind(basic("ALICE", password))).status).toBe(207);
    expect((await propfind(basic("alice", OWNER.passphrase))).status).toBe(401);
    expect((await propfind({ cookie })).status).toBe(401);
    expect((await revoke(id)).status).toBe(204);
    expect((await propfind(basic("alice", password))).status).toBe(401);
  }, SLOW);

  test("an app password does not sign in on the web", async () => {
    const { password } = await created("Not for the web");
    const response = await login(box.base, { name: OWNER.name, passphrase: password });
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  test("anonymous calls are refused with 401", async () => {
    const statuses = [(await api("", {}, "")).status, (await create("anon", "")).status, (await revoke(1, "")).status];
    expect(statuses).toEqual([401, 401, 401]);
  });
});

async function addPerson(name: string) {
  const [row] = await box.database.db
    .insert(users)
    .values({ name, nameKey: name.toLowerCase(), role: "member", passphraseHash: "x", createdAt: 1, passphraseChangedAt: 1 })
    .returning();
  return row!;
}
