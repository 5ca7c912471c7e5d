// Money and dates as every parser reads them: integer minor units by the
// currency's ISO 4217 exponent (never through floating point), real calendar
// dates, and format sniffing from content rather than the file name.
import { describe, expect, test } from "bun:test";
import { parseLocalizedAmount } from "../../appliance/src/banks/parsers/amounts";
import { ofxDate, splitDate } from "../../appliance/src/banks/parsers/dates";
import { convertMinor, decimalToMinor } from "../../appliance/src/banks/parsers/money";
import { currencyExponent, normalizeCurrency, sniffFormat, StatementError } from "../../appliance/src/banks/parsers";

function minor(text: string, currency: string): number | string {
  const result = decimalToMinor(text, currency);
  return result.ok ? result.minor : result.reason;
}

describe("amounts in minor units", () => {
  test("exponents come from the ISO 4217 table: JPY 0, EUR 2, KWD/BHD/TND 3", () => {
    expect(["JPY", "EUR", "USD", "KWD", "BHD", "TND", "CLF"].map(currencyExponent)).toEqual([0, 2, 2, 3, 3, 3, 4]);
    expect(minor("1500", "JPY")).toBe(1500);
    expect(minor("12.345", "KWD")).toBe(12345);
    expect(minor("12.3", "TND")).toBe(12300);
  });

  test("decimal strings that floating point gets wrong are exact", () => {
    expect(minor("0.1", "EUR") as number + (minor("0.2", "EUR") as number)).toBe(30);
    expect(minor("1.005", "USD")).toBe(101); // 1.005 rounds half away from zero; float math gives 100
    expect(minor("-80.00", "USD")).toBe(-8000);
    expect(minor("+00000000000007.9500", "USD")).toBe(795);
    expect(minor("-.5", "EUR")).toBe(-50);
    expect(minor("12,34", "EUR")).toBe(1234);
    expect(minor("90071992547409.91", "EUR")).toBe(Number.MAX_SAFE_INTEGER);
    expect(minor("90071992547409.92", "EUR")).toBe("90071992547409.92 is too large an amount");
  });

  test("text that is not a plain decimal is refused with a reason", () => {
    expect(minor("$120", "USD")).toBe('"$120" is not a decimal amount');
    expect(minor("", "USD")).toBe('"" is not a decimal amount');
    expect(minor("1.2.3", "USD")).toBe('"1.2.3" is not a decimal amount');
  });

  test("people's formats: spaces and dots as thousands, signs after, parentheses, symbols", () => {
    const read = (text: string, decimal: "." | ",") => {
      const result = parseLocalizedAmount(text, decimal, "EUR");
      return result.ok ? result.minor : result.reason;
    };
    expect(read("1 234,56", ",")).toBe(123456);
    expect(read("1\u202f234,56 €", ",")).toBe(123456);
    expect(read("-1.234,56", ",")).toBe(-123456);
    expect(read("1,234.56", ".")).toBe(123456);
    expect(read("(12.30)", ".")).toBe(-1230);
    expect(read("12.30-", ".")).toBe(-1230);
    expect(read("1'234.50", ".")).toBe(123450);
    expect(read("12,30", ".")).toBe('"12,30" is not an amount');
    expect(read("12.30", ",")).toBe('"12.30" is not an amount');
    expect(read("1.234.567,8", ",")).toBe(123456780);
  });

  test("conversion at a rate stays in integers", () => {
    expect(convertMinor(-10000, "USD", "0.92", "EUR")).toBe(-9200);
    expect(convertMinor(1000, "EUR", "162.5", "JPY")).toBe(1625);
    expect(convertMinor(9200, "EUR", "0.92", "USD", true)).toBe(10000);
    expect(convertMinor(100, "EUR", "0", "USD")).toBeUndefined();
  });

  test("currency codes are normalised and unknown ones rejected", () => {
    expect(normalizeCurrency(" eur ")).toBe("EUR");
    expect(normalizeCurrency("EURO")).toBeUndefined();
    expect(normalizeCurrency("XYZ")).toBeUndefined();
  });
});

describe("dates", () => {
  test("OFX date-times keep the bank's calendar day, with or without time and zone", () => {
    expect(ofxDate("20240131")).toBe("2024-01-31");
    expect(ofxDate("20240131235959")).toBe("2024-01-31");
    expect(ofxDate("20130325211209.350[-7:MST]")).toBe("2013-03-25");
    expect(ofxDate("20180804093914:014")).toBe("2018-08-04");
    expect(ofxDate("20240131120000.000[+5.30:IST]")).toBe("2024-01-31");
  });

  test("impossible or malformed dates are not dates", () => {
    expect(ofxDate("20120231")).toBeUndefined();
    expect(ofxDate("201120000000")).toBeUndefined();
    expect(ofxDate("2024-01-31")).toBeUndefined();
    expect(ofxDate("")).toBeUndefined();
  });

  test("the date styles of QIF and CSV split into parts before the order is known", () => {
    expect(splitDate("1/ 5'24")).toEqual({ first: 1, second: 5, year: 2024, yearFirst: false });
    expect(splitDate("31.12.1999")).toEqual({ first: 31, second: 12, year: 1999, yearFirst: false });
    expect(splitDate("2024-03-01")).toEqual({ first: 3, second: 1, year: 2024, yearFirst: true });
    expect(splitDate("20240301")).toEqual({ first: 3, second: 1, year: 2024, yearFirst: true });
    expect(splitDate("15/03/2024 10:22")).toEqual({ first: 15, second: 3, year: 2024, yearFirst: false });
    expect(splitDate("2024-03-15T10:22:00Z")).toEqual({ first: 3, second: 15, year: 2024, yearFirst: true });
    expect(splitDate("3/15/2024 9:05:00 PM")).toEqual({ first: 3, second: 15, year: 2024, yearFirst: false });
    expect(splitDate("last tuesday")).toBeUndefined();
    expect(splitDate("12:30")).toBeUndefined();
  });
});

describe("format sniffing looks at the content", () => {
  const text = (value: string) => new TextEncoder().encode(value);

  test("OFX, QFX, CAMT.053 and QIF are found whatever the file is called", () => {
    expect(sniffFormat(text("OFXHEADER:100\nDATA:OFXSGML\n\n<OFX></OFX>"), "download.txt")).toBe("ofx");
    expect(sniffFormat(text('<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>\n<OFX></OFX>'), "export.xml")).toBe("ofx");
    expect(sniffFormat(text("OFXHEADER:100\n\n<OFX></OFX>"), "download.qfx")).toBe("qfx");
    const camt = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>';
    expect(sniffFormat(text(camt), "statement.ofx")).toBe("camt053");
    expect(sniffFormat(text("!Type:Bank\nD01/02/2024\nT-1\n^\n"), "export.csv")).toBe("qif");
    expect(sniffFormat(text("Date;Montant\n01/02/2024;-1,00\n"), "export")).toBe("csv");
    expect(sniffFormat(text("\uFEFF!Type:Bank\nD01/02/2024\nT-1\n^\n"), "export.qif")).toBe("qif");
    expect(sniffFormat(text("\uFEFFOFXHEADER:100\n"), "export.txt")).toBe("ofx");
  });

  test("other XML and mislabelled text are refused with what was expected", () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(StatementError);
        return (error as StatementError).reason;
      }
      return "accepted";
    };
    expect(refusal(() => sniffFormat(text("<html><body>Hello</body></html>"), "statement.html"))).toContain("neither an OFX");
    expect(refusal(() => sniffFormat(text("Date;Montant\n"), "statement.qif"))).toContain("no !Type: header found");
  });
});
