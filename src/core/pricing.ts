import { currencyExponent } from './currency.ts';
import { parseRate, type Rate } from './decimal.ts';
import { TillError } from './errors.ts';
import { assertMinor } from './money.ts';

/** The largest quantity of one line. A documented bound keeps every total a safe integer. */
export const MAX_QUANTITY = 9999;

/** A sub-product chosen with a line. Its own rates matter only when priced `separate`ly. */
export interface PricingSubProduct {
  /** The sub-product's id in the backend that sells it (a Bootic variant id): `separate` pricing groups by it. */
  readonly ref?: string | null;
  readonly price: number;
  readonly discount?: number | string | null;
  readonly vat?: number | string | null;
}

/**
 * How a line's sub-products are priced. `bundled` is BuiltOn's formula (seed 001): they join the
 * main product's price and share its discount. `separate` is how a backend without add-ons (Bootic)
 * sells them: each is a line item of its own, with its own discount and VAT, in the same quantity; and
 * an order of such a backend holds each variant (`ref`) once, so `summarize` prices a variant's units
 * from all lines together (see `summary.ts`).
 */
export type SubProductPricing = 'bundled' | 'separate';

/** What pricing needs of a line: amounts in minor units, rates as the API's decimals (0.25 = 25 %). */
export interface PricingLine {
  /** The product's id in the backend that sells it (a Bootic variant id): `separate` pricing groups by it. */
  readonly ref?: string | null;
  readonly price: number;
  readonly subProducts?: readonly PricingSubProduct[];
  readonly discount?: number | string | null;
  readonly vat?: number | string | null;
  readonly quantity: number;
  readonly currency: string;
}

export interface LinePrice {
  /** `price + Σ sub-product prices`, before discount, for one unit. */
  readonly unit: number;
  /** `unit × (1 − discount) × quantity`, rounded once, half away from zero. */
  readonly final: number;
  /** The VAT included in `final`: `final × vat / (1 + vat)`, rounded once. */
  readonly vat: number;
  /** `final − vat`. */
  readonly net: number;
}

export const CURRENCY_MISMATCH = 'An order can not have products with different currencies';

export function assertQuantity(quantity: unknown, field = 'quantity'): asserts quantity is number {
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new TillError('quantity-invalid', `Quantity must be a whole number from 1 to ${MAX_QUANTITY}`, field);
  }
}

export function assertPrice(price: unknown, field = 'price'): asserts price is number {
  if (typeof price !== 'number' || !Number.isSafeInteger(price) || price < 0) {
    throw new TillError('amount-invalid', `${field} must be zero or a positive amount`, field);
  }
}

/**
 * Prices one line exactly as BuiltOn's Orders documentation defines `final_price`, or, with
 * `separate`, as the sum of its product's and its sub-products' own line items.
 */
export function priceLine(line: PricingLine, subProducts: SubProductPricing = 'bundled'): LinePrice {
  assertPrice(line.price);
  assertQuantity(line.quantity);
  currencyExponent(line.currency);
  const subs = line.subProducts ?? [];
  let unit = line.price;
  for (const sub of subs) {
    assertPrice(sub.price, 'sub_products.price');
    unit += sub.price;
  }
  assertMinor(unit, 'price');
  if (subProducts === 'separate' && subs.length) {
    let final = 0;
    let vat = 0;
    for (const part of [
      { ...line, subProducts: [] },
      ...subs.map((sub) => ({ ...sub, vat: sub.vat ?? line.vat, quantity: line.quantity, currency: line.currency })),
    ]) {
      const priced = priceLine(part);
      final += priced.final;
      vat += priced.vat;
    }
    return { unit, final, vat, net: final - vat };
  }
  return formula(unit, parseRate(line.discount, 'discount'), parseRate(line.vat, 'vat'), line.quantity);
}

/**
 * `quantity` units of one product (no sub-products) priced as one line, for any quantity: the units of a
 * variant gathered from several cart lines may pass MAX_QUANTITY, which bounds one line only.
 */
export function priceUnits(product: Omit<PricingLine, 'quantity' | 'subProducts'>, quantity: number): LinePrice {
  assertPrice(product.price);
  currencyExponent(product.currency);
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new TillError('quantity-invalid', 'Quantity must be a whole number above 0', 'quantity');
  }
  return formula(product.price, parseRate(product.discount, 'discount'), parseRate(product.vat, 'vat'), quantity);
}

/** The documented formula: `unit × (1 − discount) × quantity` rounded once, and the VAT it includes. */
function formula(unit: number, discount: Rate, vatRate: Rate, quantity: number): LinePrice {
  const final = mulDivRound(unit, discount.den - discount.num, discount.den, quantity);
  const vat = vatShare(final, vatRate);
  return { unit, final, vat, net: final - vat };
}

/** One unit of a product after its discount, rounded as a line is: the API's product `final_price`. */
export const unitPrice = (product: Pick<PricingLine, 'price' | 'discount' | 'currency'>): number =>
  priceLine({ price: product.price, discount: product.discount ?? null, quantity: 1, currency: product.currency })
    .final;

const vatShare = (final: number, { num, den }: Rate): number => (num === 0 ? 0 : mulDivRound(final, num, den + num));

/**
 * The VAT included in a line's final price at its rate, `final × vat / (1 + vat)` rounded once: the
 * same share `priceLine` gives, for a line already priced (an order's item snapshot).
 */
export const includedVat = (final: number, vat: number | string | null | undefined): number =>
  vatShare(final, parseRate(vat, 'vat'));

/**
 * `round(a × b × c / d)` for non-negative integers, half away from zero, exact. Uses doubles while every
 * intermediate is a safe integer (the usual case, and much the faster) and BigInt beyond that.
 */
export function mulDivRound(a: number, b: number, d: number, c = 1): number {
  const n = a * b * c;
  if (Number.isSafeInteger(n) && Number.isSafeInteger(2 * d)) {
    let q = Math.floor(n / d);
    let r = n - q * d;
    // n / d in floating point may land one off near an integer; the remainder corrects it.
    if (r < 0) {
      q--;
      r += d;
    } else if (r >= d) {
      q++;
      r -= d;
    }
    return 2 * r >= d ? q + 1 : q;
  }
  const bn = BigInt(a) * BigInt(b) * BigInt(c);
  const bd = BigInt(d);
  const q = (2n * bn + bd) / (2n * bd);
  const result = Number(q);
  assertMinor(result);
  return result;
}
