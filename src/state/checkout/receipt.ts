import { applyCoupon, mulDivRound, priceLine, type OrderSummary } from '../../core/index.ts';
import type { Order } from '../../api/types.ts';
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

/**
 * An order as the server priced it: each item's `final_price`, its code's discount and its total as
 * sent; the price before discount and the VAT share of each item by core's formula (seed 001), from
 * the item's snapshot, the VAT scaled with the code's discount as core's `applyCoupon` scales it.
 */
export function orderReceipt(order: Order): Receipt {
  let vat = 0;
  const lines = order.items.map((item) => {
    const unit = priced(() => priceLine(item).unit) ?? 0;
    // The VAT included in the server's final price: a line of that price, with the item's VAT.
    vat +=
      priced(() => priceLine({ price: item.finalPrice, vat: item.vat, quantity: 1, currency: item.currency }).vat) ?? 0;
    return {
      quantity: item.quantity,
      name: item.name,
      addOns: item.subProducts.map((s) => s.name).filter(Boolean),
      discount: item.discount,
      before: Math.max(unit * item.quantity, item.finalPrice),
      amount: item.finalPrice,
    };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const off = order.discountAmount;
  if (off && subtotal) vat = mulDivRound(vat, order.totalAmount, subtotal);
  const coupon = order.coupon && { code: order.coupon.code, amount: off };
  return receipt(order.currency, lines, coupon, order.totalAmount, vat);
}

const receipt = (
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

/** A figure core prices, or undefined for an item it refuses (an answer from another API's rules). */
function priced(figure: () => number): number | undefined {
  try {
    return figure();
  } catch {
    return undefined;
  }
}
