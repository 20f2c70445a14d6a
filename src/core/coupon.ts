import { parseDecimal } from './decimal.ts';
import { TillError } from './errors.ts';
import { assertPrice, mulDivRound } from './pricing.ts';
import type { OrderSummary } from './summary.ts';

/**
 * A discount code's terms, in Stripe's coupon vocabulary, as core prices them: `percentOff` (0 to 100,
 * decimals allowed: 12.5) or `amountOff` in minor units of `currency`, and a minimum order total.
 */
export interface CouponTerms {
  readonly percentOff?: number | string | null;
  readonly amountOff?: number | null;
  /** The currency of `amountOff` (and of `minOrderAmount`); required with either. */
  readonly currency?: string | null;
  /** The smallest `total_amount`, before the discount, the coupon applies to (minor units). */
  readonly minOrderAmount?: number | null;
}

/** An order's totals after a coupon: `total = subtotal − discount`, its VAT scaled with it. */
export interface DiscountedTotals {
  /** Σ `final_price`, before the coupon. */
  readonly subtotal: number;
  /** What the coupon takes off: never more than the subtotal. */
  readonly discount: number;
  /** `total_amount`: `subtotal − discount`, never below zero. */
  readonly total: number;
  /** The VAT included in `total`: the lines' VAT × total / subtotal, rounded once. */
  readonly vat: number;
  readonly net: number;
}

export type CouponRefusal = 'coupon-currency' | 'coupon-minimum';

/** Why these terms can not apply to an order of `subtotal` in `currency`, or null when they can. */
export function couponRefusal(terms: CouponTerms, subtotal: number, currency: string): CouponRefusal | null {
  const hasAmounts = terms.amountOff != null || terms.minOrderAmount != null;
  if (hasAmounts && terms.currency && terms.currency !== currency) return 'coupon-currency';
  if (terms.minOrderAmount != null && subtotal < terms.minOrderAmount) return 'coupon-minimum';
  return null;
}

/**
 * What a coupon takes off an order total: `percentOff` % of it, rounded once, half away from zero; or
 * `amountOff`; never more than the total. Throws a TillError for terms that are not a coupon (both or
 * neither kind, a percentage outside 0..100, a negative amount) or that do not apply (see
 * `couponRefusal`), so the widget and the server refuse alike.
 */
export function couponDiscount(subtotal: number, currency: string, terms: CouponTerms): number {
  assertPrice(subtotal, 'total_amount');
  const percent = terms.percentOff ?? null;
  const amount = terms.amountOff ?? null;
  if ((percent === null) === (amount === null)) {
    throw new TillError('coupon-invalid', 'A coupon has either percent_off or amount_off', 'coupon');
  }
  const refusal = couponRefusal(terms, subtotal, currency);
  if (refusal === 'coupon-currency') {
    throw new TillError('coupon-currency', `This code is for orders in ${terms.currency}`, 'coupon');
  }
  if (refusal === 'coupon-minimum') {
    throw new TillError('coupon-minimum', 'The order total is below this code’s minimum', 'coupon');
  }
  if (amount !== null) {
    assertPrice(amount, 'amount_off');
    return Math.min(amount, subtotal);
  }
  const { digits, scale } = parseDecimal(percent!, 'percent_off', 'coupon-invalid');
  const hundred = 100n * 10n ** BigInt(scale);
  if (digits < 0n || digits > hundred || scale > 6) {
    throw new TillError('coupon-invalid', 'percent_off must be a number from 0 to 100', 'percent_off');
  }
  return Math.min(mulDivRound(subtotal, Number(digits), Number(hundred)), subtotal);
}

/** An order's summary with a coupon applied (or none): the figures the cart, the order and the receipt show. */
export function applyCoupon(
  summary: Pick<OrderSummary, 'total' | 'vat' | 'currency'>,
  terms: CouponTerms | null,
): DiscountedTotals {
  const { total: subtotal, vat: lineVat } = summary;
  const discount = terms && summary.currency ? couponDiscount(subtotal, summary.currency, terms) : 0;
  const total = subtotal - discount;
  const vat = discount === 0 ? lineVat : subtotal === 0 ? 0 : mulDivRound(lineVat, total, subtotal);
  return { subtotal, discount, total, vat, net: total - vat };
}
