// The `cozy` admin command, run as a person would: a real process on a real data folder.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { login, makeDataDir, startTestAppliance } from "../helpers/appliance";

const CLI = join(import.meta.dir, "../../appliance/src/cli/cozy.ts");
const dataDir = makeDataDir("cozy-cli-");
const passFile = join(dataDir, "..", `${Date.now()}-pass.txt`);

async function cozy(args: string[], stdin = "") {
  const child = Bun.spawn([process.execPath, CLI, ...args], {
    env: { ...process.env, COZY_DATA_DIR: dataDir, COZY_PORT: "1" },
    stdin: new TextEncoder().encode(stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { stdout, stderr, code };
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(passFile, { force: true });
});

describe("cozy CLI", () => {
  test("status before setup says the owner is not set up and the service is not reachable", async () => {
    const result = await cozy(["status"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("not set up yet");
    expect(result.stdout).toContain(dataDir);
    expect(result.stdout).toContain("not reachable");
  });

  test("setup without its options is a usage error", async () => {
    const result = await cozy(["setup", "--name", "Bob"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: cozy setup");
  });

  test("setup refuses a short passphrase with a clear message and creates nobody", async () => {
    writeFileSync(passFile, "short\n");
    const result = await cozy(["setup", "--name", "Bob", "--passphrase-file", passFile]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("at least 10 characters");
    expect((await cozy(["status"])).stdout).toContain("not set up yet");
  });

  test("setup creates the owner once, who can then sign in over HTTP", async () => {
    writeFileSync(passFile, "correct horse battery\n");
    const first = await cozy(["setup", "--name", "Bob", "--passphrase-file", passFile]);
    expect(first.code).toBe(0);
    expect(existsSync(join(dataDir, "files", "bob"))).toBe(true);
    const again = await cozy(["setup", "--name", "Eve", "--passphrase-file", passFile]);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("already done");
    expect((await cozy(["status"])).stdout).toMatch(/owner:\s+Bob/);
  });

  test("reset-passphrase asks twice, refuses a mismatch, and ends every session", async () => {
    const box = await startTestAppliance({ dataDir });
    try {
      const signIn = await login(box.base, { name: "bob", passphrase: "correct horse battery" });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

      const mismatch = await cozy(["reset-passphrase"], "a brand new phrase\nanother phrase!!\n");
      expect(mismatch.code).toBe(3);
      expect(mismatch.stderr).toContain("differ");

      const reset = await cozy(["reset-passphrase"], "a brand new phrase\na brand new phrase\n");
      expect(reset.code).toBe(0);
      expect((await fetch(`${box.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
      expect((await login(box.base, { name: "bob", passphrase: "correct horse battery" })).status).toBe(401);
      expect((await login(box.base, { name: "Bob", passphrase: "a brand new phrase" })).status).toBe(200);
    } finally {
      await box.stop();
    }
  });

  test("an unknown command is a usage error that lists the commands", async () => {
    const result = await cozy(["frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("reset-passphrase");
  });

  test("a bad environment variable is named", async () => {
    const child = Bun.spawn([process.execPath, CLI, "status"], { env: { ...process.env, COZY_PORT: "http" }, stderr: "pipe", stdout: "pipe" });
    expect(await child.exited).toBe(2);
    expect(await new Response(child.stderr).text()).toContain("COZY_PORT");
  });
});
