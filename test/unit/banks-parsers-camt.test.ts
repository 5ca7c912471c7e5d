// CAMT.053 statements: every corpus file reads to the balances, entries and
// amounts its reference reading (the .json beside it) gives; batch entries
// split into their payments; hostile XML is refused before any parsing.
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStatement, StatementError, type ParsedStatement } from "../../appliance/src/banks/parsers";

const CORPUS = join(import.meta.dir, "../../../shared/corpus/banks/camt053");
const FIXTURES = join(import.meta.dir, "../fixtures/banks");

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
    return refused;
  }
  throw new Error("expected the statement to be refused");
}

// The reference readings name balance types their own way.
const REFERENCE_KINDS: Record<string, string> = {
  opening: "opening",
  closing: "closing",
  opening_available: "opening_available",
  closing_available: "closing_available",
  forward_available: "forward_available",
  interim: "interim",
  interim_available: "interim_available",
  information: "information",
  expected_credit: "expected",
};

interface ReferenceEntry {
  statementId: string;
  amount: number;
  currency: string;
  bookingDate: string;
  valueDate?: string;
}

interface Reference {
  entries: ReferenceEntry[];
  statements: { id: string; balances: string[] }[];
}

type Json = Record<string, any>;

function dateOf(value: Json | null): string | undefined {
  return value ? String(value["0"]).slice(0, 10) : undefined;
}

function moneyText(amount: Json): string {
  return `${amount.getAmount} ${amount.getCurrency.getCode}`;
}

function readReference(path: string): Reference {
  const message = JSON.parse(readFileSync(path, "utf8")) as Json;
  const statements = new Map<string, string[]>();
  const entries = (message.getEntries as Json[]).map((entry) => {
    const record = entry.getRecord as Json;
    const balances = (record.getBalances as Json[]).map(
      (balance) => `${REFERENCE_KINDS[balance.getType]} ${moneyText(balance.getAmount)} ${dateOf(balance.getDate)}`,
    );
    statements.set(record.getId, balances);
    return {
      statementId: String(record.getId),
      amount: Number(entry.getAmount.getAmount),
      currency: entry.getAmount.getCurrency.getCode,
      bookingDate: dateOf(entry.getBookingDate) ?? "",
      valueDate: dateOf(entry.getValueDate),
    };
  });
  return { entries, statements: [...statements].map(([id, balances]) => ({ id, balances })) };
}

/** Our reading, shaped like the reference: one row per bank entry (a batch counts once). */
function ourReading(statement: ParsedStatement): Reference {
  const entries = statement.accounts.flatMap((account) =>
    account.transactions
      .filter((transaction) => (transaction.batch?.index ?? 0) === 0)
      .map((transaction) => ({
        statementId: account.statementId ?? "",
        amount: transaction.batch?.entryAmountMinor ?? transaction.amountMinor,
        currency: transaction.currency,
        bookingDate: transaction.bookingDate,
        valueDate: transaction.valueDate,
      })),
  );
  const statements = statement.accounts.map((account) => ({
    id: account.statementId ?? "",
    balances: account.balances.map((balance) => `${balance.kind} ${balance.amountMinor} ${balance.currency} ${balance.date}`),
  }));
  return { entries, statements };
}

describe("CAMT.053 corpus: same balances, entries and amounts as the reference reading", () => {
  const files = readdirSync(CORPUS).filter((name) => name.startsWith("camt053") && name.endsWith(".xml"));

  test("the corpus is there (versions 2, 3, 4 and 8)", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const version of ["v2", "v3", "v4", "v8"]) expect(files.some((name) => name.includes(`.${version}.`))).toBe(true);
  });

  for (const name of files) {
    const reference = join(CORPUS, name.replace(/\.xml$/, ".json"));
    if (!existsSync(reference)) continue;
    test(name, () => {
      const statement = parseStatement(read(join(CORPUS, name)), name);
      expect(statement.format).toBe("camt053");
      const expected = readReference(reference);
      const ours = ourReading(statement);
      // Compared statement by statement: the reference dump of a two-statement
      // message lists only the last statement's entries (a quirk of the dump;
      // the first statement's entry is checked in its own test below).
      for (const { id, balances } of expected.statements) {
        expect(ours.statements.find((candidate) => candidate.id === id)?.balances).toEqual(balances);
        const inStatement = (entry: ReferenceEntry) => entry.statementId === id;
        expect(ours.entries.filter(inStatement)).toEqual(expected.entries.filter(inStatement));
      }
      expect(expected.entries.length).toBeGreaterThan(0);
      for (const account of statement.accounts) {
        for (const transaction of account.transactions) expect(Number.isInteger(transaction.amountMinor)).toBe(true);
      }
    });
  }

  test("the file meant to be wrong (a message without any statement) is refused, saying so", () => {
    const refused = refusal(() => parseStatement(read(join(CORPUS, "camt053.v2.wrong.xml")), "camt053.v2.wrong.xml"));
    expect(refused.format).toBe("camt053");
    expect(refused.reason).toContain("no statement");
  });

  test("amounts keep each balance's own currency and exponent (JPY has no minor unit)", () => {
    const statement = parseStatement(read(join(CORPUS, "camt053.v2.minimal.xml")), "statement.xml");
    const balances = statement.accounts[0]?.balances ?? [];
    expect(balances.find((balance) => balance.code === "CLAV")).toMatchObject({ amountMinor: -2700, currency: "JPY" });
    expect(balances.find((balance) => balance.code === "OPBD")).toMatchObject({ kind: "opening", amountMinor: 1815, currency: "EUR" });
  });

  test("version 8 shapes: status under <Cd>, party names under <Pty>, the servicer's reference as id", () => {
    const [account] = parseStatement(read(join(CORPUS, "camt053.v8.xml")), "v8.xml").accounts;
    expect(account).toMatchObject({ accountId: "NL26VAYB8060476890", name: "FINPETROL", currency: "EUR" });
    expect(account?.transactions[0]).toMatchObject({
      amountMinor: 885,
      counterparty: "NAME NAME",
      importId: "AcctSvcrRef:AAAASESS-FP-CN_98765/01",
      importIdFromSource: true,
    });
  });

  test("a statement split over two <Stmt> gives two accounts with their own balances", () => {
    const statement = parseStatement(read(join(CORPUS, "camt053.v2.multi.statement.xml")), "multi.xml");
    expect(statement.accounts.map((account) => account.statementId)).toEqual(["253EURNL26VAYB8060476890", "254EURNL26VAYB8060476890"]);
    expect(statement.accounts[0]?.transactions.map((transaction) => transaction.amountMinor)).toEqual([885]);
    expect(statement.accounts[0]?.balances.map((balance) => balance.amountMinor)).toEqual([1815, 2700]);
    expect(statement.accounts[1]?.transactions[0]).toMatchObject({ amountMinor: -700, counterparty: "Company Name 2" });
  });
});

describe("CAMT.053 batch entries", () => {
  const batch = () => parseStatement(read(join(FIXTURES, "camt053-batch.xml")), "camt053-batch.xml");

  test("an entry with three TxDtls becomes three transactions that add up to the entry", () => {
    const [account] = batch().accounts;
    const parts = account?.transactions.filter((transaction) => transaction.batch) ?? [];
    expect(parts.map((part) => [part.amountMinor, part.counterparty, part.label])).toEqual([
      [2500, "CPAM PARIS", "REMBOURSEMENT SOINS 01/03"],
      [5200, "MUTUELLE GENERALE", "COMPLEMENT SOINS 01/03"],
      [2500, "CPAM PARIS", "REMBOURSEMENT SOINS 04/03"],
    ]);
    expect(parts.every((part) => part.batch?.entryAmountMinor === 10200 && part.batch.count === 3)).toBe(true);
    expect(parts.reduce((sum, part) => sum + part.amountMinor, 0)).toBe(10200);
    expect(parts[2]?.position).toBe("Stmt[1]/Ntry[2]/NtryDtls/TxDtls[3]");
  });

  test("ids come from the bank first, then the payment; a detail without one gets the entry's id and its index", () => {
    const ids = batch().accounts[0]?.transactions.map((transaction) => transaction.importId);
    expect(ids).toEqual(["AcctSvcrRef:BANKREF-0001", "EndToEndId:CPAM-RBT-1", "AcctSvcrRef:BANKREF-0002-B", "AcctSvcrRef:BANKREF-0002/3"]);
    expect(new Set(ids).size).toBe(4);
  });

  test("IBAN without spaces, BIC, period, balances, the debtor/creditor and several Ustrd lines with an escaped &", () => {
    const [account] = batch().accounts;
    expect(account).toMatchObject({ iban: "FR7630006000011234567890189", bankId: "AGRIFRPPXXX", currency: "EUR", name: "Compte joint" });
    expect([account?.periodStart, account?.periodEnd]).toEqual(["2024-03-01", "2024-03-31"]);
    expect(account?.balances.map((balance) => [balance.kind, balance.amountMinor])).toEqual([["opening", 100000], ["closing", 105901]]);
    expect(account?.transactions[0]).toMatchObject({
      amountMinor: -4299,
      counterparty: "ENGIE",
      label: "ENGIE Facture fevrier 2024 & regul",
      bookingDate: "2024-03-04",
      valueDate: "2024-03-05",
      type: "PMNT/RDDT/ESDD",
    });
  });

  test("a pending entry is left out with a warning (it may change before it is booked)", () => {
    const statement = batch();
    expect(statement.accounts[0]?.transactions).toHaveLength(4);
    expect(statement.warnings.join(" ")).toContain("Ntry[3] has status PDNG");
  });

  test("details that do not add up to their entry are refused, naming the entry", () => {
    const text = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8").replace('<Amt Ccy="EUR">52.00</Amt>', '<Amt Ccy="EUR">51.00</Amt>');
    const refused = refusal(() => parseStatement(new TextEncoder().encode(text), "batch.xml"));
    expect(refused.where).toBe("Stmt[1]/Ntry[2]");
    expect(refused.reason).toContain("add up to 10100");
  });

  test("a missing amount, a bad indicator and a bad date are refused with their element", () => {
    const original = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8");
    const variants: [string, string, string][] = [
      ['<Amt Ccy="EUR">42.99</Amt>', '<Amt Ccy="EUR"></Amt>', "Stmt[1]/Ntry[1]/Amt"],
      ["<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>BOOK", "<CdtDbtInd>DEBIT</CdtDbtInd>\n        <Sts>BOOK", "Stmt[1]/Ntry[1]/CdtDbtInd"],
      ["<Dt>2024-03-04</Dt>", "<Dt>2024-02-30</Dt>", "Stmt[1]/Ntry[1]/BookgDt"],
      ['<Amt Ccy="EUR">42.99</Amt>', '<Amt Ccy="EURO">42.99</Amt>', "Stmt[1]/Ntry[1]/Amt"],
    ];
    for (const [from, to, where] of variants) {
      const refused = refusal(() => parseStatement(new TextEncoder().encode(original.replace(from, to)), "bad.xml"));
      expect(refused.where).toBe(where);
    }
  });
});

describe("CAMT.053 hostile and broken input", () => {
  test("an external entity (XXE) is refused before parsing and never read", () => {
    const refused = refusal(() => parseStatement(read(join(FIXTURES, "camt053-xxe.xml")), "camt053-xxe.xml"));
    expect(refused.reason).toContain("<!DOCTYPE>");
    expect(refused.message).not.toContain("root:");
  });

  test("a billion-laughs entity bomb is refused at once, without expanding anything", () => {
    const refused = refusal(() => parseStatement(read(join(FIXTURES, "camt053-billion-laughs.xml")), "lol.xml"));
    expect(refused.where).toBe("line 2");
    expect(refused.reason).toContain("declarations are refused");
  });

  test("an ENTITY declared without a DOCTYPE line is refused too", () => {
    const text = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8").replace("<Document", '<!ENTITY x "y">\n<Document');
    expect(refusal(() => parseStatement(new TextEncoder().encode(text), "x.xml")).reason).toContain("<!ENTITY>");
  });

  test("a truncated file is refused, naming the line where the XML breaks", () => {
    const text = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8");
    const cut = text.slice(0, text.indexOf("<Ntry>", text.indexOf("<Ntry>") + 1) + 40);
    const refused = refusal(() => parseStatement(new TextEncoder().encode(cut), "cut.xml"));
    expect(refused.where).toBe("line 52");
    expect(refused.reason).toContain("looks truncated");
    const midBalance = text.slice(0, text.indexOf("<Dt>2024-03-31</Dt>"));
    const cutEarly = refusal(() => parseStatement(new TextEncoder().encode(midBalance), "cut.xml"));
    expect(cutEarly.where).toMatch(/^line \d+, column \d+$/);
    expect(cutEarly.reason).toContain("malformed or truncated");
  });

  test("other ISO 20022 messages and unsupported versions are named, not misread", () => {
    const text = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8");
    const camt054 = text.replace("camt.053.001.04", "camt.054.001.04");
    expect(refusal(() => parseStatement(new TextEncoder().encode(camt054), "n.xml")).reason).toContain("CAMT.054");
    const version9 = text.replace("camt.053.001.04", "camt.053.001.09");
    expect(refusal(() => parseStatement(new TextEncoder().encode(version9), "n.xml")).reason).toContain("001.09 is not supported");
  });

  test("bytes that are not UTF-8 in a UTF-8 document are refused with their line", () => {
    const text = readFileSync(join(FIXTURES, "camt053-batch.xml"), "utf8").replace("Compte joint", "Compte \u00e9pargne");
    const latin1 = new Uint8Array(Buffer.from(text, "latin1"));
    const refused = refusal(() => parseStatement(latin1, "latin1.xml"));
    expect(refused.where).toBe("line 20");
    expect(refused.reason).toContain("0xE9 is not valid UTF-8");
  });
});
