import type { Order, OrderItem } from '../../api/types.ts';
import { includedVat, mulDivRound, priceLine } from '../../core/index.ts';

/** One item of an order as a receipt shows it, in minor units. */
export interface ItemFigures {
  readonly item: OrderItem;
  /** `(price + Σ add-on prices) × quantity`: before the discount. */
  readonly before: number;
  /** What the discount took off this line: `before − final_price`. */
  readonly saved: number;
}

/** An order's figures: its lines, what the discounts took off, the VAT included, the total. */
export interface OrderFigures {
  readonly lines: readonly ItemFigures[];
  /** Σ of the lines before their discounts. */
  readonly subtotal: number;
  /** Σ of what the discounts took off. */
  readonly discount: number;
  /** The discount code's line: the code and what it took off the lines' total; null without one. */
  readonly coupon: { readonly code: string; readonly amount: number } | null;
  /**
   * The VAT included in the total: Σ of each line's share at its own rate, as core prices it, scaled
   * with the code's discount as core's `applyCoupon` scales it.
   */
  readonly vat: number;
  /** `total_amount`, as the shop answered it. */
  readonly total: number;
}

/**
 * The figures of an order from its item snapshots (what was bought at the prices of that day), by the
 * same core that priced the cart: each line's VAT share of its final price, and its price before the
 * discount, `(price + Σ sub-products) × quantity`.
 */
export function orderFigures(order: Order): OrderFigures {
  const lines = order.items.map((item): ItemFigures => {
    const before = priceLine({
      price: item.price,
      subProducts: item.subProducts,
      quantity: item.quantity,
      currency: item.currency,
    }).final;
    return { item, before, saved: Math.max(0, before - item.finalPrice) };
  });
  const lineVat = order.items.reduce((sum, i) => sum + includedVat(i.finalPrice, i.vat), 0);
  const finals = order.items.reduce((sum, i) => sum + i.finalPrice, 0);
  const off = order.discountAmount;
  return {
    lines,
    subtotal: lines.reduce((sum, l) => sum + l.before, 0),
    discount: lines.reduce((sum, l) => sum + l.saved, 0),
    coupon: order.coupon ? { code: order.coupon.code, amount: off } : null,
    vat: off && finals ? mulDivRound(lineVat, order.totalAmount, finals) : lineVat,
    total: order.totalAmount,
  };
}
