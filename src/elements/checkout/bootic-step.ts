import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutState } from '../../state/checkout/index.ts';
import type { TillCheckout } from './checkout.ts';
import { renderSummary, type SummaryRow } from './summary.ts';

type BooticOrder = NonNullable<CheckoutState['booticOrder']>;

/** A Bootic order's lines and totals, as the shop priced them (each add-on a line of its own). */
export function renderBooticSummary(host: TillCheckout, order: BooticOrder, total: string): TemplateResult {
  const rows: SummaryRow[] = [
    ...(order.discountTotal
      ? [{ label: host.t('discounts'), amount: order.discountTotal, kind: 'less' as const }]
      : []),
    ...(order.shippingTotal ? [{ label: host.t('checkout.shipping'), amount: order.shippingTotal }] : []),
    { label: total, amount: order.total, kind: 'total', part: true },
  ];
  return renderSummary(host, {
    heading: false,
    currency: order.currency,
    lines: order.lineItems.map((item) => ({ quantity: item.units, name: item.title, addOns: [], amount: item.total })),
    rows,
  });
}

/**
 * Step 2 with Bootic: the order exists in the shop and awaits payment on Bootic's checkout. The way
 * there (again, after coming back), and the way to change the details first; the cart keeps its lines
 * until the order is paid.
 */
export function renderBooticPayment(host: TillCheckout, order: BooticOrder, edit: () => void): TemplateResult {
  return html`
      <div class="confirmation">
        <h3 class="step-heading" tabindex="-1">${host.t('checkout.booticCreated')}</h3>
        <p>${host.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.code}</strong></p>
        <p class="muted">${host.t('checkout.booticUnpaid')}</p>
        ${renderBooticSummary(host, order, host.t('checkout.toPay'))}
        ${order.webCheckout ? html`<a part="pay" class="primary wide" href=${order.webCheckout}>${host.t('checkout.toBootic')}</a>` : nothing}
        <button type="button" class="link" @click=${edit}>${host.t('checkout.edit')}</button>
      </div>
    `;
}
