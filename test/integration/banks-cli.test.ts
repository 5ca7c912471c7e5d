// `cozy banks import|export`, run as a person would: a real process on the
// data folder of a running appliance, whose API then shows what it wrote.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseStatement } from "../../appliance/src/banks/parsers";
import { makeDataDir, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { banksClient, FIXTURES, type BanksClient } from "./banks-fixtures";

const CLI = join(import.meta.dir, "../../appliance/src/cli/cozy.ts");
const OFX = join(FIXTURES, "same-month-april.ofx");
const CAMT = join(FIXTURES, "same-month-april.camt053.xml");
const dataDir = makeDataDir("cozy-cli-banks-");
const SLOW = 60_000;
let box: TestAppliance;
let api: BanksClient;

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
  api = banksClient(box.base, await setupOwner(box.base));
}, SLOW);
afterAll(async () => {
  await box.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("cozy banks import", () => {
  test("--dry-run prints the preview's summary and writes nothing", async () => {
    const result = await cozy(["banks", "import", "--dry-run", OFX]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("same-month-april.ofx (OFX): 8 new, 0 already known, 0 skipped");
    expect(result.stdout).toContain('new account "Account …5678"');
    expect(result.stdout).toContain("dry run: nothing written");
    expect((await api.call("GET", "/accounts")).body.accounts).toHaveLength(0);
  }, SLOW);

  test("imports, then --json tells the same as the API's preview, with the unsure one skipped", async () => {
    const first = await cozy(["banks", "import", OFX]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("imported: 8 transaction(s) added.");
    const result = await cozy(["banks", "import", CAMT, "--json"]);
    expect(result.code).toBe(0);
    const [outcome] = JSON.parse(result.stdout);
    expect(outcome.preview.totals).toEqual({ new: 1, known: 7, skipped: 1, unsure: 1 });
    expect(outcome.preview.accounts[0].skipped[0].reason).toContain("CB BOULANGERIE PAUL");
    expect(outcome.committed).toMatchObject({ new: 1, known: 7, skipped: 1 });
    const listed = await api.call("GET", "/transactions");
    expect(listed.body.transactions).toHaveLength(9);
  }, SLOW);

  test("both files again add nothing", async () => {
    const result = await cozy(["banks", "import", OFX, CAMT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("same-month-april.ofx (OFX): 0 new, 8 already known");
    expect(result.stdout).toContain("same-month-april.camt053.xml (CAMT053): 0 new, 8 already known, 1 skipped");
    expect((await api.call("GET", "/transactions")).body.transactions).toHaveLength(9);
  }, SLOW);

  test("a broken file is refused with exit code 3, where and why, and nothing is written", async () => {
    const broken = join(dataDir, "broken.ofx");
    await Bun.write(broken, (await Bun.file(OFX).text()).replace("<TRNAMT>-42.99", "<TRNAMT>forty-two"));
    const result = await cozy(["banks", "import", broken]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("cozy banks import");
    expect(result.stderr).toContain("line 43, TRNAMT: \"forty-two\" is not a decimal amount");
    expect((await api.call("GET", "/transactions")).body.transactions).toHaveLength(9);
  }, SLOW);

  test("usage errors exit with 2", async () => {
    expect((await cozy(["banks", "import"])).code).toBe(2);
    expect((await cozy(["banks", "import", "/nonexistent.ofx"])).code).toBe(2);
    expect((await cozy(["banks", "import", OFX, "--account", "abc"])).code).toBe(2);
    expect((await cozy(["banks", "export"])).code).toBe(2);
    expect((await cozy(["banks", "launch"])).code).toBe(2);
  }, SLOW);
});

describe("cozy banks export", () => {
  test("--format ofx writes an OFX statement that reads back with the same ids and amounts", async () => {
    const result = await cozy(["banks", "export", "--format", "ofx"]);
    expect(result.code).toBe(0);
    const parsed = parseStatement(new TextEncoder().encode(result.stdout), "export.ofx");
    const transactions = parsed.accounts.flatMap((account) => account.transactions);
    expect(transactions).toHaveLength(9);
    expect(transactions.map((tx) => tx.importId)).toContain("24093000001");
    expect(transactions.reduce((sum, tx) => sum + tx.amountMinor, 0)).toBe(291072 - 100000);
    expect(parsed.accounts[0]!.balances[0]).toMatchObject({ kind: "closing", amountMinor: 291072, date: "2024-04-30" });
  }, SLOW);

  test("--format csv writes the header and one line per transaction", async () => {
    const result = await cozy(["banks", "export", "--format", "csv"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("Date,Value date,Label,Amount,Currency,Memo,Balance,Account");
    expect(lines).toHaveLength(10);
    expect(lines).toContain("2024-04-02,,PRLV SEPA ENGIE,-42.99,EUR,Facture avril,957.01,Account …5678");
  }, SLOW);
});
