// The Banks page's figures from real imports: balance over time anchored on
// the banks' closing balances (a missing month does not shift the rest),
// accounts without statements as running sums, totals per currency, spending
// per month and category (uncategorized included, credits left out), the
// list's length for a set of filters, and bad requests.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeOfx, startBanks, type BanksBox, type BanksClient, type OfxLine } from "./banks-fixtures";

let box: BanksBox;
let client: BanksClient;
let checking: number;
let savings: number;
let dollars: number;
let groceries: number;

const SLOW = 60_000;

function lines(prefix: string, month: string, amounts: number[], label = "CB CARREFOUR"): OfxLine[] {
  return amounts.map((amountMinor, i) => ({ date: `${month}-${String(i * 2 + 2).padStart(2, "0")}`, amountMinor, name: amountMinor > 0 ? "VIR SALAIRE" : label, fitid: `${prefix}${month}-${i}` }));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const JANUARY = [300_000, -4_500, -12_000, -800];
const MARCH = [300_000, -20_000, -1_500];

beforeAll(async () => {
  box = await startBanks();
  client = box.owner;
  // Checking: January with a closing balance, no February statement, March with its own closing balance.
  const january = await client.importFile(makeOfx("111", lines("C", "2024-01", JANUARY), { date: "2024-01-31", amountMinor: 500_000 }), "jan.ofx");
  checking = january.commit.accounts[0].accountId;
  await client.importFile(makeOfx("111", lines("C", "2024-03", MARCH), { date: "2024-03-31", amountMinor: 900_000 }), "mar.ofx");
  // Savings: no statement balance at all, so its balance is the running sum.
  savings = (await client.importFile(makeOfx("222", lines("S", "2024-02", [10_000, 5_000]), undefined), "sav.ofx")).commit.accounts[0].accountId;
  const usd = makeOfx("333", lines("U", "2024-03", [-2_500, 70_000], "AMAZON"), { date: "2024-03-31", amountMinor: 100_000 }).replace("<CURDEF>EUR", "<CURDEF>USD");
  dollars = (await client.importFile(usd, "usd.ofx")).commit.accounts[0].accountId;
  const created = await box.appliance.database.client.execute({ sql: "insert into bank_categories (user_id, name, created_at) values ((select id from users limit 1), 'Groceries (mine)', 0) returning id", args: [] });
  groceries = Number(created.rows[0]!.id);
}, SLOW);

afterAll(async () => {
  await box?.appliance.stop();
});

describe("balance over time", () => {
  test("month ends carry the bank's closing balances, and the gap month before March is taken from March's", async () => {
    const { status, body } = await client.call("GET", `/stats/balances?account=${checking}&from=2024-01-01&to=2024-04-15&step=month`);
    expect(status).toBe(200);
    expect(body.dates).toEqual(["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-15"]);
    const [series] = body.accounts;
    expect(series).toMatchObject({ id: checking, currency: "EUR", source: "statement" });
    // January's figure is the bank's; February is March's closing minus March's movements (January's anchor is older than March's gap).
    expect(series.values).toEqual([500_000, 500_000, 900_000, 900_000]);
  });

  test("days before the first statement are counted back from it; before the first transaction there is nothing", async () => {
    const { body } = await client.call("GET", `/stats/balances?account=${checking}&from=2023-12-30&to=2024-01-05&step=day`);
    expect(body.dates[0]).toBe("2023-12-30");
    const values: Array<number | null> = body.accounts[0].values;
    // The first line is on 2 January: 500 000 at the end of January minus all of January's movements, then plus the salary.
    const opening = 500_000 - sum(JANUARY);
    expect(values.slice(0, 3)).toEqual([null, null, null]);
    expect(values[3]).toBe(opening + JANUARY[0]!);
    expect(values.at(-1)).toBe(opening + JANUARY[0]! + JANUARY[1]!);
  });

  test("the last point is the balance the accounts list shows", async () => {
    const accounts = await client.call("GET", "/accounts");
    const { body } = await client.call("GET", "/stats/balances?to=2024-12-31");
    for (const account of accounts.body.accounts) {
      const series = body.accounts.find((s: { id: number }) => s.id === account.id);
      expect(series.values.at(-1)).toBe(account.balance.amountMinor);
    }
  });

  test("an account without statement balances is the running sum of its transactions", async () => {
    const { body } = await client.call("GET", `/stats/balances?account=${savings}&from=2024-01-01&to=2024-03-31&step=month`);
    expect(body.accounts[0].source).toBe("computed");
    expect(body.accounts[0].values).toEqual([null, 15_000, 15_000]);
  });

  test("totals add accounts of the same currency and keep other currencies apart", async () => {
    const { body } = await client.call("GET", "/stats/balances?from=2024-01-01&to=2024-03-31&step=month");
    expect(body.accounts.map((a: { id: number }) => a.id)).toEqual([checking, savings, dollars]);
    const eur = body.totals.find((x: { currency: string }) => x.currency === "EUR");
    const usd = body.totals.find((x: { currency: string }) => x.currency === "USD");
    expect(eur.values).toEqual([500_000, 515_000, 915_000]);
    expect(usd.values).toEqual([null, null, 100_000]);
  });

  test("by default: from the first day anything is known, in steps that fit the range", async () => {
    const { body } = await client.call("GET", "/stats/balances?to=2024-03-31");
    expect(body.step).toBe("day");
    expect(body.dates[0]).toBe("2024-01-02");
    expect(body.dates.at(-1)).toBe("2024-03-31");
    const long = await client.call("GET", "/stats/balances?to=2026-03-31");
    expect(long.body.step).toBe("month");
    expect(long.body.dates[0]).toBe("2024-01-31");
  });
});

describe("spending per month and category", () => {
  test("debits only, per month, uncategorized as null, until the newest transaction's month", async () => {
    const { body } = await client.call("GET", "/stats/spending?months=3");
    expect(body.months).toEqual(["2024-01", "2024-02", "2024-03"]);
    const row = (month: string, currency: string) => body.spending.find((r: { month: string; currency: string }) => r.month === month && r.currency === currency);
    expect(row("2024-01", "EUR")).toEqual({ month: "2024-01", categoryId: null, currency: "EUR", amountMinor: 17_300, count: 3 });
    expect(row("2024-02", "EUR")).toBeUndefined();
    expect(row("2024-03", "EUR").amountMinor).toBe(21_500);
    expect(row("2024-03", "USD").amountMinor).toBe(2_500);
  });

  test("a categorized debit moves to its category", async () => {
    const march = await client.call("GET", `/transactions?account=${checking}&from=2024-03-01&to=2024-03-31&maxAmount=-10000`);
    expect(march.body.transactions).toHaveLength(1);
    const patched = await client.call("PATCH", `/transactions/${march.body.transactions[0].id}`, { categoryId: groceries });
    expect(patched.status).toBe(200);
    const { body } = await client.call("GET", `/stats/spending?months=1&to=2024-03&account=${checking}`);
    expect(body.months).toEqual(["2024-03"]);
    expect(body.spending).toEqual([
      { month: "2024-03", categoryId: null, currency: "EUR", amountMinor: 1_500, count: 1 },
      { month: "2024-03", categoryId: groceries, currency: "EUR", amountMinor: 20_000, count: 1 },
    ].sort((a, b) => (a.categoryId ?? 0) - (b.categoryId ?? 0)));
  });
});

describe("the list's length", () => {
  test("counts what the list shows for the same filters", async () => {
    for (const query of ["", `?account=${checking}`, "?q=carrefour", "?category=none", `?category=${groceries}`, "?from=2024-02-01&maxAmount=0"]) {
      const count = await client.call("GET", `/stats/count${query}`);
      const list = await client.call("GET", `/transactions${query}${query ? "&" : "?"}limit=500`);
      expect(count.body.count).toBe(list.body.transactions.length);
    }
    expect((await client.call("GET", "/stats/count")).body.count).toBe(JANUARY.length + MARCH.length + 4);
  });
});

describe("bad requests", () => {
  test("refused with a clear reason", async () => {
    const cases: Array<[string, number, string]> = [
      ["/stats/balances?from=2024-05-01&to=2024-01-01", 400, "bad_range"],
      ["/stats/balances?from=2000-01-01&to=2024-01-01&step=day", 400, "too_many_points"],
      ["/stats/balances?step=hour", 422, "validation_failed"],
      ["/stats/balances?from=yesterday", 422, "validation_failed"],
      ["/stats/balances?account=999999", 404, "not_found"],
      ["/stats/spending?months=0", 422, "validation_failed"],
      ["/stats/spending?months=121", 422, "validation_failed"],
      ["/stats/spending?to=2024-13", 422, "validation_failed"],
      ["/stats/spending?account=999999", 404, "not_found"],
      ["/stats/count?q=", 422, "validation_failed"],
      [`/stats/count?q=${"x".repeat(201)}`, 422, "validation_failed"],
    ];
    for (const [route, status, code] of cases) {
      const answer = await client.call("GET", route);
      expect({ route, status: answer.status, code: answer.body?.error?.code }).toEqual({ route, status, code });
      expect(answer.body.error.message.length).toBeGreaterThan(10);
    }
  });

  test("another person sees none of it, and nobody signed out does", async () => {
    const other = await box.person("Camille");
    expect((await other.call("GET", `/stats/balances?account=${checking}`)).status).toBe(404);
    const mine = await other.call("GET", "/stats/balances?to=2024-03-31");
    expect(mine.body).toMatchObject({ accounts: [], totals: [] });
    expect((await other.call("GET", "/stats/spending")).body.spending).toEqual([]);
    expect((await other.call("GET", "/stats/count")).body.count).toBe(0);
    const anonymous = await fetch(`${box.appliance.base}/api/banks/stats/spending`);
    expect(anonymous.status).toBe(401);
  });
});

describe("balances shown again", () => {
  test("a statement imported since the last look is in the next answer", async () => {
    const dominique = await box.person("Dominique");
    await dominique.importFile(makeOfx("444", lines("D", "2024-05", [10_000])), "may.ofx");
    const route = "/stats/balances?from=2024-05-01&to=2024-06-30&step=month";
    expect((await dominique.call("GET", route)).body.totals[0].values).toEqual([10_000, 10_000]);
    expect((await dominique.call("GET", route)).body.totals[0].values).toEqual([10_000, 10_000]);
    await dominique.importFile(makeOfx("444", lines("D", "2024-06", [-2_500])), "june.ofx");
    expect((await dominique.call("GET", route)).body.totals[0].values).toEqual([10_000, 7_500]);
  });
});
