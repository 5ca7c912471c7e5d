// The brand table is data: every entry must compile and find its own labels;
// a vendor it does not know is looked for as its own name.
import { describe, expect, test } from "bun:test";
import { windowRanges } from "../../appliance/src/banks/bills/linker";
import table from "../../appliance/src/banks/linking/brands.json";
import { normalizeText, vendorMatcher } from "../../appliance/src/banks/linking/brands";
import { dateOf, dayOf, isCalendarDate } from "../../appliance/src/banks/linking/dates";

describe("brand table", () => {
  test("every brand names vendors and label patterns that compile", () => {
    for (const brand of table.brands) {
      expect(brand.vendors.length).toBeGreaterThan(0);
      expect(brand.labels.length).toBeGreaterThan(0);
      for (const pattern of brand.labels) expect(() => new RegExp(pattern)).not.toThrow();
    }
  });

  test("each spelling of a vendor finds the brand, and its labels", () => {
    const cases: [string, string, string | null][] = [
      ["CPAM Paris", "VIR CPAM PARIS REMBT", "CPAM"],
      ["Ameli", "VIR C.P.A.M. DE LYON", "C P A M"],
      ["Assurance Maladie", "VIR ASSURANCE MALADIE PRESTATIONS", "ASSURANCE MALADIE"],
      ["Électricité de France", "PRLV SEPA EDF CLIENTS", "EDF"],
      ["Canal+", "PRLV CANAL PLUS", "CANAL PLUS"],
      ["Free", "PRLV SEPA FREE MOBILE", "FREE MOBILE"],
      ["Harmonie Mutuelle", "VIR HARMONIE MUT 123", "HARMONIE MUT"],
    ];
    for (const [vendor, label, matched] of cases) expect(vendorMatcher(vendor).match(normalizeText(label))).toBe(matched);
    expect(vendorMatcher("CPAM Paris").key).toBe(vendorMatcher("Ameli").key);
  });

  test("health insurers are flagged, other vendors are not", () => {
    expect(vendorMatcher("CPAM 75").healthInsurer).toBe(true);
    expect(vendorMatcher("MGEN").healthInsurer).toBe(true);
    expect(vendorMatcher("Engie").healthInsurer).toBe(false);
    expect(vendorMatcher("Dr Martin").healthInsurer).toBe(false);
  });

  test("a vendor the table does not know: its name as whole words, without its legal form", () => {
    const matcher = vendorMatcher("Boulangerie Martin SARL");
    expect(matcher.brand).toBeNull();
    expect(matcher.match(normalizeText("CB BOULANGERIE MARTIN 12/03"))).toBe("BOULANGERIE MARTIN");
    expect(matcher.match(normalizeText("CB BOULANGERIE MARTINEZ"))).toBeNull();
    expect(vendorMatcher("?").match("ANYTHING")).toBeNull();
  });
});

describe("dates and windows", () => {
  test("days are counted without time zones, leap days included", () => {
    expect(dayOf("1970-01-01")).toBe(0);
    expect(dayOf("2024-03-01") - dayOf("2024-02-28")).toBe(2);
    expect(dateOf(dayOf("2000-02-29"))).toBe("2000-02-29");
    expect(isCalendarDate("2024-02-30")).toBe(false);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-02-29")).toBe(true);
  });

  test("the transactions a run reads: each bill's windows, merged", () => {
    const bill = (id: number, date: string, original: string | null = null) => ({
      id, vendor: "CPAM", type: "health_costs", date, amountMinor: 100, currency: "EUR", originalAmountMinor: original ? 200 : null, originalDate: original,
    });
    expect(windowRanges([bill(1, "2024-03-10"), bill(2, "2024-03-20")])).toEqual([["2024-02-24", "2024-04-18"]]);
    expect(windowRanges([bill(1, "2024-03-10"), bill(2, "2024-09-01")])).toEqual([["2024-02-24", "2024-04-08"], ["2024-08-17", "2024-09-30"]]);
    // An insurer's statement: the debit around what was paid, the credit around the statement.
    expect(windowRanges([bill(1, "2024-09-01", "2024-03-10")])).toEqual([["2024-02-24", "2024-04-08"], ["2024-08-17", "2024-09-30"]]);
  });
});
