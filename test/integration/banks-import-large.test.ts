// Statements of thousands of transactions, read and deduplicated in batches:
// a re-import finds every one again, an overlapping statement adds only its
// new part, a payment seen again under another id across a batch boundary is
// still recognised, and a bad entry deep in the file writes nothing at all.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeOfx, startBanks, type BanksBox, type BanksClient, type OfxLine } from "./banks-fixtures";

const SLOW = 120_000;
let box: BanksBox;
let client: BanksClient;

beforeAll(async () => {
  box = await startBanks();
  client = await box.person("Ledger");
}, SLOW);
afterAll(() => box.appliance.dispose());

const MERCHANTS = ["CB BOULANGERIE", "PRLV ENGIE", "CB PHARMACIE", "VIR CPAM", "CB LIBRAIRIE"];

/** Day n of a history starting 2021-01-01, 4 transactions a day. */
function lines(from: number, to: number, idPrefix = "F"): OfxLine[] {
  const result: OfxLine[] = [];
  for (let n = from; n < to; n++) {
    const date = new Date(Date.UTC(2021, 0, 1) + Math.floor(n / 4) * 86_400_000).toISOString().slice(0, 10);
    result.push({ date, amountMinor: -(100 + n), name: `${MERCHANTS[n % MERCHANTS.length]} ${n}`, fitid: `${idPrefix}${n}` });
  }
  return result;
}

/** The same lines as a CAMT.053 statement of the account with this IBAN (its ids are the bank's references). */
function camt(iban: string, entries: OfxLine[]): string {
  const amount = (minor: number) => `${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, "0")}`;
  const body = entries
    .map((line) => `<Ntry><Amt Ccy="EUR">${amount(line.amountMinor)}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${line.date}</Dt></BookgDt>` +
      `<AcctSvcrRef>BANK-${line.fitid}</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>${line.name}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr>\n` +
    `<Stmt><Id>1</Id><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n${body}\n</Stmt></BkToCstmrStmt></Document>\n`;
}

describe("an import of 3,000 transactions", () => {
  test("is previewed, then written whole", async () => {
    const { preview, commit } = await client.importFile(makeOfx("55500011", lines(0, 3_000)), "three-thousand.ofx");
    expect(preview.totals).toEqual({ new: 3_000, known: 0, skipped: 0, unsure: 0 });
    expect(commit).toMatchObject({ new: 3_000, known: 0 });
    expect(await box.count("bank_transactions")).toBe(3_000);
  }, SLOW);

  test("imported again, adds nothing: every one is known by its id", async () => {
    const again = await client.upload(makeOfx("55500011", lines(0, 3_000)), "three-thousand.ofx");
    expect(again.body.accounts[0].counts).toMatchObject({ new: 0, known: 3_000, knownById: 3_000 });
    await client.call("DELETE", `/imports/${again.body.id}`);
  }, SLOW);

  test("an overlapping statement adds only what comes after", async () => {
    const { commit } = await client.importFile(makeOfx("55500011", lines(1_500, 4_200)), "overlap.ofx");
    expect(commit).toMatchObject({ new: 1_200, known: 1_500 });
    expect(await box.count("bank_transactions")).toBe(4_200);
  }, SLOW);

  test("the same payments as CAMT.053 (other ids) are recognised by amount, date and label", async () => {
    const preview = await client.upload(camt("FR763000400123000555000114", lines(900, 2_100)), "other-export.xml");
    expect(preview.body.accounts[0].match).toBe("existing");
    expect(preview.body.accounts[0].counts).toMatchObject({ new: 0, knownById: 0, knownByMatch: 1_200 });
    await client.call("DELETE", `/imports/${preview.body.id}`);
  }, SLOW);

  test("a statement whose 2,900th transaction has no amount is refused, naming it, and writes nothing", async () => {
    const text = makeOfx("55500099", lines(10_000, 13_000)).replace("<TRNAMT>-130.00\n", "");
    const refused = await client.upload(text, "broken.ofx");
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("STMTTRN[2901]");
    expect(refused.body.error.message).toContain("TRNAMT (the amount) is missing");
    expect(await box.count("bank_transactions")).toBe(4_200);
  }, SLOW);
});
