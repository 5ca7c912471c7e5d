import { getLocale } from '../../i18n';

// Amounts arrive as integer minor units plus an ISO 4217 code: the currency's
// own number of decimals (2 for EUR, 0 for JPY, 3 for BHD) comes from Intl.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${compact}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency });
    } catch {
      // A code Intl does not know: shown as a plain number with the code after it.
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
    formatters.set(key, format);
  }
  return format;
}

/** How many decimals a currency's minor unit has (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorDigits(currency);
}

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

/** "−1 234,56 €", "-$1,234.56", "¥1,235": for the current locale. */
export function formatMoney(amountMinor: number, currency: string, options: { compact?: boolean; locale?: string } = {}): string {
  const locale = options.locale ?? getLocale();
  const format = formatter(locale, currency, options.compact ?? false);
  const text = format.format(toMajor(amountMinor, currency));
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** A typed amount ("12,50", "-3.2", "1 000") in major units, or null when it is not a number. */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(cleaned)) return null;
  return toMinor(Number(cleaned), currency);
}
