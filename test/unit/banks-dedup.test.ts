// The dedup passes and account matching, case by case: what is the same
// payment, what is doubtful, and what is a different one.
import { describe, expect, test } from "bun:test";
import type { BankAccountRow } from "../../appliance/src/banks/banks.schema";
import { dedupTransactions, type ExistingTransaction } from "../../appliance/src/banks/import/dedup";
import { sameAccount } from "../../appliance/src/banks/import/matching";
import { labelSimilarity, labelTokens } from "../../appliance/src/banks/import/similarity";
import type { ParsedAccount, ParsedTransaction } from "../../appliance/src/banks/parsers";

function parsed(importId: string, bookingDate: string, amountMinor: number, label: string, counterparty?: string): ParsedTransaction {
  return { importId, importIdFromSource: true, bookingDate, amountMinor, currency: "EUR", label, rawLabel: label, counterparty, position: "test" };
}

function stored(id: number, importId: string, bookingDate: string, amountMinor: number, label: string): ExistingTransaction {
  return { id, importId, bookingDate, amountMinor, label, counterparty: null };
}

describe("label similarity", () => {
  test("ignores bank noise, accents, case, dates and short numbers", () => {
    expect([...labelTokens("CB Café de Flore 04/04 X1234")]).toEqual(["CAFE", "FLORE", "X1234"]);
    expect(labelSimilarity(labelTokens("PRLV SEPA ENGIE"), labelTokens("ENGIE Facture avril 2024"))).toBe(1);
    expect(labelSimilarity(labelTokens("CB SNCF"), labelTokens("CB AMAZON"))).toBe(0);
  });

  test("a label made only of noise words is still compared by them", () => {
    expect(labelSimilarity(labelTokens("RETRAIT DAB"), labelTokens("RETRAIT DAB 27/04"))).toBe(1);
  });
});

describe("dedup", () => {
  const existing = [stored(1, "FIT1", "2024-04-02", -4299, "PRLV SEPA ENGIE"), stored(2, "FIT2", "2024-04-05", -450, "CB CAFE DE FLORE")];

  const cases: [string, ParsedTransaction, { fresh: number; knownById: number; knownByMatch: number; unsure: number }][] = [
    ["the same id", parsed("FIT1", "2024-04-02", -4299, "anything"), { fresh: 0, knownById: 1, knownByMatch: 0, unsure: 0 }],
    ["another format, same day, alike label", parsed("AcctSvcrRef:X", "2024-04-02", -4299, "ENGIE Facture"), { fresh: 0, knownById: 0, knownByMatch: 1, unsure: 0 }],
    ["another format, a day later", parsed("AcctSvcrRef:X", "2024-04-03", -4299, "ENGIE"), { fresh: 0, knownById: 0, knownByMatch: 1, unsure: 0 }],
    ["another format, 3 days later: unsure", parsed("AcctSvcrRef:X", "2024-04-05", -4299, "ENGIE"), { fresh: 1, knownById: 0, knownByMatch: 0, unsure: 1 }],
    ["another format, 4 days later: new", parsed("AcctSvcrRef:X", "2024-04-06", -4299, "ENGIE"), { fresh: 1, knownById: 0, knownByMatch: 0, unsure: 0 }],
    ["another format, same day, other label: unsure", parsed("AcctSvcrRef:X", "2024-04-02", -4299, "TOTALLY ELSE"), { fresh: 1, knownById: 0, knownByMatch: 0, unsure: 1 }],
    ["another amount: new", parsed("AcctSvcrRef:X", "2024-04-02", -4300, "ENGIE"), { fresh: 1, knownById: 0, knownByMatch: 0, unsure: 0 }],
    ["another id of the same format is another payment", parsed("FIT9", "2024-04-02", -4299, "PRLV SEPA ENGIE"), { fresh: 1, knownById: 0, knownByMatch: 0, unsure: 0 }],
  ];
  for (const [name, tx, expected] of cases) {
    test(name, () => {
      const result = dedupTransactions([tx], existing, new Set(["AcctSvcrRef:X"]));
      expect({ fresh: result.fresh.length, knownById: result.knownById, knownByMatch: result.knownByMatch, unsure: result.unsure.length }).toEqual(expected);
    });
  }

  test("an unsure one is left out unless the person includes it", () => {
    const tx = parsed("AcctSvcrRef:X", "2024-04-05", -4299, "ENGIE");
    expect(dedupTransactions([tx], existing, new Set()).fresh).toHaveLength(0);
    expect(dedupTransactions([tx], existing, new Set(["AcctSvcrRef:X"])).fresh).toHaveLength(1);
  });

  test("two identical coffees match two stored ones, one each; a third is new", () => {
    const twice = [stored(2, "FIT2", "2024-04-05", -450, "CB CAFE DE FLORE"), stored(3, "FIT3", "2024-04-05", -450, "CB CAFE DE FLORE")];
    const coffees = ["A", "B", "C"].map((id) => parsed(`AcctSvcrRef:${id}`, "2024-04-05", -450, "CAFE DE FLORE PARIS"));
    const result = dedupTransactions(coffees, twice, new Set());
    expect(result.knownByMatch).toBe(2);
    expect(result.fresh).toHaveLength(1);
  });
});

describe("account matching", () => {
  const row = (fields: Partial<BankAccountRow>): BankAccountRow => ({
    id: 1, userId: 1, name: "x", bankId: null, accountNumber: null, iban: null, currency: "EUR", type: null, csvMapping: null, importKey: "k", createdAt: 0, ...fields,
  });
  const account = (fields: Partial<ParsedAccount>): ParsedAccount => ({ currency: "EUR", balances: [], transactions: [], ...fields });

  test("by IBAN, spaces and case aside", () => {
    expect(sameAccount(account({ iban: "fr06 3000 4001 2300 0123 4567 842" }), row({ iban: "FR0630004001230001234567842" }))).toBe(true);
    expect(sameAccount(account({ iban: "FR0630004001230001234567842" }), row({ iban: "FR7630004001230001234567800" }))).toBe(false);
  });

  test("by account number and bank id", () => {
    expect(sameAccount(account({ accountId: "00012345678", bankId: "30004" }), row({ accountNumber: "00012345678", bankId: "30004" }))).toBe(true);
    expect(sameAccount(account({ accountId: "00012345678", bankId: "30006" }), row({ accountNumber: "00012345678", bankId: "30004" }))).toBe(false);
  });

  test("an OFX account number and bank code inside a CAMT's IBAN", () => {
    expect(sameAccount(account({ iban: "FR0630004001230001234567842" }), row({ accountNumber: "00012345678", bankId: "30004" }))).toBe(true);
    expect(sameAccount(account({ accountId: "00012345678", bankId: "30004" }), row({ iban: "FR0630004001230001234567842" }))).toBe(true);
    expect(sameAccount(account({ accountId: "00012345678", bankId: "30006" }), row({ iban: "FR0630004001230001234567842" }))).toBe(false);
    expect(sameAccount(account({ accountId: "1234" }), row({ iban: "FR0630004001230001234567842" }))).toBe(false);
  });
});
