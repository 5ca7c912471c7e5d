// Decimal text -> integer minor units, digit by digit (never through a
// floating-point number, which cannot hold 0.1 exactly).

import { currencyExponent } from "./currencies";

/** `rounded` is set when digits beyond the currency's exponent were rounded away. */
export type AmountResult = { ok: true; minor: number; rounded?: boolean } | { ok: false; reason: string };

const PLAIN_DECIMAL = /^([+-])?(\d*)(?:[.,](\d*))?$/;

/**
 * "-1234.5" with exponent 2 -> -123450. Accepts "." or "," as the decimal
 * mark (OFX allows both), a leading sign, extra trailing zeros ("18.150" EUR).
 * Non-zero digits beyond the currency's exponent (a money-market fund's
 * "115.8331" USD) are rounded half away from zero and flagged `rounded`.
 */
export function decimalToMinor(text: string, currency: string): AmountResult {
  const trimmed = text.trim();
  const match = PLAIN_DECIMAL.exec(trimmed);
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || (whole === "" && fraction === "")) {
    return { ok: false, reason: `"${clip(text)}" is not a decimal amount` };
  }
  return digitsToMinor(match[1] === "-", whole, fraction, currency);
}

export function digitsToMinor(negative: boolean, whole: string, fraction: string, currency: string): AmountResult {
  const exponent = currencyExponent(currency);
  const extra = fraction.slice(exponent);
  const rounded = /[1-9]/.test(extra);
  let value = BigInt((whole || "0") + fraction.slice(0, exponent).padEnd(exponent, "0"));
  if (rounded && Number(extra[0]) >= 5) value += 1n;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, reason: `${whole}.${fraction} is too large an amount` };
  }
  const minor = Number(value);
  const signed = negative && minor !== 0 ? -minor : minor;
  return rounded ? { ok: true, minor: signed, rounded } : { ok: true, minor: signed };
}

/**
 * Converts minor units by a decimal rate (OFX CURRATE): multiplies, or
 * divides when `divide` is set, rounding half away from zero, in integers.
 */
export function convertMinor(
  amountMinor: number,
  fromCurrency: string,
  rate: string,
  toCurrency: string,
  divide = false,
): number | undefined {
  const match = /^\+?(\d*)(?:[.,](\d*))?$/.exec(rate.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  const rateDigits = BigInt((match[1] || "0") + (match[2] ?? ""));
  if (rateDigits === 0n) return undefined;
  const rateScale = 10n ** BigInt((match[2] ?? "").length);
  const shift = currencyExponent(toCurrency) - currencyExponent(fromCurrency);
  let numerator = BigInt(amountMinor) * (divide ? rateScale : rateDigits);
  let denominator = divide ? rateDigits : rateScale;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(roundDivide(numerator, denominator));
}

function roundDivide(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  const rounded = (absolute * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
