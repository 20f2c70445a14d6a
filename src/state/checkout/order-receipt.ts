import { mulDivRound, priceLine } from '../../core/index.ts';
import type { Order } from '../../api/types.ts';
import { receipt, type Receipt } from './receipt.ts';

// With the checkout's later steps (the payment step's summary, the receipt), not with its details step.

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

/** A figure core prices, or undefined for an item it refuses (an answer from another API's rules). */
function priced(figure: () => number): number | undefined {
  try {
    return figure();
  } catch {
    return undefined;
  }
}
