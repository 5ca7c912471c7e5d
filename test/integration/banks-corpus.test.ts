// Every statement we have (our fixtures and the shared corpus) through the
// API: it imports, and importing it again adds nothing. Files meant to be
// wrong are refused with where and why, and leave nothing behind.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CORPUS, FIXTURES, startBanks, type BanksBox } from "./banks-fixtures";

const SLOW = 120_000;
const HOSTILE = new Set(["camt053-xxe.xml", "camt053-billion-laughs.xml"]);
let box: BanksBox;
let people = 0;

const files = (folder: string, pattern: RegExp) => (existsSync(folder) ? readdirSync(folder).filter((name) => pattern.test(name)).sort() : []);

const readable = [
  ...files(FIXTURES, /\.(ofx|qfx|qif|xml|csv)$/).filter((name) => !HOSTILE.has(name)).map((name) => join(FIXTURES, name)),
  ...files(join(CORPUS, "ofx"), /\.ofx$/).map((name) => join(CORPUS, "ofx", name)),
  ...files(join(CORPUS, "camt053"), /\.xml$/).filter((name) => !name.includes("wrong")).map((name) => join(CORPUS, "camt053", name)),
];
const broken = [
  ...files(join(CORPUS, "ofx/fail_nice"), /\.ofx$/).map((name) => join(CORPUS, "ofx/fail_nice", name)),
  ...files(join(CORPUS, "camt053"), /wrong\.xml$/).map((name) => join(CORPUS, "camt053", name)),
];

beforeAll(async () => {
  box = await startBanks();
}, SLOW);
afterAll(() => box.appliance.dispose());

describe("every readable statement", () => {
  test("the corpus is there", () => {
    expect(readable.length).toBeGreaterThan(25);
    expect(broken.length).toBeGreaterThanOrEqual(4);
  });

  for (const path of readable) {
    test(`${path.slice(path.lastIndexOf("/banks/") + 7)}: imports, and again adds nothing`, async () => {
      // A person each: sample files of different banks share account numbers.
      const client = await box.person(`reader${++people}`);
      const bytes = await Bun.file(path).bytes();
      const name = path.slice(path.lastIndexOf("/") + 1);
      const { preview, commit } = await client.importFile(bytes, name);
      const parsedCount = preview.accounts.reduce((sum: number, account: { statement: { transactions: number } }) => sum + account.statement.transactions, 0);
      expect(commit.new).toBe(preview.totals.new);
      expect(commit.new + commit.known + commit.skipped).toBe(parsedCount);
      const listed = await client.call("GET", "/transactions?limit=500");
      expect(listed.body.transactions.length).toBe(Math.min(commit.new, 500));

      const again = await client.upload(bytes, name);
      expect(again.status).toBe(201);
      const choices = commit.accounts.map(({ index, accountId }: { index: number; accountId: number }) => ({ index, accountId }));
      const revised = await client.call("PATCH", `/imports/${again.body.id}`, { accounts: choices });
      expect(revised.status).toBe(200);
      expect(revised.body.totals.new).toBe(0);
      const second = await client.call("POST", `/imports/${again.body.id}/commit`);
      expect(second.body.new).toBe(0);
      expect((await client.call("GET", "/transactions?limit=500")).body.transactions.length).toBe(listed.body.transactions.length);
    }, SLOW);
  }
});

describe("statements meant to be wrong", () => {
  for (const path of broken) {
    test(`${path.slice(path.lastIndexOf("/banks/") + 7)}: 422 with where and why, nothing written`, async () => {
      const before = { imports: await box.count("bank_imports"), transactions: await box.count("bank_transactions"), accounts: await box.count("bank_accounts") };
      const answer = await box.owner.upload(await Bun.file(path).bytes(), path.slice(path.lastIndexOf("/") + 1));
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe("statement_invalid");
      expect(answer.body.error.where).toBeString();
      expect(answer.body.error.reason).toBeString();
      expect({ imports: await box.count("bank_imports"), transactions: await box.count("bank_transactions"), accounts: await box.count("bank_accounts") }).toEqual(before);
      expect(readdirSync(join(box.appliance.dataDir, "banks/imports"))).toEqual([]);
    }, SLOW);
  }
});
