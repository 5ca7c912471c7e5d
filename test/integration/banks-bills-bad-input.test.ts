// Bills and links refuse what they cannot use, each with its status and a
// clear error: malformed dates and amounts, too many ids, another person's
// bills, files and transactions, a link whose role does not fit.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startBanks, type BanksBox, type BanksClient } from "./banks-fixtures";
import { CPAM_BILL, createBills, ENGIE_BILL, idOf, importLines, MARCH, transactionIds } from "./banks-bills-helpers";

const SLOW = 60_000;
let box: BanksBox;
let owner: BanksClient;
let bob: BanksClient;
let ids: Map<string, number>;
let bobIds: Map<string, number>;
let engieBill: number;
let cpamBill: number;
let bobBill: number;

beforeAll(async () => {
  box = await startBanks();
  owner = box.owner;
  bob = await box.person("Bob");
  await importLines(owner, MARCH);
  await importLines(bob, MARCH, "FR7630004000039999999999999");
  ids = await transactionIds(owner);
  bobIds = await transactionIds(bob);
  [engieBill, cpamBill] = await createBills(owner, [ENGIE_BILL, CPAM_BILL]);
  [bobBill] = await createBills(bob, [ENGIE_BILL]);
}, SLOW);

afterAll(async () => {
  await box?.appliance.dispose();
});

function expectError(answer: { status: number; body: any }, status: number, code?: string) {
  expect(answer.status).toBe(status);
  expect(typeof answer.body.error.message).toBe("string");
  if (code) expect(answer.body.error.code).toBe(code);
}

describe("bills refuse bad input", () => {
  const cases: [string, object, string][] = [
    ["a date that does not exist", { ...ENGIE_BILL, date: "2024-02-30" }, "date"],
    ["a date in another format", { ...ENGIE_BILL, date: "10/03/2024" }, ""],
    ["a negative amount", { ...ENGIE_BILL, amountMinor: -5 }, ""],
    ["an amount with decimals", { ...ENGIE_BILL, amountMinor: 84.5 }, ""],
    ["a zero amount", { ...ENGIE_BILL, amountMinor: 0 }, "amountMinor"],
    ["an amount beyond any bill", { ...ENGIE_BILL, amountMinor: 1e16 }, ""],
    ["an unknown currency", { ...ENGIE_BILL, currency: "XYZ" }, "currency"],
    ["a currency that is no code", { ...ENGIE_BILL, currency: "EURO" }, ""],
    ["a blank vendor", { ...ENGIE_BILL, vendor: "   " }, "vendor"],
    ["an original amount without its date", { ...CPAM_BILL, originalDate: null }, "originalDate"],
    ["a malformed original date", { ...CPAM_BILL, originalDate: "2024-13-01" }, "originalDate"],
    ["a reimbursement above what was paid", { ...CPAM_BILL, amountMinor: 2600 }, "amountMinor"],
    ["a type that is not a slug", { ...ENGIE_BILL, type: "Energy bill!" }, ""],
    ["an unknown field", { ...ENGIE_BILL, paid: true }, ""],
  ];
  for (const [name, body, field] of cases) {
    test(`${name}: 422`, async () => {
      const answer = await owner.call("POST", "/bills", body);
      expectError(answer, 422);
      if (field) expect(answer.body.error.details?.field ?? answer.body.error.field).toBe(field);
    });
  }

  test("a file that is not the person's, or none: 404", async () => {
    const bobRow = (await box.appliance.database.client.execute("select id, name_key from users where name = 'Bob'")).rows[0]!;
    await box.appliance.files.service.prepare({ id: Number(bobRow.id), key: String(bobRow.name_key) });
    const put = await fetch(`${box.appliance.base}/api/files/content?path=%2Fbob.pdf`, { method: "PUT", headers: { cookie: bob.cookie }, body: "%PDF-1.4" });
    expect(put.status).toBe(201);
    const bobFile = (await put.json()).id as number;
    expectError(await owner.call("POST", "/bills", { ...ENGIE_BILL, fileId: bobFile }), 404);
    expectError(await owner.call("POST", "/bills", { ...ENGIE_BILL, fileId: 987654 }), 404);
  });

  test("another person's bill is not found, to read or delete", async () => {
    expectError(await owner.call("GET", `/bills/${bobBill}`), 404);
    expectError(await owner.call("DELETE", `/bills/${bobBill}`), 404);
    expect((await bob.call("GET", `/bills/${bobBill}`)).status).toBe(200);
  });

  test("malformed list queries: 422", async () => {
    expectError(await owner.call("GET", "/bills?cursor=bm90LWEtY3Vyc29y"), 422);
    expectError(await owner.call("GET", "/bills?limit=501"), 422);
    expectError(await owner.call("GET", "/bills?from=2024-1-1"), 422);
    expectError(await owner.call("GET", "/bills?linked=maybe"), 422);
    expectError(await owner.call("GET", "/bills/abc"), 422);
  });

  test("signed out: 401", async () => {
    expect((await fetch(`${box.appliance.base}/api/banks/bills`)).status).toBe(401);
    expect((await fetch(`${box.appliance.base}/api/banks/links?transactionIds=1`)).status).toBe(401);
  });
});

describe("links refuse bad input", () => {
  test("more than 500 transaction ids: 422", async () => {
    const many = Array.from({ length: 501 }, (_, i) => i + 1).join(",");
    expectError(await owner.call("GET", `/links?transactionIds=${many}`), 422, "validation_failed");
  });

  test("ids that are not ids: 422", async () => {
    for (const bad of ["abc", "1,,2", "0", "-3", "1.5", "99999999999999999999"]) expectError(await owner.call("GET", `/links?transactionIds=${bad}`), 422);
    expectError(await owner.call("GET", "/links"), 422);
  });

  test("another person's transaction, or one that does not exist: 404", async () => {
    const mine = idOf(ids, "PRLV SEPA ENGIE", "2024-03-13");
    const bobs = idOf(bobIds, "PRLV SEPA ENGIE", "2024-03-13");
    expectError(await owner.call("GET", `/links?transactionIds=${mine},${bobs}`), 404);
    expectError(await owner.call("GET", "/links?transactionIds=987654"), 404);
    expectError(await owner.call("POST", "/links", { billId: engieBill, transactionId: bobs, role: "payment" }), 404);
    expectError(await owner.call("POST", "/links", { billId: bobBill, transactionId: mine, role: "payment" }), 404);
  });

  test("a role that does not fit the transaction: 422", async () => {
    const debit = idOf(ids, "PRLV SEPA ENGIE", "2024-03-13");
    const creditId = idOf(ids, "VIR CPAM PARIS REMBT SOINS", "2024-03-21");
    expectError(await owner.call("POST", "/links", { billId: engieBill, transactionId: creditId, role: "payment" }), 422);
    expectError(await owner.call("POST", "/links", { billId: cpamBill, transactionId: debit, role: "reimbursement" }), 422);
    expectError(await owner.call("POST", "/links", { billId: engieBill, transactionId: creditId, role: "reimbursement" }), 422);
    expectError(await owner.call("POST", "/links", { billId: engieBill, transactionId: debit, role: "refund" }), 422);
  });

  test("a reimbursement beyond what the expense cost: 409", async () => {
    const doctor = idOf(ids, "CB DR DUPONT 05/03", "2024-03-05");
    const creditId = idOf(ids, "VIR CPAM PARIS REMBT SOINS", "2024-03-21");
    expect((await owner.call("POST", "/links", { billId: cpamBill, transactionId: doctor, role: "payment" })).status).toBe(201);
    expect((await owner.call("POST", "/links", { billId: cpamBill, transactionId: creditId, role: "reimbursement" })).status).toBe(201);
    const [second] = await createBills(owner, [{ ...CPAM_BILL, vendor: "MGEN", amountMinor: 1000 }]);
    expect((await owner.call("POST", "/links", { billId: second, transactionId: doctor, role: "payment" })).status).toBe(201);
    expectError(await owner.call("POST", "/links", { billId: second, transactionId: creditId, role: "reimbursement" }), 409, "reimbursement_exceeds_expense");
  });

  test("removing another person's link, or none: 404", async () => {
    await box.appliance.jobs.idle();
    const bobs = idOf(bobIds, "PRLV SEPA ENGIE", "2024-03-13");
    const answer = await bob.call("GET", `/links?transactionIds=${bobs}`);
    expect(answer.body.links).toHaveLength(1);
    expectError(await owner.call("DELETE", `/links/${answer.body.links[0].id}`), 404);
    expectError(await owner.call("DELETE", "/links/987654"), 404);
    expect((await bob.call("GET", `/links?transactionIds=${bobs}`)).body.links).toHaveLength(1);
  });
});
