import type { BillsMessageKey } from '../../i18n/bills.en';

// The bill form's values as typed, checked and turned into the JSON of
// POST /api/banks/bills. Amounts are typed as people write them in either
// language ("1 234,56", "1,234.56", "54.2") and become integer minor units.

export const BILL_TYPES = ['energy', 'phone', 'internet', 'health_costs', 'insurance', 'rent', 'tax', 'other'] as const;
export type BillTypeChoice = (typeof BILL_TYPES)[number];
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'JPY'] as const;

export interface BillFormValues {
  vendor: string;
  date: string;
  amount: string;
  currency: string;
  type: BillTypeChoice;
}

export type BillField = keyof BillFormValues;
export type BillFormErrors = Partial<Record<BillField, BillsMessageKey>>;

const MAX_MINOR = 1_000_000_000_000;

/** The currency's number of decimals (EUR 2, JPY 0), from Intl. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "90,52" in French, "90.52" in English: ungrouped, so it is easy to correct. */
export function formatAmountInput(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  return format.format(amountMinor / 10 ** digits);
}

/** "1234,56" -> whole "1234", fraction "56"; null when the marks make no sense ("1,2,3"). */
function splitMarks(cleaned: string, decimalMark: ',' | '.'): { whole: string; fraction: string } | null {
  const marks = cleaned.replace(/\d/g, '');
  if (marks === '') return { whole: cleaned, fraction: '' };
  const last = Math.max(cleaned.lastIndexOf(','), cleaned.lastIndexOf('.'));
  const head = cleaned.slice(0, last);
  const tail = cleaned.slice(last + 1);
  const grouped = (text: string) => /^\d{1,3}([.,]\d{3})*$/.test(text);
  // One kind of mark before exactly three digits groups thousands, unless it is the language's decimal mark written once.
  const thousands = !marks.includes(',') || !marks.includes('.') ? tail.length === 3 && (marks.length > 1 || marks !== decimalMark) : false;
  if (thousands) return grouped(cleaned) ? { whole: cleaned.replace(/[.,]/g, ''), fraction: '' } : null;
  if (head.includes(cleaned[last]!) || (/[.,]/.test(head) && !grouped(head))) return null;
  return { whole: head.replace(/[.,]/g, ''), fraction: tail };
}

/** The decimal mark of a language: "," in French, "." in English. */
export function decimalMarkOf(locale: string): ',' | '.' {
  return new Intl.NumberFormat(locale).format(1.5).includes(',') ? ',' : '.';
}

/**
 * Amounts as typed in either language: "54,20", "54.2", "1 234,56",
 * "1,234.56", "1.234,56". "1,234" is 1234 in English and too many decimals
 * in French. Returns minor units, or the problem's message key.
 */
export function parseAmountInput(text: string, currency: string, decimalMark: ',' | '.' = '.'): number | BillsMessageKey {
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^\+/, '').replace(/^[.,]/, '0$&');
  if (cleaned === '') return 'bill.error.amountMissing';
  if (/^[-−]/.test(cleaned)) return 'bill.error.amountPositive';
  const parts = /^\d[\d.,]*$/.test(cleaned) && !/[.,]$/.test(cleaned) ? splitMarks(cleaned, decimalMark) : null;
  if (!parts) return 'bill.error.amountNotNumber';
  const digits = minorDigits(currency);
  if (parts.fraction.length > digits) return digits === 0 ? 'bill.error.amountNoDecimals' : 'bill.error.amountDecimals';
  const minor = Number((parts.whole || '0') + parts.fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return 'bill.error.amountTooLarge';
  return minor > 0 ? minor : 'bill.error.amountPositive';
}

function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) && Number(match[1]) >= 1900 && Number(match[1]) <= 2199;
}

export interface BillBody {
  fileId: number;
  vendor: string;
  type: string;
  date: string;
  amountMinor: number;
  currency: string;
  source: 'person';
}

/** The body to send, or the problems to show beside each field. */
export function checkBill(values: BillFormValues, fileId: number, decimalMark: ',' | '.' = '.'): { body: BillBody } | { errors: BillFormErrors } {
  const errors: BillFormErrors = {};
  const vendor = values.vendor.trim().replace(/\s+/g, ' ');
  if (!vendor) errors.vendor = 'bill.error.vendorMissing';
  else if (vendor.length > 200) errors.vendor = 'bill.error.vendorTooLong';
  if (!values.date) errors.date = 'bill.error.dateMissing';
  else if (!validDate(values.date)) errors.date = 'bill.error.dateInvalid';
  if (!/^[A-Z]{3}$/.test(values.currency)) errors.currency = 'bill.error.currency';
  const amount = parseAmountInput(values.amount, values.currency || 'EUR', decimalMark);
  if (typeof amount === 'string') errors.amount = amount;
  if (Object.keys(errors).length > 0 || typeof amount === 'string') return { errors };
  return { body: { fileId, vendor, type: values.type, date: values.date, amountMinor: amount, currency: values.currency, source: 'person' } };
}

/** "90,52 €" or "€90.52": a saved bill's amount, in the person's language. */
export function formatBillAmount(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
  } catch {
    return `${(amountMinor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}
