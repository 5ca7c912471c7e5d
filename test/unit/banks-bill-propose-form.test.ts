// The bill dialog's form: amounts typed as people type them in French or
// English, and the problems it shows before anything is sent.
import { describe, expect, test } from "bun:test";
import { checkBill, decimalMarkOf, formatAmountInput, parseAmountInput } from "../../web/src/components/banks/BillDialog.form";

describe("amounts typed in the dialog", () => {
  test.each([
    ["54,20", 5420],
    ["54.20", 5420],
    ["54.2", 5420],
    ["54", 5400],
    [" 1 234,56 ", 123456],
    ["1\u202f234,56", 123456],
    ["1.234,56", 123456],
    ["1,234.56", 123456],
    ["1.234.567", 123456700],
    [",50", 50],
    ["+12", 1200],
  ])("%s EUR is %d cents", (typed, minor) => {
    expect(parseAmountInput(typed, "EUR")).toBe(minor);
  });

  test.each([
    ["", "bill.error.amountMissing"],
    ["douze", "bill.error.amountNotNumber"],
    ["12,3,4", "bill.error.amountNotNumber"],
    ["1.2.3", "bill.error.amountNotNumber"],
    ["12.", "bill.error.amountNotNumber"],
    ["12,345.6.7", "bill.error.amountNotNumber"],
    ["54,2051", "bill.error.amountDecimals"],
    ["-12", "bill.error.amountPositive"],
    ["0,00", "bill.error.amountPositive"],
    ["99999999999999", "bill.error.amountTooLarge"],
  ])("%j is refused with %s", (typed, problem) => {
    expect(parseAmountInput(typed, "EUR")).toBe(problem as ReturnType<typeof parseAmountInput>);
  });

  test("a single mark before three digits: the language's decimal mark, else thousands", () => {
    expect(decimalMarkOf("fr")).toBe(",");
    expect(decimalMarkOf("en")).toBe(".");
    expect(parseAmountInput("1,234", "EUR", ".")).toBe(123400);
    expect(parseAmountInput("1.234", "EUR", ",")).toBe(123400);
    expect(parseAmountInput("54,205", "EUR", ",")).toBe("bill.error.amountDecimals");
    expect(parseAmountInput("54.205", "EUR", ".")).toBe("bill.error.amountDecimals");
  });

  test("a currency without decimals refuses them; one with three reads them", () => {
    expect(parseAmountInput("1500", "JPY")).toBe(1500);
    expect(parseAmountInput("15,5", "JPY")).toBe("bill.error.amountNoDecimals");
    expect(parseAmountInput("1,234", "BHD", ",")).toBe(1234);
  });

  test("a proposed amount is shown in the person's language, ungrouped", () => {
    expect(formatAmountInput(123456, "EUR", "fr")).toBe("1234,56");
    expect(formatAmountInput(123456, "EUR", "en")).toBe("1234.56");
    expect(formatAmountInput(1500, "JPY", "en")).toBe("1500");
  });
});

describe("the form's check", () => {
  const good = { vendor: "  Engie  ", date: "2026-03-12", amount: "90,52", currency: "EUR", type: "energy" as const };

  test("a good form is the JSON of POST /api/banks/bills, from the person", () => {
    expect(checkBill(good, 7)).toEqual({ body: { fileId: 7, vendor: "Engie", type: "energy", date: "2026-03-12", amountMinor: 9052, currency: "EUR", source: "person" } });
  });

  test("each problem is named beside its field", () => {
    expect(checkBill({ ...good, vendor: " ", date: "2026-02-30", amount: "abc", currency: "" }, 7)).toEqual({
      errors: { vendor: "bill.error.vendorMissing", date: "bill.error.dateInvalid", amount: "bill.error.amountNotNumber", currency: "bill.error.currency" },
    });
    expect(checkBill({ ...good, date: "", vendor: "x".repeat(201) }, 7)).toEqual({ errors: { vendor: "bill.error.vendorTooLong", date: "bill.error.dateMissing" } });
  });
});

test("the dialog's French strings have every English key and the same {placeholders}", async () => {
  const { billsEn } = await import("../../web/src/i18n/bills.en");
  const { billsFr } = await import("../../web/src/i18n/bills.fr");
  const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  expect(Object.keys(billsFr).sort()).toEqual(Object.keys(billsEn).sort());
  for (const [key, text] of Object.entries(billsEn)) expect({ key, names: names(billsFr[key as keyof typeof billsEn]) }).toEqual({ key, names: names(text) });
});
