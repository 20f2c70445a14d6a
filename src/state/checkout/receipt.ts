import { applyCoupon, type OrderSummary } from '../../core/index.ts';
import type { CartLine } from '../cart.ts';
import { couponFor } from './coupon-problem.ts';
import type { AppliedCoupon } from './store.ts';

/** A line as a summary or a receipt shows it: what it is, its discount, and its price before and after. */
export interface ReceiptLine {
  readonly quantity: number;
  readonly name: string;
  /** The names of the add-ons chosen with it. */
  readonly addOns: readonly string[];
  /** The line's discount as the API's decimal (0.1 = 10 %); 0 for none. */
  readonly discount: number;
  /** The line before its discount, in minor units. */
  readonly before: number;
  /** `final_price`: what the line costs, in minor units. */
  readonly amount: number;
}

/** The figures of a summary or a receipt, in minor units of `currency`. */
export interface Receipt {
  readonly currency: string;
  readonly lines: readonly ReceiptLine[];
  /** What the products' discounts take off: Σ (before − amount). */
  readonly discount: number;
  /** The discount code's line: the code and what it takes off Σ amount; null without one. */
  readonly coupon: { readonly code: string; readonly amount: number } | null;
  /** `total_amount`: Σ amount, less the code's discount. */
  readonly total: number;
  /** The VAT included in the total: the sum of the lines' rounded VAT shares, scaled with the code's discount. */
  readonly vat: number;
}

/**
 * The cart before ordering, priced as the backend prices it (its summary), with the discount code
 * when it applies to it, by core's `applyCoupon`: what the order will cost.
 */
export function cartReceipt(
  lines: readonly CartLine[],
  summary: OrderSummary,
  applied: AppliedCoupon | null = null,
): Receipt {
  const priced = lines.map((line, i) => {
    const price = summary.lines[i]!;
    return {
      quantity: line.quantity,
      name: line.name,
      addOns: line.subProducts.map((s) => s.name),
      discount: line.discount,
      before: price.unit * line.quantity,
      amount: price.final,
    };
  });
  const coupon = couponFor(applied, summary);
  const totals = applyCoupon(summary, coupon);
  const line = coupon && { code: coupon.code, amount: totals.discount };
  return receipt(summary.currency ?? '', priced, line, totals.total, totals.vat);
}

/** A receipt of priced lines: the products' discounts are what the lines' prices before and after differ by. */
export const receipt = (
  currency: string,
  lines: ReceiptLine[],
  coupon: Receipt['coupon'],
  total: number,
  vat: number,
): Receipt => ({
  currency,
  lines,
  discount: lines.reduce((sum, line) => sum + line.before - line.amount, 0),
  coupon,
  total,
  vat,
});
