// Bills beside the transactions that paid them, as a person sees it over
// HTTP: made in the background after bills and statements arrive, explained,
// health expenses with their reimbursement status, ties offered as
// suggestions, links made and removed by hand and never overridden.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startBanks, type BanksBox, type BanksClient } from "./banks-fixtures";
import {
  CPAM_BILL, createBills, ENGIE_BILL, FREE_BILL, HEALTH_EXPENSES, idOf, importLines, LATER, MARCH, MUTUELLE_BILL, settle, transactionIds,
} from "./banks-bills-helpers";

const SLOW = 60_000;
/** Built-in category ids (appliance/src/banks/categories/builtin.ts). */
const HEALTH_REIMBURSEMENTS = 161;
const SHOPPING = 8;
let box: BanksBox;
let owner: BanksClient;
let ownerId: number;
let ids: Map<string, number>;
const billIds: Record<string, number> = {};

async function linksOf(...transactionIds: number[]) {
  const answer = await owner.call("GET", `/links?transactionIds=${transactionIds.join(",")}`);
  expect(answer.status).toBe(200);
  return answer.body as { links: any[]; reimbursements: any[] };
}

beforeAll(async () => {
  box = await startBanks();
  owner = box.owner;
  ownerId = Number((await box.appliance.database.client.execute("select id from users where role = 'owner'")).rows[0]!.id);
  await importLines(owner, MARCH);
  ids = await transactionIds(owner);
  for (const [label, date] of [["CB DR DUPONT 05/03", "2024-03-05"], ["CB PHARMACIE DU CENTRE", "2024-03-18"]] as const) {
    const answer = await owner.call("PATCH", `/transactions/${idOf(ids, label, date)}`, { categoryId: HEALTH_EXPENSES });
    expect(answer.status).toBe(200);
  }
}, SLOW);

afterAll(async () => {
  await box?.appliance.dispose();
});

describe("bills and their transactions", () => {
  test("an energy bill appears beside the debit that paid it, with why", async () => {
    [billIds.engie] = await createBills(owner, [ENGIE_BILL]);
    await settle(box);
    const engie = idOf(ids, "PRLV SEPA ENGIE", "2024-03-13");
    const { links } = await linksOf(engie);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ billId: billIds.engie, transactionId: engie, role: "payment", state: "auto", amountMinor: 8450 });
    expect(JSON.parse(links[0].explanation)).toEqual({ amount: "same", days: 3, label: "ENGIE", group: null });
    expect(links[0].bill).toMatchObject({ vendor: "Engie", type: "energy", amountMinor: 8450, currency: "EUR", document: null });
    const jobs = await box.appliance.database.client.execute("select subject, state from jobs where kind = 'banks.link'");
    expect(jobs.rows.map((row) => [row.subject, row.state])).toContainEqual([`user:${ownerId}`, "done"]);
  }, SLOW);

  test("a health expense is partly reimbursed by the national insurer, then fully when the mutuelle's credit arrives", async () => {
    [billIds.cpam, billIds.mutuelle] = await createBills(owner, [CPAM_BILL, MUTUELLE_BILL]);
    await settle(box);
    const doctor = idOf(ids, "CB DR DUPONT 05/03", "2024-03-05");
    const cpamCredit = idOf(ids, "VIR CPAM PARIS REMBT SOINS", "2024-03-21");
    const pharmacy = idOf(ids, "CB PHARMACIE DU CENTRE", "2024-03-18");
    let answer = await linksOf(doctor, cpamCredit, pharmacy);
    const shown = (links: any[]) => links.map((link) => `${link.bill.vendor} ${link.role} ${link.transactionId} ${link.state}`).sort();
    expect(shown(answer.links)).toEqual([`CPAM Paris payment ${doctor} auto`, `CPAM Paris reimbursement ${cpamCredit} auto`, `Harmonie Mutuelle payment ${doctor} auto`]);
    const byTransaction = (rows: any[]) => [...rows].sort((a, b) => a.transactionId - b.transactionId);
    expect(byTransaction(answer.reimbursements)).toEqual(byTransaction([
      { transactionId: doctor, status: "partly", expectedMinor: 2500, receivedMinor: 1750, currency: "EUR" },
      { transactionId: pharmacy, status: "awaiting", expectedMinor: 1230, receivedMinor: 0, currency: "EUR" },
    ]));
    // The next statement brings the mutuelle's credit: linking follows the import.
    await importLines(owner, LATER);
    await settle(box);
    ids = await transactionIds(owner);
    const mutuelleCredit = idOf(ids, "VIR HARMONIE MUTUELLE PRESTATIONS", "2024-03-26");
    answer = await linksOf(doctor, mutuelleCredit);
    expect(answer.links.find((link: any) => link.transactionId === mutuelleCredit)).toMatchObject({ billId: billIds.mutuelle, role: "reimbursement", state: "auto", amountMinor: 750 });
    expect(answer.reimbursements).toEqual([{ transactionId: doctor, status: "reimbursed", expectedMinor: 2500, receivedMinor: 2500, currency: "EUR" }]);
  }, SLOW);

  test("the insurers' credits, once linked, are health reimbursements, and say why; a removed link takes its category back; a choice by hand stays", async () => {
    const rowOf = async (label: string) => {
      const answer = await owner.call("GET", `/transactions?limit=500&q=${encodeURIComponent(label)}`);
      return answer.body.transactions.find((row: any) => row.label === label);
    };
    const cpam = await rowOf("VIR CPAM PARIS REMBT SOINS");
    const mutuelle = await rowOf("VIR HARMONIE MUTUELLE PRESTATIONS");
    for (const [row, vendor] of [[cpam, "CPAM Paris"], [mutuelle, "Harmonie Mutuelle"]] as const) {
      expect(row).toMatchObject({ categoryId: HEALTH_REIMBURSEMENTS, categorySource: "link" });
      expect(JSON.parse(row.categoryReason)).toMatchObject({ source: "link", vendor });
    }
    // A rule for these labels does not change what the link says.
    const rule = await owner.call("POST", "/rules", { pattern: "MUTUELLE", categoryId: SHOPPING });
    expect(rule.status).toBe(201);
    expect((await rowOf("VIR HARMONIE MUTUELLE PRESTATIONS")).categorySource).toBe("link");
    // The person removes the mutuelle's link: its credit is no longer known as a reimbursement, and the rule decides.
    const [link] = (await linksOf(mutuelle.id)).links;
    expect((await owner.call("DELETE", `/links/${link.id}`)).status).toBe(204);
    expect(await rowOf("VIR HARMONIE MUTUELLE PRESTATIONS")).toMatchObject({ categoryId: SHOPPING, categorySource: "rule" });
    // A category chosen by hand is never changed by a link, even one the person makes again.
    expect((await owner.call("PATCH", `/transactions/${mutuelle.id}`, { categoryId: SHOPPING })).status).toBe(200);
    expect((await owner.call("POST", "/links", { billId: billIds.mutuelle, transactionId: mutuelle.id, role: "reimbursement" })).status).toBe(201);
    expect(await rowOf("VIR HARMONIE MUTUELLE PRESTATIONS")).toMatchObject({ categoryId: SHOPPING, categorySource: "manual" });
    expect((await owner.call("DELETE", `/rules/${rule.body.rule.id}`)).status).toBe(204);
  }, SLOW);

  test("two debits as good as each other are suggestions; accepting one makes it the person's link", async () => {
    [billIds.free] = await createBills(owner, [FREE_BILL]);
    await settle(box);
    const first = idOf(ids, "PRLV SEPA FREE MOBILE", "2024-03-28");
    const second = idOf(ids, "PRLV SEPA FREE MOBILE", "2024-04-01");
    let { links } = await linksOf(first, second);
    expect(links.map((link: any) => [link.transactionId, link.state]).sort()).toEqual([[first, "suggested"], [second, "suggested"]].sort());
    const accepted = await owner.call("POST", "/links", { billId: billIds.free, transactionId: first, role: "payment" });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ billId: billIds.free, transactionId: first, role: "payment", state: "manual", bill: { vendor: "Free Mobile" } });
    expect(JSON.parse(accepted.body.explanation)).toMatchObject({ amount: "same", days: -2 });
    ({ links } = await linksOf(first, second));
    expect(links.map((link: any) => [link.transactionId, link.state])).toEqual([[first, "manual"]]);
  }, SLOW);

  test("a removed link stays removed and a hand-made one stays, even when every bill is linked again", async () => {
    const engie = idOf(ids, "PRLV SEPA ENGIE", "2024-03-13");
    const [link] = (await linksOf(engie)).links;
    expect((await owner.call("DELETE", `/links/${link.id}`)).status).toBe(204);
    expect((await linksOf(engie)).links).toEqual([]);
    await box.appliance.banks.bills.service.link(ownerId, { full: true });
    expect((await linksOf(engie)).links).toEqual([]);
    const free = await owner.call("GET", `/bills/${billIds.free}`);
    expect(free.body.links.map((row: any) => row.state)).toEqual(["manual"]);
    const bill = await owner.call("GET", `/bills/${billIds.engie}`);
    expect(bill.body.links).toEqual([]);
  }, SLOW);

  test("a run with nothing new looks at nothing", async () => {
    await settle(box);
    expect(await box.appliance.banks.bills.service.link(ownerId)).toEqual({ bills: 0, transactions: 0, made: 0, suggested: 0 });
  });

  test("bills list: newest first, in pages, by type, linked or not", async () => {
    const first = await owner.call("GET", "/bills?limit=3");
    expect(first.status).toBe(200);
    expect(first.body.bills.map((bill: any) => bill.vendor)).toEqual(["Free Mobile", "Harmonie Mutuelle", "CPAM Paris"]);
    const rest = await owner.call("GET", `/bills?limit=3&cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ bills: [{ vendor: "Engie" }], nextCursor: null });
    const health = await owner.call("GET", "/bills?type=health_costs");
    expect(health.body.bills.map((bill: any) => bill.vendor)).toEqual(["Harmonie Mutuelle", "CPAM Paris"]);
    const unlinked = await owner.call("GET", "/bills?linked=false");
    expect(unlinked.body.bills.map((bill: any) => bill.vendor)).toEqual(["Engie"]);
    const march = await owner.call("GET", "/bills?from=2024-03-01&to=2024-03-24");
    expect(march.body.bills.map((bill: any) => bill.vendor)).toEqual(["CPAM Paris", "Engie"]);
  });

  test("a bill of a PDF in Drive says where its document is; deleting the bill leaves the document", async () => {
    const put = await fetch(`${box.appliance.base}/api/files/content?path=${encodeURIComponent("/orange-mars.pdf")}`, { method: "PUT", headers: { cookie: owner.cookie }, body: "%PDF-1.4 not really" });
    expect(put.status).toBe(201);
    const file = await put.json();
    const created = await owner.call("POST", "/bills", { fileId: file.id, vendor: "Orange", type: "internet", date: "2024-03-02", amountMinor: 3999, currency: "eur" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fileId: file.id, currency: "EUR", source: "person", document: { fileId: file.id, name: "orange-mars.pdf", path: "/orange-mars.pdf" } });
    expect((await owner.call("DELETE", `/bills/${created.body.id}`)).status).toBe(204);
    expect((await owner.call("GET", `/bills/${created.body.id}`)).status).toBe(404);
    const still = await fetch(`${box.appliance.base}/api/files/content?path=${encodeURIComponent("/orange-mars.pdf")}`, { headers: { cookie: owner.cookie } });
    expect(still.status).toBe(200);
  });

  test("a statement's health debit, categorized by a rule on import, settles the insurer's statement waiting for it", async () => {
    const rule = await owner.call("POST", "/rules", { pattern: "kine", sign: "debit", categoryId: HEALTH_EXPENSES });
    expect(rule.status).toBe(201);
    const [physio] = await createBills(owner, [{ ...CPAM_BILL, date: "2024-05-14", amountMinor: 1130, originalAmountMinor: 1920, originalDate: "2024-05-06" }]);
    await settle(box);
    expect((await owner.call("GET", `/bills/${physio}`)).body.links).toEqual([]);
    await importLines(owner, [{ date: "2024-05-06", amountMinor: -1920, name: "CB KINE MOREAU 06/05", fitid: "K1" }]);
    await settle(box);
    ids = await transactionIds(owner);
    const debit = idOf(ids, "CB KINE MOREAU 06/05", "2024-05-06");
    const { links, reimbursements } = await linksOf(debit);
    expect(links).toMatchObject([{ billId: physio, transactionId: debit, role: "payment", state: "auto" }]);
    expect(reimbursements).toEqual([{ transactionId: debit, status: "awaiting", expectedMinor: 1920, receivedMinor: 0, currency: "EUR" }]);
  }, SLOW);

  test("two bills as good as each other for one debit: both suggested; accepting one takes the other's suggestion away", async () => {
    // Both bills wait (no debit yet); the statement then brings one debit for the two.
    const [first, second] = await createBills(owner, [{ ...FREE_BILL, date: "2024-06-03" }, { ...FREE_BILL, date: "2024-06-03" }]);
    await settle(box);
    await importLines(owner, [{ date: "2024-06-04", amountMinor: -1999, name: "PRLV SEPA FREE MOBILE", fitid: "F6" }]);
    await settle(box);
    ids = await transactionIds(owner);
    const debit = idOf(ids, "PRLV SEPA FREE MOBILE", "2024-06-04");
    let { links } = await linksOf(debit);
    expect(links.map((link: any) => [link.billId, link.state]).sort()).toEqual([[first, "suggested"], [second, "suggested"]]);
    expect((await owner.call("POST", "/links", { billId: second, transactionId: debit, role: "payment" })).status).toBe(201);
    ({ links } = await linksOf(debit));
    expect(links.map((link: any) => [link.billId, link.state])).toEqual([[second, "manual"]]);
  }, SLOW);

  test("a debit put in health expenses by hand afterwards settles the statement around it at once", async () => {
    await importLines(owner, [{ date: "2024-07-02", amountMinor: -4800, name: "CB CENTRE DENTAIRE", fitid: "D1" }]);
    ids = await transactionIds(owner);
    const debit = idOf(ids, "CB CENTRE DENTAIRE", "2024-07-02");
    // First filed elsewhere by hand (groceries): not a health expense, so not the statement's debit.
    expect((await owner.call("PATCH", `/transactions/${debit}`, { categoryId: 120 })).status).toBe(200);
    const [dentist] = await createBills(owner, [{ ...CPAM_BILL, date: "2024-07-12", amountMinor: 3260, originalAmountMinor: 4800, originalDate: "2024-07-02" }]);
    await settle(box);
    expect((await owner.call("GET", `/bills/${dentist}`)).body.links).toEqual([]);
    // The PATCH alone links it: nothing else arrives, no run is asked for.
    expect((await owner.call("PATCH", `/transactions/${debit}`, { categoryId: HEALTH_EXPENSES })).status).toBe(200);
    expect((await linksOf(debit)).links).toMatchObject([{ billId: dentist, role: "payment", state: "auto" }]);
    expect((await box.appliance.banks.bills.service.linkAround(ownerId, [debit])).made).toBe(0);
  }, SLOW);

  test("a rule made afterwards that puts a debit in health expenses settles the statement waiting for it", async () => {
    await importLines(owner, [{ date: "2024-08-05", amountMinor: -6400, name: "CB OSTEO LAMBERT", fitid: "O1" }]);
    ids = await transactionIds(owner);
    const debit = idOf(ids, "CB OSTEO LAMBERT", "2024-08-05");
    const [osteo] = await createBills(owner, [{ ...MUTUELLE_BILL, date: "2024-08-20", amountMinor: 4000, originalAmountMinor: 6400, originalDate: "2024-08-05" }]);
    await settle(box);
    expect((await owner.call("GET", `/bills/${osteo}`)).body.links).toEqual([]);
    const rule = await owner.call("POST", "/rules", { pattern: "osteo", sign: "debit", categoryId: HEALTH_EXPENSES });
    expect(rule.body.applied).toBe(1);
    expect((await linksOf(debit)).links).toMatchObject([{ billId: osteo, role: "payment", state: "auto" }]);
  }, SLOW);

  test("the OpenAPI document describes the bills and links routes", async () => {
    const spec = await (await fetch(`${box.appliance.base}/api/openapi.json`, { headers: { cookie: owner.cookie } })).json();
    for (const [path, method] of [
      ["/api/banks/bills", "get"], ["/api/banks/bills", "post"], ["/api/banks/bills/{id}", "get"], ["/api/banks/bills/{id}", "delete"],
      ["/api/banks/links", "get"], ["/api/banks/links", "post"], ["/api/banks/links/{id}", "delete"],
    ] as const) {
      expect(spec.paths[path]?.[method]?.summary).toBeString();
    }
  });

  test("a connector's bill is made once per (source, sourceRef)", async () => {
    const bill = { vendor: "EDF", type: "energy", date: "2023-01-10", amountMinor: 6100, currency: "EUR", source: "edf", sourceRef: "FACT-2023-01" };
    const first = await owner.call("POST", "/bills", bill);
    const again = await owner.call("POST", "/bills", bill);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(Number((await box.appliance.database.client.execute("select count(*) as n from bank_bills where source_ref = 'FACT-2023-01'")).rows[0]!.n)).toBe(1);
  });
});
