import { TillError, type TillErrorCode } from './errors.ts';

/**
 * A finite decimal as `digits × 10^-scale`, read from the shortest string that round-trips a JSON
 * number (`String(0.1)` is "0.1"), so the value is the decimal the API wrote, never the binary float
 * nearest to it.
 */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

export function parseDecimal(value: number | string, field: string, code: TillErrorCode = 'amount-invalid'): Decimal {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new TillError(code, `${field} must be a finite number`, field);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const shift = Number(exponent);
  // Bounded shift: JSON numbers never need more than ~340 places; refuse absurd exponents outright.
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) {
    throw new TillError(code, `${field} is out of range`, field);
  }
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - shift;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  // Drop trailing zeros so 87.00 and 87 compare alike.
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale--;
  }
  return { digits: sign === '-' ? -digits : digits, scale };
}

/** The decimal string of `digits × 10^-scale` with exactly `scale` decimals. */
export function formatDecimal(digits: bigint | number, scale: number): string {
  const negative = digits < 0;
  const text = String(negative ? -digits : digits).padStart(scale + 1, '0');
  const point = text.length - scale;
  return (negative ? '-' : '') + text.slice(0, point) + (scale ? '.' + text.slice(point) : '');
}

/** A rate between 0 and 1 inclusive (discount, VAT) as the exact fraction `num / den`. */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

const rates = new Map<number | string, Rate>();

/**
 * Reads a discount or VAT rate. Rates repeat across a cart (0.25 on every line), so results are
 * memoised; the table is bounded so a hostile catalogue cannot grow it without limit.
 */
export function parseRate(value: number | string | undefined | null, field: string): Rate {
  if (value === undefined || value === null) return ZERO_RATE;
  const cached = rates.get(value);
  if (cached) return cached;
  const { digits, scale } = parseDecimal(value, field, 'rate-invalid');
  // Twelve places is far beyond any real rate and keeps every product of the pricing formula exact.
  if (digits < 0n || scale > 12 || digits > 10n ** BigInt(scale)) {
    throw new TillError('rate-invalid', `${field} must be a decimal between 0 and 1`, field);
  }
  const rate: Rate = { num: Number(digits), den: 10 ** scale };
  if (rates.size > 1024) rates.clear();
  rates.set(value, rate);
  return rate;
}

const ZERO_RATE: Rate = { num: 0, den: 1 };
