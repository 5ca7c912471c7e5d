// CSV exports: encodings (Windows-1252, UTF-8 with/without BOM, UTF-16 LE/BE),
// delimiters, decimal comma and thousands separators, date order, header row,
// proposed column roles, parsing with a confirmed mapping, refusals by line.
import { describe, expect, test } from "bun:test";
import { detectCsv, parseStatement, StatementError, StatementTooLargeError, type CsvMapping } from "../../appliance/src/banks/parsers";

// A French bank's export: an account line above the table, semicolons,
// decimal comma, "1 234,56" and "2.500,00", dd/mm/yyyy, newest first.
const FRENCH = [
  "Compte courant n° 12345678901;;;;",
  "Date;Libellé;Débit;Crédit;Solde",
  "05/02/2024;VIR SALAIRE ACME;;2.500,00;4 836,67",
  "02/02/2024;CB CAFÉ DE FLORE;4,50;;2 336,67",
  "02/02/2024;CB CAFÉ DE FLORE;4,50;;2 341,17",
  '31/01/2024;"PRLV SEPA EDF; Électricité";-1 234,56;;2 345,67',
  "",
].join("\r\n");

const ENGLISH = [
  "Date,Description,Amount,Currency,Balance",
  '01/31/2024,"Coffee, large",-4.50,USD,"1,995.50"',
  '02/13/2024,Paycheck,"1,234.00",USD,"3,229.50"',
  "",
].join("\n");

function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "latin1"));
}

function utf16(text: string, order: "le" | "be", bom = true): Uint8Array {
  const little = Buffer.from(text, "utf16le");
  const body = order === "le" ? little : Buffer.from(little).swap16();
  const mark = order === "le" ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from(bom ? mark : []), body]));
}

function refusal(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).status).toBe(422);
    expect((error as StatementError).format).toBe("csv");
    return error as StatementError;
  }
  throw new Error("expected the statement to be refused");
}

describe("detectCsv", () => {
  test("a French Windows-1252 export: encoding, ';', decimal comma, dd/mm/yyyy, header below an account line", () => {
    const detection = detectCsv(latin1(FRENCH));
    expect(detection).toMatchObject({
      encoding: "windows-1252",
      hasBom: false,
      delimiter: ";",
      decimalSeparator: ",",
      dateOrder: "dmy",
      hasHeader: true,
      skipRows: 1,
    });
    expect(detection.columns.map((column) => [column.header, column.role])).toEqual([
      ["Date", "date"],
      ["Libellé", "label"],
      ["Débit", "debit"],
      ["Crédit", "credit"],
      ["Solde", "balance"],
    ]);
    expect(detection.columns.every((column) => column.confidence >= 0.9)).toBe(true);
    expect(detection.sampleRows[0]).toEqual(["05/02/2024", "VIR SALAIRE ACME", "", "2.500,00", "4 836,67"]);
    expect(detection.sampleRows[3]?.[1]).toBe("PRLV SEPA EDF; Électricité");
  });

  test("UTF-16 LE and BE with a BOM, and UTF-16 without one, read the same as UTF-8", () => {
    const expected = detectCsv(new TextEncoder().encode(ENGLISH));
    for (const bytes of [utf16(ENGLISH, "le"), utf16(ENGLISH, "be"), utf16(ENGLISH, "le", false)]) {
      const detection = detectCsv(bytes);
      expect(detection.encoding).toMatch(/^utf-16/);
      expect(detection.columns).toEqual(expected.columns);
      expect(detection.sampleRows).toEqual(expected.sampleRows);
    }
    expect(detectCsv(utf16(ENGLISH, "be")).encoding).toBe("utf-16be");
  });

  test("UTF-8 with a BOM: the BOM is noted and not part of the first header", () => {
    const detection = detectCsv(new TextEncoder().encode(`\uFEFF${ENGLISH}`));
    expect(detection).toMatchObject({ encoding: "utf-8", hasBom: true, delimiter: ",", decimalSeparator: ".", dateOrder: "mdy" });
    expect(detection.columns.map((column) => column.role)).toEqual(["date", "label", "amount", "currency", "balance"]);
  });

  test("tab and pipe delimiters, ISO dates", () => {
    for (const delimiter of ["\t", "|"]) {
      const text = ["Booking date", "Payee", "Amount"].join(delimiter) + "\n" + ["2024-03-01", "Rent", "-800.00"].join(delimiter) + "\n";
      const detection = detectCsv(new TextEncoder().encode(text));
      expect(detection).toMatchObject({ delimiter, dateOrder: "ymd" });
      expect(detection.columns.map((column) => column.role)).toEqual(["date", "label", "amount"]);
    }
  });

  test("without a header, roles come from the values: dates, signed amounts, text", () => {
    const text = "15/03/2024,CARREFOUR MARKET,-23.40\n16/03/2024,SNCF VOYAGES,-54.00\n20/03/2024,VIREMENT CAF,120.00\n";
    const detection = detectCsv(new TextEncoder().encode(text));
    expect(detection.hasHeader).toBe(false);
    expect(detection.dateOrder).toBe("dmy");
    expect(detection.columns.map((column) => column.role)).toEqual(["date", "label", "amount"]);
    expect(detection.columns.every((column) => column.confidence < 0.9)).toBe(true);
  });

  test("month first is deduced from a value above 12 in the second place", () => {
    const text = "Date;Label;Amount\n03/14/2024;A;-1,00\n03/02/2024;B;-2,00\n";
    expect(detectCsv(new TextEncoder().encode(text)).dateOrder).toBe("mdy");
  });
});

describe("parsing CSV", () => {
  test("the French export: signed amounts from debit/credit, accents, quoted ';', closing balance of the newest row", () => {
    const statement = parseStatement(latin1(FRENCH), "export.csv");
    expect(statement.format).toBe("csv");
    const [account] = statement.accounts;
    expect(account?.transactions.map((t) => [t.bookingDate, t.amountMinor, t.label, t.position])).toEqual([
      ["2024-02-05", 250000, "VIR SALAIRE ACME", "line 3"],
      ["2024-02-02", -450, "CB CAFÉ DE FLORE", "line 4"],
      ["2024-02-02", -450, "CB CAFÉ DE FLORE", "line 5"],
      ["2024-01-31", -123456, "PRLV SEPA EDF; Électricité", "line 6"],
    ]);
    expect(account?.balances).toEqual([{ kind: "closing", amountMinor: 483667, currency: "EUR", date: "2024-02-05" }]);
  });

  test("two identical coffees are two transactions; reading the file again gives the same ids", () => {
    const first = parseStatement(latin1(FRENCH), "export.csv").accounts[0]?.transactions ?? [];
    const again = parseStatement(latin1(FRENCH), "export (1).csv").accounts[0]?.transactions ?? [];
    expect(first[1]?.importId).not.toBe(first[2]?.importId);
    expect(again.map((t) => t.importId)).toEqual(first.map((t) => t.importId));
  });

  test("the same rows saved as UTF-8 or UTF-16 give the same transactions and ids", () => {
    const fromLatin1 = parseStatement(latin1(FRENCH), "a.csv").accounts[0]?.transactions;
    const fromUtf8 = parseStatement(new TextEncoder().encode(FRENCH), "a.csv").accounts[0]?.transactions;
    const fromUtf16 = parseStatement(utf16(FRENCH, "le"), "a.csv").accounts[0]?.transactions;
    expect(fromUtf8).toEqual(fromLatin1 ?? []);
    expect(fromUtf16).toEqual(fromLatin1 ?? []);
  });

  test("an amount column with a currency column, thousands separators and quoted commas", () => {
    const [account] = parseStatement(new TextEncoder().encode(ENGLISH), "chase.csv").accounts;
    expect(account?.transactions.map((t) => [t.bookingDate, t.amountMinor, t.currency, t.label])).toEqual([
      ["2024-01-31", -450, "USD", "Coffee, large"],
      ["2024-02-13", 123400, "USD", "Paycheck"],
    ]);
  });

  test("a confirmed mapping overrides the guesses (a column re-marked, day/month order, currency, account)", () => {
    const text = "Date;Label;Amount;Note\n01/02/2024;A;-1,00;first\n03/02/2024;B;-2,00;second\n";
    const mapping: CsvMapping = {
      dateOrder: "mdy",
      currency: "CHF",
      accountId: "ch-1",
      columns: [
        { index: 0, role: "date" },
        { index: 1, role: "label" },
        { index: 2, role: "amount" },
        { index: 3, role: "memo" },
      ],
    };
    const [account] = parseStatement(new TextEncoder().encode(text), "x.csv", { csvMapping: mapping }).accounts;
    expect(account).toMatchObject({ accountId: "ch-1", currency: "CHF" });
    expect(account?.transactions.map((t) => [t.bookingDate, t.amountMinor, t.memo])).toEqual([
      ["2024-01-02", -100, "first"],
      ["2024-03-02", -200, "second"],
    ]);
  });

  test("a footer row with neither date nor amount is skipped with a warning", () => {
    const text = `${FRENCH}Fin du relevé;;;;\r\n`;
    const statement = parseStatement(latin1(text), "export.csv");
    expect(statement.accounts[0]?.transactions).toHaveLength(4);
    expect(statement.warnings.join(" ")).toContain("line 7 has no date and no amount");
  });
});

describe("CSV bad input", () => {
  test("mixed encodings (a UTF-8 line and a Windows-1252 line) are refused, naming the line", () => {
    const utf8Part = Buffer.from("Date;Libellé;Montant\r\n02/02/2024;CB CAFÉ;-4,50\r\n", "utf8");
    const latin1Part = Buffer.from("03/02/2024;CB BOULANGERIE ÉTOILE;-2,10\r\n", "latin1");
    const refused = refusal(() => parseStatement(new Uint8Array(Buffer.concat([utf8Part, latin1Part])), "mixed.csv"));
    expect(refused.where).toBe("line 3");
    expect(refused.reason).toBe("the file mixes encodings: line 1 is UTF-8 but line 3 is not (byte 0xC9 at column 27)");
    expect(() => detectCsv(new Uint8Array(Buffer.concat([utf8Part, latin1Part])))).toThrow(StatementError);
  });

  test("an unreadable date or amount is refused with its line and the expected order", () => {
    const badDate = FRENCH.replace("31/01/2024", "31/13/2024");
    const refused = refusal(() => parseStatement(latin1(badDate), "x.csv"));
    expect(refused.where).toBe("line 6");
    expect(refused.reason).toBe('"31/13/2024" is not a date in dd/mm/yyyy order');
    const badAmount = FRENCH.replace("4,50;;2 341,17", "4,5O;;2 341,17");
    expect(refusal(() => parseStatement(latin1(badAmount), "x.csv")).where).toBe("line 5");
  });

  test("a row with an amount but no date is refused", () => {
    const text = FRENCH.replace("02/02/2024;CB CAFÉ DE FLORE;4,50;;2 341,17", ";CB CAFÉ DE FLORE;4,50;;2 341,17");
    const refused = refusal(() => parseStatement(latin1(text), "x.csv"));
    expect(refused.where).toBe("line 5");
    expect(refused.reason).toBe("the row has an amount but no date");
  });

  test("a quoted field never closed (a truncated file) is refused with the line it starts on", () => {
    const cut = FRENCH.slice(0, FRENCH.indexOf("Électricité"));
    expect(refusal(() => parseStatement(latin1(cut), "cut.csv")).where).toBe("line 6");
  });

  test("a mapping without a date or an amount column is refused before reading rows", () => {
    const mapping: CsvMapping = { columns: [{ index: 1, role: "label" }, { index: 2, role: "debit" }] };
    expect(refusal(() => parseStatement(latin1(FRENCH), "x.csv", { csvMapping: mapping })).reason).toContain("date");
  });

  test("a currency that is not ISO 4217 in the mapping or the options is refused", () => {
    const mapping: CsvMapping = { currency: "EURO", columns: [{ index: 0, role: "date" }, { index: 2, role: "debit" }] };
    expect(refusal(() => parseStatement(latin1(FRENCH), "x.csv", { csvMapping: mapping })).where).toBe("option csvMapping.currency");
    expect(refusal(() => parseStatement(latin1(FRENCH), "x.csv", { defaultCurrency: "€" })).reason).toContain("not an ISO 4217");
  });

  test("one column of prose is not a CSV statement", () => {
    const prose = "Dear customer\nYour statement is attached\n";
    expect(refusal(() => parseStatement(new TextEncoder().encode(prose), "letter.txt")).reason).toContain("no delimiter");
  });

  test("detection refuses an empty file and one over the size limit, with its size", () => {
    expect(refusal(() => detectCsv(new Uint8Array(0))).reason).toBe("the file is empty");
    const bytes = latin1(FRENCH);
    let refused: unknown;
    try {
      detectCsv(bytes, { maxBytes: 100 });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(StatementTooLargeError);
    expect((refused as StatementTooLargeError).status).toBe(413);
    expect((refused as StatementTooLargeError).message).toContain(`${bytes.length} bytes, over the limit of 100 bytes`);
  });

  test("UTF-16 cut in the middle of a character is refused", () => {
    const bytes = utf16(ENGLISH, "le");
    const odd = bytes.subarray(0, bytes.length - 1);
    expect(refusal(() => parseStatement(odd, "x.csv")).reason).toContain("UTF-16LE");
  });
});
