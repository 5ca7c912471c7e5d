// Statements read as a stream: a large CAMT.053 read from disk a piece at a
// time gives every entry intact (characters and declarations cut by a piece
// boundary included), and each account comes before its transactions.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileSource, parseStatement, statementEvents, StatementError, type StatementEvent } from "../../appliance/src/banks/parsers";

const work = mkdtempSync(join(tmpdir(), "banks-stream-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PIECE = 256 * 1024;

/** Entries of growing amounts, each label with accented letters, so some fall across a piece boundary. */
function camt(statements: number, entries: number): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\n'];
  for (let s = 1; s <= statements; s++) {
    parts.push(`<Stmt><Id>S${s}</Id><Acct><Id><IBAN>FR76300040000100000000000${String(s).padStart(2, "0")}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n`);
    parts.push(`<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${s}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-12-31</Dt></Dt></Bal>\n`);
    for (let i = 1; i <= entries; i++) {
      parts.push(`<Ntry><Amt Ccy="EUR">${i}.05</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-04</Dt></BookgDt>` +
        `<AcctSvcrRef>S${s}-${i}</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>Café crème n°${i} à Besançon &amp; Nîmes</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`);
    }
    parts.push("</Stmt>\n");
  }
  parts.push("</BkToCstmrStmt></Document>\n");
  return parts.join("");
}

function refusal(work: () => unknown): StatementError {
  try {
    work();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error("expected a StatementError");
}

describe("a large CAMT.053 statement read from disk", () => {
  const path = join(work, "large.xml");
  const text = camt(3, 2_500);
  writeFileSync(path, text);

  test("is longer than many pieces, and every entry comes out whole, accents and all", () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 * PIECE);
    const labels: string[] = [];
    const amounts: number[] = [];
    for (const event of statementEvents(fileSource(path), "large.xml")) {
      if (event.kind !== "transaction") continue;
      labels.push(event.transaction.label);
      amounts.push(event.transaction.amountMinor);
    }
    expect(labels).toHaveLength(7_500);
    labels.forEach((label, index) => expect(label).toBe(`Café crème n°${(index % 2_500) + 1} à Besançon & Nîmes`));
    expect(amounts.slice(0, 3)).toEqual([-105, -205, -305]);
  });

  test("gives the same statement read from disk as from memory", () => {
    const fromDisk = statementEvents(fileSource(path), "large.xml");
    const collected = { accounts: 0, transactions: 0 };
    for (const event of fromDisk) {
      if (event.kind === "account") collected.accounts++;
      if (event.kind === "transaction") collected.transactions++;
    }
    const whole = parseStatement(new TextEncoder().encode(text), "large.xml");
    expect(collected).toEqual({ accounts: whole.accounts.length, transactions: whole.accounts.reduce((sum, account) => sum + account.transactions.length, 0) });
    expect(whole.accounts.map((account) => account.balances[0]?.amountMinor)).toEqual([100, 200, 300]);
  });

  test("sends each account before its transactions, and again completed after them", () => {
    const kinds: string[] = [];
    let last: StatementEvent["kind"] | undefined;
    for (const event of statementEvents(fileSource(path), "large.xml")) {
      if (event.kind !== last) kinds.push(event.kind);
      last = event.kind;
      if (event.kind === "accountEnd") expect(event.account.balances).toHaveLength(1);
    }
    expect(kinds).toEqual([...Array.from({ length: 3 }, () => ["account", "transaction", "accountEnd"]).flat(), "end"]);
  });
});

describe("declarations are refused wherever the pieces are cut", () => {
  test("a DOCTYPE that starts just before a piece boundary is refused with its line", () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- BkToCstmrStmt export ';
    const padding = "x".repeat(PIECE - head.length - 3 - 5);
    const text = `${head}${padding}-->\n<!DOCTYPE Document [<!ENTITY lol "lol">]>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>\n`;
    expect(text.indexOf("<!DOCTYPE")).toBeLessThan(PIECE);
    expect(text.indexOf("<!DOCTYPE") + "<!DOCTYPE".length).toBeGreaterThan(PIECE);
    const path = join(work, "cut-doctype.xml");
    writeFileSync(path, text);
    const refused = refusal(() => [...statementEvents(fileSource(path), "cut-doctype.xml")]);
    expect(refused.where).toBe("line 3");
    expect(refused.reason).toContain("<!DOCTYPE>");
  });
});

describe("OFX as a stream", () => {
  test("each statement's account comes before its transactions, with its balance at its end", () => {
    const statement = (id: string) =>
      `<STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<ACCTID>${id}<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>` +
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240301<TRNAMT>-1.50<FITID>${id}-1<NAME>CAFE</STMTTRN>` +
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240302<TRNAMT>-2.50<FITID>${id}-2<NAME>PAIN</STMTTRN></BANKTRANLIST>` +
      `<LEDGERBAL><BALAMT>96.00<DTASOF>20240331</LEDGERBAL></STMTRS></STMTTRNRS>`;
    const text = `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1>${statement("111")}${statement("222")}</BANKMSGSRSV1></OFX>\n`;
    const seen: string[] = [];
    for (const event of statementEvents(new TextEncoder().encode(text), "two.ofx")) {
      if (event.kind === "transaction") seen.push(event.transaction.importId);
      else if (event.kind === "end") seen.push("end");
      else seen.push(`${event.kind} ${event.account.accountId} ${event.account.balances.length}`);
    }
    expect(seen).toEqual(["account 111 0", "111-1", "111-2", "accountEnd 111 1", "account 222 0", "222-1", "222-2", "accountEnd 222 1", "end"]);
  });
});
