// The transactions list as a person browses it (filters, pages that stay
// right while statements arrive), notes, accounts' balances, exports that
// read back, and a French CSV whose confirmed mapping is remembered.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { detectCsv, parseStatement } from "../../appliance/src/banks/parsers";
import { makeOfx, startBanks, type BanksBox, type BanksClient, type OfxLine } from "./banks-fixtures";

const SLOW = 60_000;
let box: BanksBox;
let client: BanksClient;
let accountA: number;
let accountB: number;

interface Row {
  id: number;
  accountId: number;
  bookingDate: string;
  amountMinor: number;
  label: string;
  note: string | null;
  categoryId: number | null;
  balanceAfterMinor: number | null;
}

function day(offset: number): string {
  return new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** 250 lines, three a day, with labels that hold LIKE's wildcards. */
function historyA(): OfxLine[] {
  return Array.from({ length: 250 }, (_, i) => ({
    date: day(Math.floor(i / 3)),
    amountMinor: i % 10 === 0 ? 250_000 : -((i * 7) % 5000) - 100,
    name: i % 25 === 0 ? "VIR LOYER 50% OFF" : i % 10 === 0 ? "VIR SALAIRE" : `CB SHOP_${i % 13}`,
    fitid: `A${i}`,
  }));
}

async function allPages(route: string, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { transactions: Row[]; nextCursor: string | null } } = await client.call("GET", `${route}${route.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    rows.push(...page.body.transactions);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}

function newestFirst(rows: Row[]): boolean {
  return rows.every((row, i) => i === 0 || rows[i - 1]!.bookingDate > row.bookingDate || (rows[i - 1]!.bookingDate === row.bookingDate && rows[i - 1]!.id > row.id));
}

beforeAll(async () => {
  box = await startBanks();
  client = box.owner;
  const a = await client.importFile(makeOfx("11111111111", historyA(), { date: day(83), amountMinor: 1_000_000 }), "a.ofx");
  accountA = a.commit.accounts[0].accountId;
  const linesB = Array.from({ length: 20 }, (_, i) => ({ date: day(i * 4), amountMinor: -1000 - i, name: `CB MARKET ${i}`, fitid: `B${i}` }));
  accountB = (await client.importFile(makeOfx("22222222222", linesB), "b.ofx")).commit.accounts[0].accountId;
}, SLOW);
afterAll(() => box.appliance.dispose());

describe("the transactions list", () => {
  test("pages through everything, newest first then by id, each row once", async () => {
    const rows = await allPages("/transactions", 40);
    expect(rows).toHaveLength(270);
    expect(new Set(rows.map((row) => row.id)).size).toBe(270);
    expect(newestFirst(rows)).toBe(true);
  }, SLOW);

  test("pages stay right when a statement arrives between two pages", async () => {
    const first = await client.call("GET", "/transactions?account=" + accountA + "&limit=50");
    const seen: Row[] = first.body.transactions;
    const boundary = seen.at(-1)!.bookingDate;
    const more = [
      { date: day(200), amountMinor: -500, name: "CB NEWER", fitid: "N1" },
      { date: boundary, amountMinor: -501, name: "CB SAME DAY", fitid: "N2" },
      { date: day(0), amountMinor: -502, name: "CB OLDER", fitid: "N3" },
    ];
    await client.importFile(makeOfx("11111111111", more), "more.ofx");
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page: { body: { transactions: Row[]; nextCursor: string | null } } = await client.call("GET", `/transactions?account=${accountA}&limit=50&cursor=${cursor}`);
      seen.push(...page.body.transactions);
      cursor = page.body.nextCursor;
    }
    expect(new Set(seen.map((row) => row.id)).size).toBe(seen.length);
    const labels = seen.map((row) => row.label);
    // Rows above the cursor (newer) are for the next refresh; the older one shows up in its place.
    expect(labels).toContain("CB OLDER");
    expect(labels).not.toContain("CB NEWER");
    expect(seen.filter((row) => row.label !== "CB OLDER" && row.label !== "CB SAME DAY")).toHaveLength(250);
    expect(newestFirst(seen)).toBe(true);
  }, SLOW);

  test("filters by account, dates, amounts and text (wildcards are plain characters)", async () => {
    const b = await allPages(`/transactions?account=${accountB}`, 100);
    expect(b).toHaveLength(20);
    expect(b.every((row) => row.accountId === accountB)).toBe(true);
    const january = await allPages("/transactions?from=2024-01-10&to=2024-01-19", 100);
    expect(january.length).toBeGreaterThan(0);
    expect(january.every((row) => row.bookingDate >= "2024-01-10" && row.bookingDate <= "2024-01-19")).toBe(true);
    const big = await allPages("/transactions?minAmount=100000", 100);
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((row) => row.amountMinor >= 100_000)).toBe(true);
    const small = await allPages(`/transactions?account=${accountB}&minAmount=-1005&maxAmount=-1000`, 100);
    expect(small.map((row) => row.amountMinor).sort((x, y) => x - y)).toEqual([-1005, -1004, -1003, -1002, -1001, -1000]);
    const percent = await allPages("/transactions?q=50%25", 100);
    expect(percent.length).toBe(10);
    expect(percent.every((row) => row.label === "VIR LOYER 50% OFF")).toBe(true);
    const underscore = await allPages("/transactions?q=SHOP_1", 100);
    expect(underscore.every((row) => row.label.includes("SHOP_1"))).toBe(true);
    expect((await allPages("/transactions?q=salaire", 100)).length).toBeGreaterThan(0);
  }, SLOW);

  test("a note and a category are kept, found, and filtered on", async () => {
    const [row] = (await client.call("GET", `/transactions?account=${accountB}&limit=1`)).body.transactions;
    const patched = await client.call("PATCH", `/transactions/${row.id}`, { note: "birthday present for Léa", categoryId: 7 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ note: "birthday present for Léa", categoryId: 7, categorySource: "manual", categoryReason: '{"source":"manual"}' });
    expect((await allPages("/transactions?q=L%C3%A9a", 100)).map((r) => r.id)).toEqual([row.id]);
    expect((await allPages("/transactions?category=7", 100)).map((r) => r.id)).toEqual([row.id]);
    expect((await allPages("/transactions?category=none", 100)).map((r) => r.id)).not.toContain(row.id);
    const cleared = await client.call("PATCH", `/transactions/${row.id}`, { note: null, categoryId: null });
    expect(cleared.body).toMatchObject({ note: null, categoryId: null, categorySource: null, categoryReason: null });
  }, SLOW);
});

describe("accounts", () => {
  test("balances: from the bank's statement where there is one, else computed; a total per currency", async () => {
    const { body } = await client.call("GET", "/accounts");
    const a = body.accounts.find((account: { id: number }) => account.id === accountA);
    const b = body.accounts.find((account: { id: number }) => account.id === accountB);
    // 1,000,000 on day 83, then the rows added after it (-500 on day 200).
    expect(a.balance).toEqual({ amountMinor: 1_000_000 - 500, currency: "EUR", date: day(200), source: "statement" });
    const sumB = Array.from({ length: 20 }, (_, i) => -1000 - i).reduce((x, y) => x + y, 0);
    expect(b.balance).toEqual({ amountMinor: sumB, currency: "EUR", date: day(76), source: "computed" });
    expect(body.totals).toEqual([{ currency: "EUR", amountMinor: 1_000_000 - 500 + sumB }]);
  }, SLOW);
});

describe("exports", () => {
  test("CSV reads back through the CSV importer with the same dates, amounts and labels", async () => {
    const response = await fetch(`${box.appliance.base}/api/banks/export?format=csv&account=${accountB}`, { headers: { cookie: client.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const detection = detectCsv(bytes);
    const columns = detection.columns.map(({ index, role }) => ({ index, role }));
    const parsed = parseStatement(bytes, "export.csv", { csvMapping: { ...detection, columns } });
    const back = parsed.accounts[0]!.transactions.map((tx) => `${tx.bookingDate} ${tx.amountMinor} ${tx.label}`).sort();
    const stored = (await allPages(`/transactions?account=${accountB}`, 100)).map((row) => `${row.bookingDate} ${row.amountMinor} ${row.label}`).sort();
    expect(back).toEqual(stored);
  }, SLOW);

  test("OFX of an account, imported again into it, adds nothing", async () => {
    const response = await fetch(`${box.appliance.base}/api/banks/export?format=ofx&account=${accountA}`, { headers: { cookie: client.cookie } });
    const text = await response.text();
    const preview = await client.upload(text, "export.ofx");
    expect(preview.status).toBe(201);
    const revised = await client.call("PATCH", `/imports/${preview.body.id}`, { accounts: [{ index: 0, accountId: accountA }] });
    expect(revised.body.totals).toMatchObject({ new: 0, known: 253 });
  }, SLOW);
});

describe("a French CSV export (Windows-1252, semicolons, decimal commas, dd/mm/yyyy)", () => {
  const csv = Buffer.from(
    "Date;Libellé;Montant;Solde\r\n05/03/2024;CB BOULANGERIE ÉCLAIR;-3,20;1 234,56\r\n06/03/2024;VIR SALAIRE;2 100,00;3 334,56\r\n13/03/2024;PRLV EDF;-61,10;3 273,46\r\n",
    "latin1",
  );

  test("is detected, imported, and its confirmed mapping is remembered for the account", async () => {
    const person = await box.person("Hélène");
    const preview = await person.upload(csv, "releve.csv");
    expect(preview.status).toBe(201);
    expect(preview.body.csv.detection).toMatchObject({ encoding: "windows-1252", delimiter: ";", decimalSeparator: ",", dateOrder: "dmy", hasHeader: true });
    expect(preview.body.accounts[0]).toMatchObject({ match: "new", newAccountName: "releve" });
    expect(preview.body.totals.new).toBe(3);
    // The person corrects the proposal: the balance column is not to be read.
    const mapping = { ...preview.body.csv.mapping, columns: preview.body.csv.mapping.columns.filter((c: { role: string }) => c.role !== "balance") };
    const revised = await person.call("PATCH", `/imports/${preview.body.id}`, { mapping, accounts: [{ index: 0, name: "Compte courant" }] });
    expect(revised.status).toBe(200);
    expect(revised.body.csv.mapping.columns.map((c: { role: string }) => c.role)).not.toContain("balance");
    const commit = await person.call("POST", `/imports/${preview.body.id}/commit`);
    expect(commit.body.new).toBe(3);
    const accountId = commit.body.accounts[0].accountId;
    const accounts = (await person.call("GET", "/accounts")).body.accounts;
    expect(accounts[0]).toMatchObject({ name: "Compte courant", hasCsvMapping: true, balance: { amountMinor: -320 + 210000 - 6110 } });
    expect((await person.call("GET", "/transactions")).body.transactions.map((tx: { label: string }) => tx.label)).toContain("CB BOULANGERIE ÉCLAIR");

    // Next month's download to that account: the remembered mapping, nothing twice.
    const again = await person.upload(csv, "releve-2.csv", { account: accountId });
    expect(again.body.csv.mapping.columns).toEqual(mapping.columns);
    expect(again.body.totals).toMatchObject({ new: 0, known: 3 });
    // Without saying which account, a CSV asks.
    expect((await person.upload(csv, "releve-3.csv")).body.accounts[0].match).toBe("pick");
  }, SLOW);
});
