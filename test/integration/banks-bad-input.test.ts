// Hostile and broken input to the Banks API: each is refused with the right
// status and a clear error, and leaves no row and no file behind.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeClock, HOUR } from "../helpers/fake-clock";
import { fixture, startBanks, type BanksBox } from "./banks-fixtures";

const SLOW = 60_000;
const LIMIT = 64 * 1024;
let box: BanksBox;

beforeAll(async () => {
  box = await startBanks({ maxImportBytes: LIMIT });
}, SLOW);
afterAll(() => box.appliance.dispose());

async function nothingWritten(work: () => Promise<void>): Promise<void> {
  const tables = ["bank_imports", "bank_transactions", "bank_accounts", "bank_balances"];
  const before = await Promise.all(tables.map((table) => box.count(table)));
  await work();
  expect(await Promise.all(tables.map((table) => box.count(table)))).toEqual(before);
  expect(readdirSync(join(box.appliance.dataDir, "tmp")).filter((name) => name.startsWith("bank-"))).toEqual([]);
}

/** An OFX file of about `bytes` bytes (a valid one, only long). */
async function longOfx(bytes: number): Promise<string> {
  const ofx = new TextDecoder().decode(await fixture("same-month-april.ofx"));
  return ofx.replace("<BANKTRANLIST>", `<BANKTRANLIST>\n${" ".repeat(bytes)}`);
}

describe("statements that are refused", () => {
  test("over the size limit, declared: 413 with the size, before reading it", async () => {
    await nothingWritten(async () => {
      const answer = await box.owner.upload(await longOfx(LIMIT + 10), "big.ofx");
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe("statement_too_large");
      expect(answer.body.error.message).toContain(`over the limit of ${LIMIT} bytes`);
    });
  }, SLOW);

  test("over the size limit, streamed without a length: 413", async () => {
    await nothingWritten(async () => {
      const big = new TextEncoder().encode(await longOfx(LIMIT + 10));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < big.length; at += 8192) controller.enqueue(big.slice(at, at + 8192));
          controller.close();
        },
      });
      const response = await fetch(`${box.appliance.base}/api/banks/imports?name=big.ofx`, { method: "POST", headers: { cookie: box.owner.cookie }, body });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    });
  }, SLOW);

  const refusals: [string, () => Promise<Uint8Array | string>, string, RegExp][] = [
    ["an XXE CAMT", () => fixture("camt053-xxe.xml"), "xxe.xml", /DOCTYPE|ENTITY/],
    ["an entity bomb", () => fixture("camt053-billion-laughs.xml"), "bomb.xml", /DOCTYPE|ENTITY/],
    ["binary garbage named .ofx", async () => crypto.getRandomValues(new Uint8Array(4096)), "garbage.ofx", /binary data/],
    ["an empty body", async () => "", "empty.ofx", /empty/],
    ["a truncated OFX", async () => (await fixture("same-month-april.ofx")).slice(0, 1200), "cut.ofx", /./],
  ];
  for (const [what, bytes, name, reason] of refusals) {
    test(`${what}: 422 with where and why`, async () => {
      await nothingWritten(async () => {
        const answer = await box.owner.upload(await bytes(), name);
        expect(answer.status).toBe(422);
        expect(answer.body.error.code).toBe("statement_invalid");
        expect(answer.body.error.where).toBeString();
        expect(answer.body.error.reason).toMatch(reason);
      });
    }, SLOW);
  }

  test("without signing in: 401", async () => {
    const response = await fetch(`${box.appliance.base}/api/banks/imports?name=a.ofx`, { method: "POST", body: (await fixture("same-month-april.ofx")) as BodyInit });
    expect(response.status).toBe(401);
  });
});

describe("imports are each person's own", () => {
  test("another person's import, account and transactions are 404 to them", async () => {
    const mine = await box.owner.upload(await fixture("same-month-april.ofx"), "april.ofx");
    const mallory = await box.person("Mallory");
    for (const [method, route, body] of [
      ["GET", `/imports/${mine.body.id}`, undefined],
      ["PATCH", `/imports/${mine.body.id}`, { include: [] }],
      ["POST", `/imports/${mine.body.id}/commit`, undefined],
      ["DELETE", `/imports/${mine.body.id}`, undefined],
    ] as const) {
      const answer = await mallory.call(method, route, body);
      expect(answer.status).toBe(404);
    }
    const committed = await box.owner.call("POST", `/imports/${mine.body.id}/commit`);
    expect(committed.status).toBe(200);
    const accountId = committed.body.accounts[0].accountId;
    const [tx] = (await box.owner.call("GET", "/transactions?limit=1")).body.transactions;
    expect((await mallory.call("GET", "/accounts")).body).toEqual({ accounts: [], totals: [] });
    expect((await mallory.call("GET", "/transactions")).body.transactions).toEqual([]);
    expect((await mallory.call("GET", `/transactions?account=${accountId}`)).status).toBe(404);
    expect((await mallory.call("PATCH", `/transactions/${tx.id}`, { note: "mine" })).status).toBe(404);
    expect((await mallory.call("GET", `/export?format=csv&account=${accountId}`)).status).toBe(404);
    // Choosing someone else's account as the destination is refused too.
    const theirs = await mallory.upload(await fixture("same-month-april.ofx"), "april.ofx");
    const steal = await mallory.call("PATCH", `/imports/${theirs.body.id}`, { accounts: [{ index: 0, accountId }] });
    expect(steal.status).toBe(422);
  }, SLOW);
});

describe("previews", () => {
  test("a QIF with no account chosen cannot be committed while the person has accounts (422)", async () => {
    const client = await box.person("Quentin");
    await client.importFile(await fixture("same-month-april.ofx"), "april.ofx");
    const preview = await client.upload(await fixture("european-dd-mm-yyyy.qif"), "export.qif");
    expect(preview.body.accounts[0].match).toBe("pick");
    const commit = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.status).toBe(422);
    expect(commit.body.error.message).toContain("Choose the account");
    const named = await client.call("POST", `/imports/${preview.body.id}/commit`, { accounts: [{ index: 0, name: "Cash" }] });
    expect(named.status).toBe(200);
    expect((await client.call("GET", "/accounts")).body.accounts.map((a: { name: string }) => a.name)).toContain("Cash");
  }, SLOW);

  test("a cancelled preview cannot be committed (409) and its file is gone", async () => {
    const kept = () => readdirSync(join(box.appliance.dataDir, "banks/imports")).length;
    const before = kept();
    const preview = await box.owner.upload(await fixture("same-month-april.ofx"), "april.ofx");
    expect(kept()).toBe(before + 1);
    expect((await box.owner.call("DELETE", `/imports/${preview.body.id}`)).status).toBe(204);
    expect(kept()).toBe(before);
    const commit = await box.owner.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.status).toBe(409);
    expect(commit.body.error.code).toBe("import_cancelled");
  }, SLOW);

  test("bad revisions and queries are 422 with the field", async () => {
    const preview = await box.owner.upload(await fixture("same-month-april.ofx"), "april.ofx");
    expect((await box.owner.call("PATCH", `/imports/${preview.body.id}`, { surprise: 1 })).status).toBe(422);
    expect((await box.owner.call("PATCH", `/imports/${preview.body.id}`, { accounts: [{ index: 0, accountId: 999 }] })).status).toBe(422);
    expect((await box.owner.call("PATCH", `/imports/${preview.body.id}`, { accounts: [{ index: 1, name: "Nowhere" }] })).status).toBe(422);
    expect((await box.owner.call("GET", "/transactions?cursor=bm90LWEtY3Vyc29y")).status).toBe(422);
    expect((await box.owner.call("GET", "/transactions?limit=0")).status).toBe(422);
    expect((await box.owner.call("GET", "/transactions?from=yesterday")).status).toBe(422);
    expect((await box.owner.call("GET", "/export?format=xls")).status).toBe(422);
    expect((await box.owner.call("PATCH", "/transactions/1", { note: "x".repeat(1001) })).status).toBe(422);
    await box.owner.call("DELETE", `/imports/${preview.body.id}`);
  }, SLOW);
});

describe("stray statement files", () => {
  test("a kept file no import refers to (a crash between storing and recording) is removed once old", async () => {
    const folder = join(box.appliance.dataDir, "banks/imports");
    const stray = join(folder, "bank-stray");
    writeFileSync(stray, "left by a crash");
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stray, twoHoursAgo, twoHoursAgo);
    const fresh = join(folder, "bank-fresh");
    writeFileSync(fresh, "being imported right now");
    const preview = await box.owner.upload(await fixture("same-month-april.ofx"), "april.ofx");
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh);
    await box.owner.call("DELETE", `/imports/${preview.body.id}`);
  }, SLOW);
});

describe("expired previews", () => {
  test("are cleaned: the file goes, the preview says cancelled, a late commit is refused", async () => {
    const clock = new FakeClock();
    const other = await startBanks({ clock });
    try {
      const preview = await other.owner.upload(await fixture("same-month-april.ofx"), "april.ofx");
      clock.advance(25 * HOUR);
      const late = await other.owner.call("POST", `/imports/${preview.body.id}/commit`);
      expect(late.status).toBe(410);
      expect(late.body.error.code).toBe("import_expired");
      expect((await other.owner.call("GET", `/imports/${preview.body.id}`)).body.state).toBe("cancelled");
      expect(readdirSync(join(other.appliance.dataDir, "banks/imports"))).toEqual([]);
      expect(await other.count("bank_transactions")).toBe(0);
    } finally {
      await other.appliance.dispose();
    }
  }, SLOW);
});
