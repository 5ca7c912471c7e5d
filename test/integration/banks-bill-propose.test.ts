// POST /api/banks/bills/propose through the real appliance and the real
// pdftotext: PDFs uploaded to Drive come back as proposed bills; files that
// are not PDFs, not the caller's, or built to hurt get a clear refusal.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { addMember, jsonRequest, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";
import { billPdf, DOCTOR_BILL, ENGIE_BILL, laidOut, ORANGE_BILL, US_PHONE_BILL } from "./banks-bill-propose-pdfs";

let box: TestAppliance;
let cookie: string;

beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
  for (const path of ["/Factures", "/Santé", "/Bills"]) {
    const made = await fetch(`${box.base}/api/files/folders`, jsonRequest("POST", { path }, { cookie }));
    if (made.status !== 201) throw new Error(`folder ${path}: ${made.status}`);
  }
}, 60_000);
afterAll(() => box.dispose());

async function upload(path: string, bytes: Uint8Array | string, as = cookie): Promise<number> {
  const response = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent(path)}`, { method: "PUT", body: bytes as BodyInit, headers: { cookie: as } });
  if (response.status !== 201) throw new Error(`upload ${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}

function propose(body: unknown, as = cookie): Promise<Response> {
  return fetch(`${box.base}/api/banks/bills/propose`, jsonRequest("POST", body, { cookie: as }));
}

async function expectError(response: Response, status: number, code: string, words?: string): Promise<void> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  if (words) expect(body.error.message).toContain(words);
}

describe("a PDF in Drive becomes a proposed bill", () => {
  test("an energy bill, by id and by path", async () => {
    const id = await upload("/Factures/engie-mars.pdf", billPdf([ENGIE_BILL]));
    const expected = { vendor: "Engie", date: "2026-03-12", amountMinor: 9052, currency: "EUR", type: "energy" };
    const byId = await propose({ fileId: id });
    expect(byId.status).toBe(200);
    const proposal = (await byId.json()) as { excerpt: string };
    expect(proposal).toMatchObject(expected);
    expect(proposal.excerpt).toContain("Date de facture : 12/03/2026");
    expect(await (await propose({ path: "/Factures/engie-mars.pdf" })).json()).toMatchObject(expected);
  });

  test("a doctor's note, an American phone bill and an internet box bill", async () => {
    const doctor = await upload("/Santé/consultation.pdf", billPdf([DOCTOR_BILL]));
    expect(await (await propose({ fileId: doctor })).json()).toMatchObject({ vendor: "Docteur Claire Martin", date: "2026-04-01", amountMinor: 2650, type: "health_costs" });
    const phone = await upload("/Bills/acme.pdf", billPdf([US_PHONE_BILL]));
    expect(await (await propose({ fileId: phone })).json()).toMatchObject({ vendor: "Acme Wireless Inc.", date: "2026-03-04", amountMinor: 105121, currency: "USD", type: "phone" });
    const box = await upload("/Factures/orange.pdf", billPdf([ORANGE_BILL]));
    expect(await (await propose({ fileId: box })).json()).toMatchObject({ vendor: "Orange", date: "2026-01-05", amountMinor: 123456, type: "internet" });
  });

  test("an unknown vendor is the first page's largest heading, not its small first line", async () => {
    const lines = laidOut(["12 rue des Fleurs, 75011 Paris", { text: "Le Petit Atelier", size: 26 }, "Facture du 3 février 2026", "Total TTC|84,00 €"], 790, 30);
    const id = await upload("/Factures/atelier.pdf", billPdf([lines]));
    expect(await (await propose({ fileId: id })).json()).toMatchObject({ vendor: "Le Petit Atelier", date: "2026-02-03", amountMinor: 8400, type: "other" });
  });

  test("the figures on the second page are read too", async () => {
    const id = await upload("/Factures/deux-pages.pdf", billPdf([laidOut(["SFR", "Facture du 10/01/2026"]), laidOut(["Montant à payer|39,99 €"])]));
    expect(await (await propose({ fileId: id })).json()).toMatchObject({ vendor: "SFR", date: "2026-01-10", amountMinor: 3999 });
  });

  test("a PDF without text (a scan) proposes nothing, and says so with nulls", async () => {
    const id = await upload("/Factures/scan.pdf", billPdf([[]]));
    const response = await propose({ fileId: id });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ vendor: null, date: null, amountMinor: null, currency: null, type: null, excerpt: null });
  });

  test("a 20,000-page PDF is read from its first pages only", async () => {
    const id = await upload("/Factures/pages.pdf", billPdf([ENGIE_BILL], { repeatPages: 20_000 }));
    expect(await (await propose({ fileId: id })).json()).toMatchObject({ vendor: "Engie", amountMinor: 9052 });
  });

  test("the operation is in the OpenAPI document", async () => {
    const spec = (await (await fetch(`${box.base}/api/openapi.json`, { headers: { cookie } })).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths["/api/banks/bills/propose"] ?? {})).toContain("post");
  });
});

describe("refusals", () => {
  test("a text file named .pdf, a folder, or a truncated PDF: 422 with the reason", async () => {
    const fake = await upload("/Factures/faux.pdf", "Facture EDF 54,20 €, promis c'est un PDF\n");
    await expectError(await propose({ fileId: fake }), 422, "not_a_pdf", "faux.pdf is not a PDF");
    await expectError(await propose({ path: "/Factures" }), 422, "not_a_pdf", "folder");
    const whole = billPdf([ENGIE_BILL]);
    const cut = await upload("/Factures/coupé.pdf", whole.subarray(0, 40));
    await expectError(await propose({ fileId: cut }), 422, "pdf_unreadable", "could not be read");
  });

  test("a PDF over 50 MB is refused with its size", async () => {
    const big = Buffer.alloc(51 * 1024 * 1024, 0x20);
    big.write("%PDF-1.4\n", 0, "latin1");
    const id = await upload("/Factures/énorme.pdf", big);
    await expectError(await propose({ fileId: id }), 422, "pdf_too_large", "51 MB");
  }, 60_000);

  test("someone else's file, or a file that does not exist: 404", async () => {
    const bob = await addMember(box);
    const bobs = await upload("/bob-facture.pdf", billPdf([ENGIE_BILL]), bob);
    await expectError(await propose({ fileId: bobs }), 404, "not_found");
    await expectError(await propose({ path: "/bob-facture.pdf" }), 404, "not_found");
    await expectError(await propose({ fileId: 999_999 }), 404, "not_found");
  });

  test("paths that try to climb out are refused", async () => {
    await expectError(await propose({ path: "/../../etc/passwd" }), 400, "invalid_path");
    await expectError(await propose({ path: "/Factures/../../bob/bob-facture.pdf" }), 400, "invalid_path");
    await expectError(await propose({ path: "/a\u0000.pdf" }), 400, "invalid_path");
  });

  test("malformed bodies", async () => {
    await expectError(await propose({}), 422, "validation_failed", "fileId or its path");
    await expectError(await propose({ fileId: 1, path: "/x.pdf" }), 422, "validation_failed");
    expect((await propose({ fileId: "one" })).status).toBe(422);
    expect((await propose({ fileId: -3 })).status).toBe(422);
    expect((await propose({ fileId: 1, vendor: "x" })).status).toBe(422);
    expect((await propose({ path: "/x".repeat(5000) })).status).toBe(413);
    const notJson = await fetch(`${box.base}/api/banks/bills/propose`, { method: "POST", body: "{fileId:", headers: { cookie, "content-type": "application/json" } });
    await expectError(notJson, 400, "malformed_body");
  });

  test("signed out: 401", async () => {
    expect((await fetch(`${box.base}/api/banks/bills/propose`, jsonRequest("POST", { fileId: 1 }))).status).toBe(401);
  });
});

describe("a PDF built to make pdftotext work for minutes", () => {
  let slow: TestAppliance;
  let slowCookie: string;
  beforeAll(async () => {
    // A short deadline for this box only, so the test does not wait the default 20 s.
    slow = await startTestAppliance({ media: { toolTimeoutMs: 3_000 } });
    slowCookie = await setupOwner(slow.base);
  }, 60_000);
  afterAll(() => slow.dispose());

  test("is stopped at its deadline: 422, and the box keeps answering", async () => {
    // 144 MB of text operators deflated into a 0.5 MB page: half a minute of pdftotext's time here.
    const operator = Buffer.from("BT /F1 11 Tf 56 700 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n");
    const content = Buffer.alloc(operator.length * 1_500_000);
    for (let at = 0; at < content.length; at += operator.length) operator.copy(content, at);
    const put = await fetch(`${slow.base}/api/files/content?path=/bomb.pdf`, { method: "PUT", body: billPdf([[]], { rawContent: content }) as BodyInit, headers: { cookie: slowCookie } });
    const { id } = (await put.json()) as { id: number };
    const response = await fetch(`${slow.base}/api/banks/bills/propose`, jsonRequest("POST", { fileId: id }, { cookie: slowCookie }));
    await expectError(response, 422, "pdf_too_slow", "took more than 3 s");
    expect((await fetch(`${slow.base}/api/files/?path=/`, { headers: { cookie: slowCookie } })).status).toBe(200);
  }, 60_000);
});
