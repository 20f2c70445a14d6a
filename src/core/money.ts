import { currencyExponent } from './currency.ts';
import { formatDecimal, parseDecimal } from './decimal.ts';
import { TillError } from './errors.ts';

/** An amount of money: an integer count of the currency's minor unit (cents, öre, yen, fils). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/**
 * Converts an API amount (a JSON number such as 3.14, or its decimal string) to minor units without
 * floating-point arithmetic: 3.14 EUR → 314. An amount finer than the currency allows (3.145 EUR) or
 * outside the safe integer range is refused rather than silently rounded.
 */
export function toMinor(value: number | string, currency: string, field = 'amount'): number {
  const exponent = currencyExponent(currency);
  const { digits, scale } = parseDecimal(value, field);
  if (scale > exponent) {
    throw new TillError('amount-precision', `${field} has more decimals than ${currency} allows (${exponent})`, field);
  }
  const minor = digits * 10n ** BigInt(exponent - scale);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TillError('amount-invalid', `${field} is too large`, field);
  }
  return Number(minor);
}

/** Minor units as the decimal string the currency writes: 8700 EUR → "87.00", 1500 JPY → "1500". */
export function toDecimalString(amount: number, currency: string): string {
  assertMinor(amount);
  return formatDecimal(amount, currencyExponent(currency));
}

/**
 * Minor units back to the API's JSON number: 8700 EUR → 87, 314 → 3.14. The result is the double
 * nearest the decimal, which `JSON.stringify` writes back as exactly that decimal.
 */
export const fromMinor = (amount: number, currency: string): number => Number(toDecimalString(amount, currency));

export function assertMinor(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount)) {
    throw new TillError('amount-invalid', `${field} must be a whole number of minor units`, field);
  }
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats money for display with `Intl.NumberFormat`, at render time only: 8700 EUR in nb-NO is
 * "87,00 €", 1500 JPY in ja-JP is "￥1,500", 1234 KWD in ar-KW is "١٫٢٣٤ د.ك.‏". The decimal string is
 * passed to `format`, which reads it exactly; the fraction digits follow ISO 4217, not CLDR.
 */
export function formatMoney({ amount, currency }: Money, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const digits = currencyExponent(currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format.format(toDecimalString(amount, currency) as Intl.StringNumericLiteral);
}
