import { TillError } from './errors.ts';

/**
 * The active ISO 4217 codes (List One, as amended through 2025) with their minor-unit exponents.
 * Codes without a minor unit (precious metals, XDR, test and "no currency" codes) are not payable
 * and are left out. Kept as four strings rather than an object literal: it is the smallest form in
 * the bundle and reads as the standard's own table.
 */
const BY_EXPONENT: readonly string[] = [
  // 0 decimals
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  '', // placeholder: no active code has exactly one decimal
  // 2 decimals
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD ' +
    'CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP ' +
    'GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
    'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
    'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
    'TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  // 3 decimals
  'BHD IQD JOD KWD LYD OMR TND',
  // 4 decimals
  'CLF UYW',
];

const exponents = new Map<string, number>();
BY_EXPONENT.forEach((codes, exponent) => {
  for (const code of codes.split(' ')) if (code) exponents.set(code, exponent);
});

/** Every payable ISO 4217 code, sorted. */
export const CURRENCIES: readonly string[] = [...exponents.keys()].sort();

export const isCurrencyCode = (code: unknown): code is string => typeof code === 'string' && exponents.has(code);

/** The number of decimals of a currency's minor unit: EUR 2, JPY 0, KWD 3. */
export function currencyExponent(code: string): number {
  const exponent = exponents.get(code);
  if (exponent === undefined) {
    throw new TillError('currency-unknown', `"${code}" is not an ISO 4217 currency code`, 'currency');
  }
  return exponent;
}
