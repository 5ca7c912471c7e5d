// OFX 1.x (SGML), OFX 2.x (XML) and QFX statements: every corpus file reads,
// the corpus's broken files are refused with the line and the reason, and
// hostile input (binary garbage, a 60 MB file, a DOCTYPE) is refused clearly.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  parseStatement,
  parseStatementFile,
  StatementError,
  StatementTooLargeError,
  type ParsedStatement,
} from "../../appliance/src/banks/parsers";

const CORPUS = join(import.meta.dir, "../../../shared/corpus/banks/ofx");
const FIXTURES = join(import.meta.dir, "../fixtures/banks");
const FRENCH = readFileSync(join(FIXTURES, "ofx-v1-french.ofx"), "utf8");

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

function refusal(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementError);
    const refused = error as StatementError;
    expect(refused.status).toBe(422);
    expect(refused.code).toBe("statement_invalid");
    expect(refused.where.length).toBeGreaterThan(0);
    return refused;
  }
  throw new Error("expected the statement to be refused");
}

function transactionsOf(statement: ParsedStatement) {
  return statement.accounts.flatMap((account) => account.transactions);
}

describe("OFX corpus", () => {
  const files = readdirSync(CORPUS).filter((name) => name.endsWith(".ofx"));

  test("the corpus is there", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of files) {
    test(`${name} reads`, () => {
      const statement = parseStatement(read(join(CORPUS, name)), name);
      expect(["ofx", "qfx"]).toContain(statement.format);
      for (const account of statement.accounts) {
        expect(account.currency).toMatch(/^[A-Z]{3}$/);
        for (const transaction of account.transactions) {
          expect(Number.isSafeInteger(transaction.amountMinor)).toBe(true);
          expect(transaction.bookingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(transaction.importId.length).toBeGreaterThan(0);
        }
      }
    });
  }

  const failing: [string, string, string][] = [
    ["date_missing.ofx", "STMTTRN[1] (line 33)", "DTPOSTED (the date) is missing"],
    ["decimal_error.ofx", "line 36, DTPOSTED", '"201120000000" is not a valid date'],
    ["empty_balance.ofx", "line 37, LEDGERBAL", "the balance has a date but no amount (BALAMT)"],
  ];
  for (const [name, where, reason] of failing) {
    test(`fail_nice/${name} is refused with where and why, not a crash`, () => {
      const refused = refusal(() => parseStatement(read(join(CORPUS, "fail_nice", name)), name));
      expect(refused.format).toBe("ofx");
      expect(refused.where).toBe(where);
      expect(refused.reason).toContain(reason);
      expect(refused.message).toContain(where);
    });
  }

  test("every file under fail_nice is covered above", () => {
    expect(readdirSync(join(CORPUS, "fail_nice")).sort()).toEqual(failing.map(([name]) => name).sort());
  });

  test("amounts, balances and accounts of a plain bank statement", () => {
    const statement = parseStatement(read(join(CORPUS, "checking.ofx")), "checking.ofx");
    const [account] = statement.accounts;
    expect(account).toMatchObject({ accountId: "1452687~7", currency: "USD", accountType: "CHECKING" });
    expect(account?.balances.map((balance) => [balance.kind, balance.amountMinor])).toEqual([["closing", 10099], ["available", 7599]]);
    expect(account?.transactions).toHaveLength(3);
  });

  test("OFX 2 header over SGML tags (anzcc), credit card account, negative balance", () => {
    const [account] = parseStatement(read(join(CORPUS, "anzcc.ofx")), "anzcc.ofx").accounts;
    expect(account).toMatchObject({ accountId: "1234123412341234", accountType: "CREDITCARD", currency: "AUD" });
    expect(account?.transactions[0]).toMatchObject({ amountMinor: -550, bookingDate: "2017-05-08", importId: "201705080001", label: "SOME MEMO" });
    expect(account?.balances[0]).toMatchObject({ kind: "closing", amountMinor: -12345 });
  });

  test("CDATA labels (suncorp) keep their text", () => {
    const [transaction] = transactionsOf(parseStatement(read(join(CORPUS, "suncorp.ofx")), "suncorp.ofx"));
    expect(transaction).toMatchObject({ label: "EFTPOS WDL HANDYWAY ALDI STORE", amountMinor: -1685 });
    expect(transaction?.memo).toContain("GEELONG WEST");
  });

  test("a bank error response reads as no account and a warning naming the error", () => {
    const statement = parseStatement(read(join(CORPUS, "error_message.ofx")), "error_message.ofx");
    expect(statement.accounts).toEqual([]);
    expect(statement.warnings.join(" ")).toContain("error 2000");
  });

  test("empty tags: no CURDEF takes the transaction's currency, an empty FITID falls back to a hash", () => {
    const statement = parseStatement(read(join(CORPUS, "ofx-v102-empty-tags.ofx")), "empty-tags.ofx");
    const [account] = statement.accounts;
    expect(account?.currency).toBe("AUD");
    expect(account?.balances).toEqual([]);
    expect(account?.transactions[0]).toMatchObject({ amountMinor: 1234, importIdFromSource: false, valueDate: "2018-05-07" });
    expect(statement.warnings.join(" ")).toContain("AUD assumed");
  });

  test("investment statements keep their cash movements; a money-market amount is rounded with a warning", () => {
    const statement = parseStatement(read(join(CORPUS, "fidelity-savings.ofx")), "fidelity-savings.ofx");
    const amounts = transactionsOf(statement).map((transaction) => transaction.amountMinor);
    expect(amounts).toContain(11583); // +115.8331 USD
    expect(statement.warnings.join(" ")).toContain("rounded");
  });
});

describe("OFX written by a French bank (1252 header)", () => {
  test("Windows-1252 bytes and UTF-8 bytes under the same 1252 header read the same accents", () => {
    for (const encoding of ["latin1", "utf8"] as const) {
      const [account] = parseStatement(new Uint8Array(Buffer.from(FRENCH, encoding)), "releve.ofx").accounts;
      expect(account?.transactions[0]?.memo).toBe("Facture électricité février");
      expect(account?.transactions[1]?.label).toBe("CB CAFÉ DE FLORE");
    }
  });

  test("decimal comma, signs, time zones and entities", () => {
    const [account] = parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx").accounts;
    const rows = account?.transactions.map((transaction) => [transaction.bookingDate, transaction.amountMinor, transaction.label]);
    expect(rows?.[0]).toEqual(["2024-03-04", -4299, "PRLV SEPA ENGIE"]);
    expect(rows?.[1]).toEqual(["2024-03-05", -450, "CB CAFÉ DE FLORE"]);
    expect(rows?.[4]).toEqual(["2024-03-12", 125000, "VIR SALAIRE ACME & CIE"]);
    expect(account).toMatchObject({ bankId: "30006", branchId: "00001", accountId: "12345678901", accountType: "CHECKING" });
    expect([account?.periodStart, account?.periodEnd]).toEqual(["2024-03-01", "2024-03-31"]);
  });

  test("two identical coffees on one day are two transactions with distinct ids that a re-import finds again", () => {
    const first = parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx").accounts[0]?.transactions ?? [];
    const again = parseStatement(Buffer.from(FRENCH, "latin1"), "releve-again.ofx").accounts[0]?.transactions ?? [];
    const coffees = first.filter((transaction) => transaction.label === "CB CAFÉ DE FLORE");
    expect(coffees).toHaveLength(2);
    expect(coffees[0]?.importId).not.toBe(coffees[1]?.importId);
    expect(coffees.every((coffee) => !coffee.importIdFromSource && coffee.importId.startsWith("hash:"))).toBe(true);
    expect(again.map((transaction) => transaction.importId)).toEqual(first.map((transaction) => transaction.importId));
  });

  test("a FITID repeated by the bank keeps both movements", () => {
    const statement = parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx");
    const ids = transactionsOf(statement).map((transaction) => transaction.importId);
    expect(ids).toContain("24072000002");
    expect(ids).toContain("24072000002#2");
    expect(statement.warnings.join(" ")).toContain("24072000002 appears more than once");
  });

  test("a card payment in dollars is converted at CURRATE and keeps its original amount", () => {
    const amazon = transactionsOf(parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx")).find((t) => t.label === "CB AMAZON US");
    expect(amazon).toMatchObject({ amountMinor: -9200, currency: "EUR", originalAmountMinor: -10000, originalCurrency: "USD" });
  });

  test("an empty AVAILBAL placeholder is skipped; LEDGERBAL is the closing balance", () => {
    const [account] = parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx").accounts;
    expect(account?.balances).toEqual([{ kind: "closing", code: "LEDGERBAL", amountMinor: 234567, currency: "EUR", date: "2024-03-31" }]);
  });

  test("a UTF-16 export (with its byte-order mark) reads the same", () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRENCH, "utf16le")]));
    const fromUtf16 = parseStatement(bytes, "releve.ofx").accounts[0]?.transactions;
    expect(fromUtf16).toEqual(parseStatement(Buffer.from(FRENCH, "latin1"), "releve.ofx").accounts[0]?.transactions ?? []);
  });

  test("a .qfx name or Intuit tags make it QFX", () => {
    expect(parseStatement(Buffer.from(FRENCH, "latin1"), "releve.qfx").format).toBe("qfx");
    const intuit = FRENCH.replace("<BANKACCTFROM>", "<INTU.BID>3000\n<BANKACCTFROM>");
    expect(parseStatement(Buffer.from(intuit, "latin1"), "releve.ofx").format).toBe("qfx");
  });
});

describe("OFX bad input", () => {
  test("a truncated file is refused, naming the element left open and its line", () => {
    const cut = FRENCH.slice(0, FRENCH.indexOf("<NAME>VIR REMBOURSEMENT"));
    const refused = refusal(() => parseStatement(Buffer.from(cut, "latin1"), "cut.ofx"));
    expect(refused.reason).toContain("looks truncated");
    expect(refused.reason).toMatch(/inside <STMTTRN> opened at line 79/);
  });

  test("a wrong amount, an impossible date and an unknown currency are refused with their line", () => {
    const cases: [string, string, string, string][] = [
      ["<TRNAMT>-42,99", "<TRNAMT>12 EUR", "line 44, TRNAMT", "is not a decimal amount"],
      ["<DTPOSTED>20240304", "<DTPOSTED>20240230", "line 42, DTPOSTED", "is not a valid date"],
      ["<CURDEF>EUR", "<CURDEF>EURO", "line 30", "not an ISO 4217 currency"],
    ];
    for (const [from, to, where, reason] of cases) {
      const refused = refusal(() => parseStatement(Buffer.from(FRENCH.replace(from, to), "latin1"), "bad.ofx"));
      expect(refused.where).toBe(where);
      expect(refused.reason).toContain(reason);
    }
  });

  test("binary garbage named .ofx is refused as binary, quoting its first bytes", () => {
    const garbage = new Uint8Array(4096).map((_, index) => (index * 7919 + 13) % 256);
    const refused = refusal(() => parseStatement(garbage, "statement.ofx"));
    expect(refused.format).toBe("ofx");
    expect(refused.reason).toContain("binary data");
    expect(refused.reason).toContain("it starts with 0d fc eb da");
  });

  test("a picture or an archive renamed .ofx is named for what it is", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(refusal(() => parseStatement(png, "statement.ofx")).reason).toBe("this is a PNG image, not a bank statement");
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
    expect(refusal(() => parseStatement(zip, "statement.ofx")).reason).toContain("ZIP archive");
  });

  test("text named .ofx that is not OFX is refused, not read as something else", () => {
    const refused = refusal(() => parseStatement(new TextEncoder().encode("hello, world\nthis is a letter\n"), "statement.ofx"));
    expect(refused.reason).toContain("named .ofx but does not look like one");
  });

  test("an empty file is refused", () => {
    expect(refusal(() => parseStatement(new Uint8Array(0), "statement.ofx")).reason).toBe("the file is empty");
  });

  test("an OFX 2 document with a DOCTYPE is refused like any XML with declarations", () => {
    const xml = readFileSync(join(CORPUS, "suncorp.ofx"), "utf8").replace("<OFX>", '<!DOCTYPE OFX [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<OFX>');
    const refused = refusal(() => parseStatement(new TextEncoder().encode(xml), "suncorp.ofx"));
    expect(refused.reason).toContain("declarations are refused");
  });
});

describe("size limit", () => {
  let dir = "";
  let bigFile = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cozy-banks-ofx-"));
    bigFile = join(dir, "sixty-megabytes.ofx");
    const [head, tail] = [FRENCH.slice(0, FRENCH.indexOf("<STMTTRN>")), FRENCH.slice(FRENCH.indexOf("</BANKTRANLIST>"))];
    const transaction = "<STMTTRN>\n<TRNTYPE>POS\n<DTPOSTED>20240305\n<TRNAMT>-4.50\n<NAME>CB CAFE DE FLORE\n</STMTTRN>\n";
    const chunk = Buffer.from(transaction.repeat(Math.ceil((1024 * 1024) / transaction.length)));
    const descriptor = openSync(bigFile, "w");
    writeSync(descriptor, head);
    for (let written = 0; written < 60 * 1024 * 1024; written += chunk.length) writeSync(descriptor, chunk);
    writeSync(descriptor, tail);
    closeSync(descriptor);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a 60 MB OFX file is refused by its size on disk (413), before it is read", async () => {
    const size = statSync(bigFile).size;
    expect(size).toBeGreaterThan(60 * 1024 * 1024);
    let refused: unknown;
    try {
      await parseStatementFile(bigFile);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StatementTooLargeError);
    const tooLarge = refused as StatementTooLargeError;
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.code).toBe("statement_too_large");
    expect(tooLarge.sizeBytes).toBe(size);
    expect(tooLarge.limitBytes).toBe(50 * 1024 * 1024);
    expect(tooLarge.message).toContain(`${size} bytes`);
  });

  test("bytes already in memory are held to the same limit, and maxBytes moves it", () => {
    const bytes = Buffer.from(FRENCH, "latin1");
    expect(() => parseStatement(bytes, "releve.ofx", { maxBytes: bytes.length - 1 })).toThrow(StatementTooLargeError);
    expect(parseStatement(bytes, "releve.ofx", { maxBytes: bytes.length }).accounts).toHaveLength(1);
  });
});
