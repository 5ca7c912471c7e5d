// Which of the person's accounts a statement's account is. By IBAN, else by
// account number and bank id; and across formats (OFX gives bank id +
// account number, CAMT gives the IBAN) by finding the number inside the
// IBAN's national part, as French, German and most IBANs embed it.
import type { BankAccountRow } from "../banks.schema";
import type { ParsedAccount, StatementFormat } from "../parsers";

export function compact(value: string | null | undefined): string | null {
  const cleaned = value?.replace(/[\s-]/g, "").toUpperCase();
  return cleaned ? cleaned : null;
}

/** Formats whose files say which account they are; QIF and CSV do not (the person picks). */
export function identifiesAccount(format: StatementFormat): boolean {
  return format === "ofx" || format === "qfx" || format === "camt053";
}

function ibanHolds(iban: string, number: string, bankId: string | null): boolean {
  const national = iban.slice(4);
  if (number.length < 5 || !national.includes(number)) return false;
  return bankId === null || !/^[0-9]+$/.test(bankId) || national.includes(bankId);
}

export function sameAccount(parsed: ParsedAccount, row: BankAccountRow): boolean {
  const iban = compact(parsed.iban);
  const number = compact(parsed.accountId);
  const bankId = compact(parsed.bankId);
  const rowIban = compact(row.iban);
  const rowNumber = compact(row.accountNumber);
  const rowBank = compact(row.bankId);
  if (iban && rowIban) return iban === rowIban;
  if (number && rowNumber && number === rowNumber) return !bankId || !rowBank || bankId === rowBank;
  if (iban && rowNumber) return ibanHolds(iban, rowNumber, rowBank);
  if (rowIban && number) return ibanHolds(rowIban, number, bankId);
  return false;
}

export function findAccount(parsed: ParsedAccount, format: StatementFormat, accounts: BankAccountRow[]): BankAccountRow | null {
  if (!identifiesAccount(format)) return null;
  return accounts.find((row) => sameAccount(parsed, row)) ?? null;
}

/** A name for an account the import creates: the file's own, else the bank's number's last digits. */
export function proposedName(parsed: ParsedAccount, format: StatementFormat, fileName: string): string {
  if (parsed.name) return parsed.name.slice(0, 100);
  const number = compact(parsed.iban) ?? (identifiesAccount(format) ? compact(parsed.accountId) : null);
  if (number) return `Account …${number.slice(-4)}`;
  return fileName.replace(/\.[^.]*$/, "").slice(0, 100) || "Bank account";
}
