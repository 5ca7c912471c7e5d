// Importing statements over the API: a preview that writes nothing, a commit
// that writes everything at once, and no duplicates when the same file or
// the same month in another format comes again.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fixture, startBanks, type BanksBox, type BanksClient } from "./banks-fixtures";

const SLOW = 60_000;
let box: BanksBox;

beforeAll(async () => {
  box = await startBanks();
}, SLOW);
afterAll(() => box.appliance.dispose());

describe("the same month as OFX, then as CAMT.053", () => {
  let client: BanksClient;
  let accountId: number;

  beforeAll(async () => {
    client = await box.person("April");
  }, SLOW);

  test("the OFX preview proposes a new account and 8 new transactions, and writes none", async () => {
    const before = await box.count("bank_transactions");
    const preview = await client.upload(await fixture("same-month-april.ofx"), "april.ofx");
    expect(preview.status).toBe(201);
    expect(preview.body.state).toBe("preview");
    expect(preview.body.format).toBe("ofx");
    expect(preview.body.accounts).toHaveLength(1);
    const [account] = preview.body.accounts;
    expect(account.match).toBe("new");
    expect(account.newAccountName).toBe("Account …5678");
    expect(account.counts).toMatchObject({ new: 8, known: 0, skipped: 0 });
    expect(preview.body.totals).toEqual({ new: 8, known: 0, skipped: 0, unsure: 0 });
    expect(await box.count("bank_transactions")).toBe(before);
    expect(await box.count("bank_accounts")).toBe(0);
    const commit = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ new: 8, known: 0, skipped: 0 });
    accountId = commit.body.accounts[0].accountId;
    expect(await box.count("bank_transactions")).toBe(before + 8);
  }, SLOW);

  test("committing the same preview twice is refused (409) and writes nothing more", async () => {
    const preview = await client.upload(await fixture("same-month-april.ofx"), "april.ofx");
    const first = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(first.status).toBe(200);
    const rows = await box.count("bank_transactions");
    const second = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("import_committed");
    expect(await box.count("bank_transactions")).toBe(rows);
  }, SLOW);

  test("re-importing the OFX finds the account and adds nothing", async () => {
    const preview = await client.upload(await fixture("same-month-april.ofx"), "april-again.ofx");
    expect(preview.body.accounts[0]).toMatchObject({ match: "existing", account: { id: accountId } });
    expect(preview.body.accounts[0].counts).toMatchObject({ new: 0, known: 8, knownById: 8 });
    const commit = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.body).toMatchObject({ new: 0, known: 8 });
  }, SLOW);

  test("the CAMT of the same month matches the account by IBAN and adds only what the OFX lacked", async () => {
    const before = await box.count("bank_transactions");
    const preview = await client.upload(await fixture("same-month-april.camt053.xml"), "april.xml");
    expect(preview.status).toBe(201);
    const [account] = preview.body.accounts;
    expect(account).toMatchObject({ match: "existing", account: { id: accountId } });
    // 7 payments are the OFX's under other ids; the bakery is unsure (label half alike, 2 days apart); Netflix is new.
    expect(account.counts).toMatchObject({ new: 1, known: 7, knownByMatch: 7, unsure: 1, skipped: 1 });
    expect(account.unsure[0]).toMatchObject({ importId: "AcctSvcrRef:REF-A7", amountMinor: -2000, included: false, likely: { label: "CB BOULANGERIE PAUL" } });
    expect(account.skipped[0].reason).toContain("CB BOULANGERIE PAUL");
    const commit = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.body).toMatchObject({ new: 1, known: 7, skipped: 1 });
    expect(await box.count("bank_transactions")).toBe(before + 1);
  }, SLOW);

  test("the CAMT again adds nothing, and the account's balance is the bank's closing balance", async () => {
    const preview = await client.upload(await fixture("same-month-april.camt053.xml"), "april.xml");
    expect(preview.body.totals).toMatchObject({ new: 0, known: 8 });
    expect((await client.call("POST", `/imports/${preview.body.id}/commit`)).body.new).toBe(0);
    const accounts = await client.call("GET", "/accounts");
    expect(accounts.body.accounts).toHaveLength(1);
    expect(accounts.body.accounts[0]).toMatchObject({
      id: accountId,
      iban: "FR0630004001230001234567842",
      accountNumber: "00012345678",
      balance: { amountMinor: 291072, currency: "EUR", date: "2024-04-30", source: "statement" },
      transactionCount: 9,
    });
    expect(accounts.body.totals).toEqual([{ currency: "EUR", amountMinor: 291072 }]);
  }, SLOW);

  test("running balances follow from the closing balance", async () => {
    const list = await client.call("GET", `/transactions?account=${accountId}`);
    const rows = list.body.transactions as { bookingDate: string; label: string; balanceAfterMinor: number | null }[];
    expect(rows[0]).toMatchObject({ bookingDate: "2024-04-30", balanceAfterMinor: 291072 });
    expect(rows.at(-1)).toMatchObject({ label: "PRLV SEPA ENGIE", balanceAfterMinor: 100000 - 4299 });
  }, SLOW);

  test("an unsure transaction the person includes is imported", async () => {
    const preview = await client.upload(await fixture("same-month-april.camt053.xml"), "april.xml");
    const revised = await client.call("PATCH", `/imports/${preview.body.id}`, { include: ["AcctSvcrRef:REF-A7"] });
    expect(revised.status).toBe(200);
    expect(revised.body.accounts[0].counts).toMatchObject({ new: 1, unsure: 1, skipped: 0 });
    expect(revised.body.accounts[0].unsure[0].included).toBe(true);
    const commit = await client.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.body.new).toBe(1);
    const bakery = await client.call("GET", "/transactions?q=PAUL");
    expect(bakery.body.transactions.map((tx: { label: string }) => tx.label).sort()).toEqual(["CB BOULANGERIE PAUL", "PAUL SA 22/04"]);
  }, SLOW);
});

describe("the CAMT first, then the OFX", () => {
  test("the OFX finds the account created from the CAMT and adds nothing twice", async () => {
    const client = await box.person("Camille");
    const first = await client.importFile(await fixture("same-month-april.camt053.xml"), "april.xml");
    expect(first.commit.new).toBe(9);
    const preview = await client.upload(await fixture("same-month-april.ofx"), "april.ofx");
    expect(preview.body.accounts[0]).toMatchObject({ match: "existing", account: { id: first.commit.accounts[0].accountId } });
    expect(preview.body.accounts[0].counts).toMatchObject({ new: 0, known: 7, unsure: 1 });
  }, SLOW);
});
