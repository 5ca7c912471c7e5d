// QIF exports: several date styles (M/D'YY, DD/MM/YYYY, YYYY-MM-DD, MM/DD/YY),
// day/month order as an option or deduced, several accounts, splits.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStatement, StatementError } from "../../appliance/src/banks/parsers";

const FIXTURES = join(import.meta.dir, "../fixtures/banks");

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

function qif(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function refusal(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).status).toBe(422);
    return error as StatementError;
  }
  throw new Error("expected the statement to be refused");
}

function rows(bytes: Uint8Array, name: string, options = {}) {
  const statement = parseStatement(bytes, name, options);
  expect(statement.format).toBe("qif");
  return statement.accounts.flatMap((account) => account.transactions.map((t) => [t.bookingDate, t.amountMinor, t.label]));
}

describe("QIF date styles", () => {
  test("Quicken US style M/D'YY with spaces, thousands separators and a check number", () => {
    const statement = parseStatement(fixture("quicken-us-apostrophe.qif"), "checking.qif");
    const transactions = statement.accounts[0]?.transactions ?? [];
    expect(transactions.map((t) => [t.bookingDate, t.amountMinor, t.label])).toEqual([
      ["2024-01-05", -450, "BLUE BOTTLE COFFEE"],
      ["2024-01-05", -450, "BLUE BOTTLE COFFEE"],
      ["2024-01-15", 250000, "ACME PAYROLL"],
      ["2023-12-31", -123456, "CITY RENT LLC"],
    ]);
    expect(transactions[3]).toMatchObject({ checkNumber: "CHK 1001", sourceCategory: "Housing:Rent" });
    expect(transactions[0]?.memo).toBe("Card 1234");
  });

  test("European DD/MM/YYYY with decimal comma, deduced from a day above 12", () => {
    expect(rows(fixture("european-dd-mm-yyyy.qif"), "card.qif")).toEqual([
      ["2024-02-03", -1230, "MONOPRIX PARIS 11"],
      ["2024-02-25", -104500, "AIR FRANCE"],
      ["2024-02-28", 15000, "REMBOURSEMENT AMELI"],
    ]);
  });

  test("ISO YYYY-MM-DD needs no order", () => {
    expect(rows(fixture("iso-dates-splits.qif"), "joint.qif").map((row) => row[0])).toEqual(["2024-03-01", "2024-03-02", "2024-03-05"]);
  });

  test("two-digit years: 99 is 1999, 00 is 2000; ambiguous dates are read month first, with a warning", () => {
    const statement = parseStatement(fixture("us-two-digit-years.qif"), "old.qif");
    expect(statement.accounts[0]?.transactions.map((t) => t.bookingDate)).toEqual(["1999-12-03", "2000-01-04"]);
    expect(statement.warnings.join(" ")).toContain("month/day/year assumed");
  });

  test("the option settles day/month order when the values cannot", () => {
    const dayFirst = rows(fixture("us-two-digit-years.qif"), "old.qif", { qifDateOrder: "dmy" });
    expect(dayFirst.map((row) => row[0])).toEqual(["1999-03-12", "2000-04-01"]);
  });

  test("dates that contradict each other (13/01 and 01/13) are refused", () => {
    const text = "!Type:Bank\nD13/01/2024\nT-1.00\nPA\n^\nD01/13/2024\nT-2.00\nPB\n^\n";
    expect(refusal(() => parseStatement(qif(text), "x.qif")).reason).toContain("choose the date order");
  });
});

describe("QIF accounts and splits", () => {
  test("!Account blocks give one account each, with name and type", () => {
    const statement = parseStatement(fixture("iso-dates-splits.qif"), "joint.qif");
    expect(statement.accounts.map((account) => [account.name, account.accountType, account.transactions.length])).toEqual([
      ["Joint checking", "bank", 2],
      ["Savings", "bank", 1],
    ]);
    expect(statement.accounts[1]?.transactions[0]?.sourceCategory).toBe("[Joint checking]");
  });

  test("split lines (S, E, $) are kept and add up to the total", () => {
    const [groceries] = parseStatement(fixture("iso-dates-splits.qif"), "joint.qif").accounts[0]?.transactions ?? [];
    expect(groceries?.amountMinor).toBe(-12000);
    expect(groceries?.splits).toEqual([
      { category: "Groceries", memo: "Food", amountMinor: -8000 },
      { category: "Household", memo: "Cleaning", amountMinor: -4000 },
    ]);
  });

  test("the same file read twice gives the same ids; two identical coffees get two ids", () => {
    const first = parseStatement(fixture("quicken-us-apostrophe.qif"), "a.qif").accounts[0]?.transactions ?? [];
    const again = parseStatement(fixture("quicken-us-apostrophe.qif"), "b.qif").accounts[0]?.transactions ?? [];
    expect(again.map((t) => t.importId)).toEqual(first.map((t) => t.importId));
    expect(first[0]?.importId).not.toBe(first[1]?.importId);
    expect(new Set(first.map((t) => t.importId)).size).toBe(first.length);
  });

  test("the caller's account id enters the hash, so the same rows in two accounts never collide", () => {
    const one = parseStatement(fixture("quicken-us-apostrophe.qif"), "a.qif", { accountId: "acct-1" }).accounts[0]?.transactions ?? [];
    const two = parseStatement(fixture("quicken-us-apostrophe.qif"), "a.qif", { accountId: "acct-2" }).accounts[0]?.transactions ?? [];
    expect(one[0]?.importId).not.toBe(two[0]?.importId);
  });

  test("Windows-1252 and UTF-8 exports read the same accents", () => {
    const text = "!Type:Bank\nD03/02/2024\nT-4,50\nPCB CAFÉ DE LA GARE\nMthé à la menthe\n^\n";
    for (const bytes of [Buffer.from(text, "latin1"), Buffer.from(text, "utf8")]) {
      const [transaction] = parseStatement(new Uint8Array(bytes), "x.qif").accounts[0]?.transactions ?? [];
      expect([transaction?.label, transaction?.amountMinor]).toEqual(["CB CAFÉ DE LA GARE", -450]);
    }
    // Windows-1252 puts œ at 0x9C, where Latin-1 has a control character.
    const cp1252 = Buffer.concat([Buffer.from("!Type:Bank\nD03/02/2024\nT-4,50\nPFLEURISTE\nMc", "latin1"), Buffer.from([0x9c]), Buffer.from("ur\n^\n")]);
    expect(parseStatement(new Uint8Array(cp1252), "x.qif").accounts[0]?.transactions[0]?.memo).toBe("cœur");
  });

  test("the currency is the caller's (QIF has none), EUR by default", () => {
    expect(parseStatement(fixture("quicken-us-apostrophe.qif"), "a.qif", { defaultCurrency: "usd" }).accounts[0]?.currency).toBe("USD");
    expect(parseStatement(fixture("european-dd-mm-yyyy.qif"), "a.qif").accounts[0]?.currency).toBe("EUR");
  });
});

describe("QIF bad input", () => {
  test("a record without a date, an unknown date style or a bad amount is refused with its line", () => {
    const cases: [string, string, string][] = [
      ["!Type:Bank\nT-1.00\nPA\n^\n", "line 2", "no date"],
      ["!Type:Bank\nD2024.13.45\nT-1.00\n^\n", "line 2", "is not a date"],
      ["!Type:Bank\nD01/02/2024\nT-1.00\n^\nD01/03/2024\nTabc\nPB\n^\n", "line 6", "is not an amount"],
      ["!Type:Bank\nD01/02/2024\nPA\n^\n", "line 2", "no amount"],
    ];
    for (const [text, where, reason] of cases) {
      const refused = refusal(() => parseStatement(qif(text), "bad.qif"));
      expect(refused.where).toBe(where);
      expect(refused.reason).toContain(reason);
    }
  });

  test("a file cut before its last ^ is refused as truncated", () => {
    const refused = refusal(() => parseStatement(qif("!Type:Bank\nD01/02/2024\nT-1.00\n^\nD01/03/2024\nT-2"), "cut.qif"));
    expect(refused.where).toBe("line 5");
    expect(refused.reason).toContain("truncated");
  });

  test("category lists and investment records are left out with a warning, not misread as movements", () => {
    const text = "!Type:Cat\nNFood\nE\n^\n!Type:Bank\nD01/02/2024\nT-1.00\nPA\n^\n";
    const statement = parseStatement(qif(text), "mixed.qif");
    expect(statement.accounts[0]?.transactions).toHaveLength(1);
    expect(statement.warnings.join(" ")).toContain("1 records of other kinds");
  });
});
