import { html, nothing, type TemplateResult } from 'lit';
import type { Order } from '../../api/types.ts';
import { removeCoupon, type CheckoutState } from '../../state/checkout/index.ts';
import { orderReceipt } from '../../state/checkout/order-receipt.ts';
import type { TillCheckout } from './checkout.ts';
import { couponMessage } from './coupon-field.ts';
import { memo, receiptRows, renderFigures, section } from './summary.ts';

// The order's summary, with the later steps (the payment step, the confirmation): the details step
// shows the cart's (summary.ts).

/**
 * An order's summary: its items, discounts, its code's line, total and VAT; "Paid" and named a receipt
 * once it is paid. With the checkout's `state` (the payment step), a code the shop refused when paying
 * is told here, with the way on without it.
 */
export function renderOrderSummary(
  host: TillCheckout,
  order: Order,
  paid = false,
  state?: CheckoutState,
): TemplateResult {
  const label = paid ? host.t('checkout.receipt') : host.t('checkout.summary');
  const figures = memo(host, paid ? 'receipt' : 'order', [order, host.texts, host.resolved], () => {
    const receipt = orderReceipt(order);
    const rows = receiptRows(host, receipt, host.t(paid ? 'checkout.paid' : 'total'));
    return renderFigures(host, { currency: receipt.currency, lines: receipt.lines, rows, label });
  });
  return section(label, figures, state ? renderRefusedAtPayment(host, order, state) : nothing);
}

/**
 * The order's code refused at payment (its last redemption taken by another order, or it expired):
 * nothing was charged; the customer may go on without it, which takes it off the order, and then
 * confirms the new total before paying (the payment step's total notice).
 */
function renderRefusedAtPayment(host: TillCheckout, order: Order, { couponProblem: problem, busy }: CheckoutState) {
  if (problem?.stage !== 'payment') return nothing;
  if (problem.removed) {
    return html`<p class="coupon-notice" role="status" tabindex="-1">${host.t('checkout.coupon.removedFromOrder', { code: problem.coupon })}</p>`;
  }
  return html`<div part="coupon-notice" class="coupon-notice alert" role="alert" tabindex="-1">
    <p>${couponMessage(host, problem, order.subtotalAmount)}</p>
    <p>${host.t('checkout.coupon.nothingCharged')}</p>
    <button type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void removeCoupon()}>${host.t('checkout.coupon.without')}</button>
  </div>`;
}
