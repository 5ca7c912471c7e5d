// `cozy app-password`, run as a person would: a real process on a real data
// folder, beside a running appliance whose verifier must agree with it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { users } from "../../appliance/src/auth/auth.schema";
import { makeDataDir, OWNER, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

const CLI = join(import.meta.dir, "../../appliance/src/cli/cozy.ts");
const FORMAT = /^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/;
const dataDir = makeDataDir("cozy-cli-app-");
/** Each case starts one or more Bun processes (and the CLI runs migrations): seconds, not milliseconds. */
const SLOW = 30_000;
let box: TestAppliance;

async function cozy(args: string[]) {
  const child = Bun.spawn([process.execPath, CLI, ...args], {
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: "1" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

beforeAll(async () => {
  box = await startTestAppliance({ dataDir });
  await setupOwner(box.base);
}, SLOW);
afterAll(async () => {
  await box.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("cozy app-password", () => {
  let created: { password: string; id: number };

  test("create prints only the password on stdout, the explanation on stderr", async () => {
    const result = await cozy(["app-password", "create", "Alice's MacBook"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${FORMAT.source.slice(1, -1)}\\n$`));
    expect(result.stderr).toContain("shown only this once");
    expect(result.stderr).toContain(OWNER.name);
    const password = result.stdout.trim();
    const id = Number(/id (\d+)/.exec(result.stderr)?.[1]);
    created = { password, id };
  }, SLOW);

  test("the printed password opens WebDAV in the running service, for the owner", async () => {
    const user = await box.appPasswords.verifyBasic("alice", created.password, "127.0.0.2");
    expect(user?.name).toBe(OWNER.name);
  }, SLOW);

  test("list shows a table with id, name, created and last used, never the password", async () => {
    const result = await cozy(["app-password", "list"]);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trim().split("\n");
    expect(header).toMatch(/^ID\s+NAME\s+CREATED\s+LAST USED$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^${created.id}\\s+Alice's MacBook\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
    expect(result.stdout).not.toContain(created.password);
  }, SLOW);

  test("a duplicate name is refused with exit code 3 and a clear message", async () => {
    const result = await cozy(["app-password", "create", "ALICE'S MACBOOK"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("already exists");
  }, SLOW);

  test("revoke ends it at once, even in the running service that had just verified it", async () => {
    const result = await cozy(["app-password", "revoke", String(created.id)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("revoked");
    expect(await box.appPasswords.verifyBasic("alice", created.password, "127.0.0.2")).toBeNull();
    expect((await cozy(["app-password", "list"])).stdout).toContain("has no app passwords");
    const again = await cozy(["app-password", "revoke", String(created.id)]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("No such app password");
  }, SLOW);

  test("--user picks another person; an unknown person is refused with exit code 3", async () => {
    await box.database.db
      .insert(users)
      .values({ name: "Bob", nameKey: "bob", role: "member", passphraseHash: "x", createdAt: 1, passphraseChangedAt: 1 });
    const made = await cozy(["app-password", "create", "--user", "BOB", "Bob's phone"]);
    expect(made.code).toBe(0);
    expect((await box.appPasswords.verifyBasic("bob", made.stdout.trim(), "127.0.0.3"))?.name).toBe("Bob");
    expect((await cozy(["app-password", "list"])).stdout).not.toContain("Bob's phone");
    expect((await cozy(["app-password", "list", "--user=bob"])).stdout).toContain("Bob's phone");
    const [bob] = await box.database.db.select().from(users).where(eq(users.nameKey, "bob"));
    expect((await box.appPasswords.list(bob!.id)).map((row) => row.name)).toEqual(["Bob's phone"]);

    const nobody = await cozy(["app-password", "list", "--user", "nobody"]);
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain('No user named "nobody"');
  }, SLOW);

  test("usage mistakes exit with code 2 and show the usage", async () => {
    const cases = [
      ["app-password"],
      ["app-password", "frobnicate"],
      ["app-password", "create"],
      ["app-password", "create", "a", "b"],
      ["app-password", "list", "extra"],
      ["app-password", "revoke", "abc"],
      ["app-password", "list", "--user"],
      ["app-password", "list", "--colour", "red"],
    ];
    const results = await Promise.all(cases.map(async (args) => ({ args, ...(await cozy(args)) })));
    for (const { args, code, stderr } of results) {
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toContain("usage: cozy app-password");
    }
  }, SLOW);

  test("the main usage lists the app-password commands", async () => {
    const result = await cozy(["help"]);
    expect(result.stdout).toContain("app-password create NAME [--user NAME]");
    expect(result.stdout).toContain("app-password revoke ID");
  }, SLOW);
});
