// ISO 4217 minor-unit exponents, kept as data. Codes not listed in
// EXPONENT_EXCEPTIONS use 2 decimals; codes not in ACTIVE_CODES are refused.

const EXPONENT_EXCEPTIONS: Record<string, number> = {
  // no minor unit
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // three decimals
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // four decimals
  CLF: 4, UYW: 4,
};

const ACTIVE_CODES = new Set(
  (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
    "CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL " +
    "GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD " +
    "KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK " +
    "NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP " +
    "STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF " +
    "XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL"
  ).split(" "),
);

/** Upper-cased ISO 4217 code, or undefined when the text is not an active code. */
export function normalizeCurrency(text: string | undefined): string | undefined {
  const code = (text ?? "").trim().toUpperCase();
  return ACTIVE_CODES.has(code) ? code : undefined;
}

export function isCurrency(code: string): boolean {
  return ACTIVE_CODES.has(code);
}

/** Number of decimals of the currency's minor unit (JPY 0, EUR 2, KWD 3). */
export function currencyExponent(code: string): number {
  return EXPONENT_EXCEPTIONS[code] ?? 2;
}
