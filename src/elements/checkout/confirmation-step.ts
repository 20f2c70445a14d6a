import { html, nothing, type TemplateResult } from 'lit';
import { restartCheckout, type CheckoutState } from '../../state/checkout/index.ts';
import type { TillCheckout } from './checkout.ts';
import { renderOrderSummary, renderSummary, type SummaryRow } from './summary.ts';

/** Step 3: the paid order's number and summary; with Bootic, the shop's order and the way to pay it. */
export function renderConfirmation(host: TillCheckout, state: CheckoutState): TemplateResult {
  if (state.booticOrder) return renderBootic(host, state.booticOrder);
  const order = state.order!;
  return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${host.t('checkout.thanks')}</h3>
        <p>${host.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.humanId}</strong></p>
        ${renderOrderSummary(host, order, true)}
        ${host.ordersHref ? html`<p><a part="orders" class="link" href=${host.ordersHref}>${host.t('checkout.orders')}</a></p>` : nothing}
        <button class="primary" @click=${restartCheckout}>${host.t('checkout.again')}</button>
      </div>
    `;
}

/** Bootic: the order exists in the shop; payment happens on Bootic's checkout. */
function renderBootic(host: TillCheckout, order: NonNullable<CheckoutState['booticOrder']>): TemplateResult {
  const rows: SummaryRow[] = [
    ...(order.shippingTotal ? [{ label: host.t('checkout.shipping'), amount: order.shippingTotal }] : []),
    { label: host.t('total'), amount: order.total, kind: 'total', part: true },
  ];
  return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${host.t('checkout.booticCreated')}</h3>
        <p>${host.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.code}</strong></p>
        ${renderSummary(host, {
          heading: false,
          currency: order.currency,
          lines: order.lineItems.map((item) => ({
            quantity: item.units,
            name: item.title,
            addOns: [],
            amount: item.total,
          })),
          rows,
        })}
        ${order.webCheckout ? html`<a part="pay" class="primary wide" href=${order.webCheckout}>${host.t('checkout.toBootic')}</a>` : nothing}
      </div>
    `;
}
