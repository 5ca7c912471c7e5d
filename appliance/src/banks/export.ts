// Transactions out, as CSV (readable back by the CSV importer: header names
// it knows, ISO dates, a dot for decimals) or OFX 2.2 (one statement per
// account, the import ids as FITIDs). Streamed page by page.
import type { BankAccountRow, BankTransactionRow } from "./banks.schema";
import { currencyExponent } from "./parsers";

export type ExportFormat = "csv" | "ofx";

export interface ExportSource {
  accounts: BankAccountRow[];
  closingOf(accountId: number): Promise<{ date: string; amountMinor: number } | null>;
  rangeOf(accountId: number): Promise<{ first: string | null; last: string | null }>;
  pages(accountId: number): AsyncGenerator<BankTransactionRow[]>;
}

export function formatMinor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function csvCell(value: string): string {
  // A cell a spreadsheet would run as a formula is defused with a leading quote.
  const safe = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CSV_HEADER = "Date,Value date,Label,Amount,Currency,Memo,Balance,Account\n";

async function* csvLines(source: ExportSource): AsyncGenerator<string> {
  yield CSV_HEADER;
  for (const account of source.accounts) {
    for await (const page of source.pages(account.id)) {
      yield page
        .map((tx) =>
          [
            tx.bookingDate,
            tx.valueDate ?? "",
            csvCell(tx.label),
            formatMinor(tx.amountMinor, tx.currency),
            tx.currency,
            csvCell(tx.memo ?? ""),
            tx.balanceAfterMinor === null ? "" : formatMinor(tx.balanceAfterMinor, account.currency),
            csvCell(account.name),
          ].join(","),
        )
        .join("\n") + "\n";
    }
  }
}

function xml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const ofxDate = (date: string) => date.replaceAll("-", "");

function ofxTransaction(tx: BankTransactionRow): string {
  return [
    "<STMTTRN>",
    `<TRNTYPE>${tx.amountMinor < 0 ? "DEBIT" : "CREDIT"}</TRNTYPE>`,
    `<DTPOSTED>${ofxDate(tx.bookingDate)}</DTPOSTED>`,
    tx.valueDate ? `<DTAVAIL>${ofxDate(tx.valueDate)}</DTAVAIL>` : "",
    `<TRNAMT>${formatMinor(tx.amountMinor, tx.currency)}</TRNAMT>`,
    `<FITID>${xml(tx.importId.slice(0, 255))}</FITID>`,
    `<NAME>${xml(tx.label.slice(0, 32) || "-")}</NAME>`,
    tx.memo || tx.label.length > 32 ? `<MEMO>${xml((tx.memo ?? tx.label).slice(0, 255))}</MEMO>` : "",
    "</STMTTRN>",
  ].join("");
}

async function* ofxStatement(source: ExportSource, account: BankAccountRow, index: number): AsyncGenerator<string> {
  const acctId = account.iban ?? account.accountNumber ?? account.importKey;
  yield `<STMTTRNRS><TRNUID>${index + 1}</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><STMTRS><CURDEF>${xml(account.currency)}</CURDEF>`;
  yield `<BANKACCTFROM><BANKID>${xml(account.bankId ?? "0")}</BANKID><ACCTID>${xml(acctId)}</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>`;
  const { first, last } = await source.rangeOf(account.id);
  yield `<BANKTRANLIST><DTSTART>${ofxDate(first ?? "1970-01-01")}</DTSTART><DTEND>${ofxDate(last ?? "1970-01-01")}</DTEND>\n`;
  for await (const page of source.pages(account.id)) yield page.map(ofxTransaction).join("\n") + "\n";
  yield "</BANKTRANLIST>";
  const closing = await source.closingOf(account.id);
  if (closing) yield `<LEDGERBAL><BALAMT>${formatMinor(closing.amountMinor, account.currency)}</BALAMT><DTASOF>${ofxDate(closing.date)}</DTASOF></LEDGERBAL>`;
  yield "</STMTRS></STMTTRNRS>\n";
}

async function* ofxLines(source: ExportSource, now: Date): AsyncGenerator<string> {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  yield '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n';
  yield `<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>${stamp}</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n`;
  for (const [index, account] of source.accounts.entries()) yield* ofxStatement(source, account, index);
  yield "</BANKMSGSRSV1></OFX>\n";
}

/** A byte stream of the export, pulled page by page as the client reads. */
export function exportStream(format: ExportFormat, source: ExportSource, now: Date): ReadableStream<Uint8Array> {
  const lines = format === "csv" ? csvLines(source) : ofxLines(source, now);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
