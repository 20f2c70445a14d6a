import { html, nothing, type TemplateResult } from 'lit';
import type { Address, Order } from '../../api/types.ts';
import { isPayableStatus } from '../../core/index.ts';
import { TillOrderCancelEvent } from '../../events/order-cancel.ts';
import {
  closeOrder,
  confirmCancel,
  dismissCancel,
  openOrder,
  orderFigures,
  requestCancel,
  type OpenOrder,
  type OrderPayment,
} from '../../state/orders/index.ts';
import type { TillOrders } from './orders.ts';

/**
 * One order opened from the list, as a receipt: its items with their add-ons and discounts, the
 * figures (before discounts, discounts, the discount code's line, total, VAT included), the delivery address, its payments, and
 * while it is unpaid, a cancel button that asks for a confirmation in a modal dialog.
 */
export function renderDetails(host: TillOrders, open: OpenOrder): TemplateResult {
  const { order, status } = open;
  const title = host.t('orders.order', { number: order?.humanId ?? '' });
  return html`<article part="details" class="details" aria-labelledby="order-title" aria-busy=${status === 'loading' ? 'true' : 'false'}>
    <button class="link back" @click=${closeOrder}>← ${host.t('orders.back')}</button>
    <h3 id="order-title" tabindex="-1">${title}</h3>
    ${
      status === 'error'
        ? html`<div part="error" class="alert" role="alert">
            <p>${host.t(open.problem?.code === 'not-found' ? 'orders.orderMissing' : open.problem?.code === 'network' ? 'orders.offline' : 'orders.orderError')}</p>
            <button @click=${() => openOrder(open.id)}>${host.t('retry')}</button>
          </div>`
        : nothing
    }
    ${order && status !== 'error' ? renderOrder(host, open, order) : nothing}
    ${status === 'loading' ? html`<p class="muted" role="status">${host.t('loading')}</p>` : nothing}
  </article>`;
}

function renderOrder(host: TillOrders, open: OpenOrder, order: Order): TemplateResult {
  const money = (amount: number) => host.money(amount, order.currency);
  const figures = orderFigures(order);
  return html`
    <dl class="facts">
      <div><dt>${host.t('orders.status')}</dt><dd><span part="status" class="status ${order.status.toLowerCase()}">${host.t(`orders.status.${order.status}`)}</span></dd></div>
      ${order.created ? html`<div><dt>${host.t('orders.placed')}</dt><dd>${host.date(order.created)}</dd></div>` : nothing}
    </dl>
    <h4>${host.t('orders.items')}</h4>
    <ul class="items">
      ${figures.lines.map(
        ({ item, saved }) => html`<li>
          <span>
            ${item.quantity} × ${item.name}
            ${item.subProducts.length ? html`<span class="muted">${host.t('with', { addOns: item.subProducts.map((s) => s.name).join(', ') })}</span>` : nothing}
            ${saved > 0 ? html`<span class="muted">${host.t('discount', { percent: host.percent(item.discount) })}</span>` : nothing}
          </span>
          <span class="price">${money(item.finalPrice)}</span>
        </li>`,
      )}
    </ul>
    <dl class="totals">
      ${
        figures.discount > 0 || figures.coupon
          ? html`<div><dt>${host.t('orders.beforeDiscounts')}</dt><dd class="price">${money(figures.subtotal)}</dd></div>`
          : nothing
      }
      ${figures.discount > 0 ? html`<div><dt>${host.t('orders.discounts')}</dt><dd class="price">−${money(figures.discount)}</dd></div>` : nothing}
      ${figures.coupon ? html`<div><dt>${host.t('orders.coupon', { code: figures.coupon.code })}</dt><dd class="price">−${money(figures.coupon.amount)}</dd></div>` : nothing}
      <div class="total"><dt>${host.t('total')}</dt><dd part="total" class="price">${money(figures.total)}</dd></div>
      <div class="muted"><dt>${host.t('vat')}</dt><dd class="price">${money(figures.vat)}</dd></div>
    </dl>
    ${order.deliveryAddress ? renderAddress(host, order.deliveryAddress) : nothing}
    ${open.status === 'ready' ? renderPayments(host, open.payments) : nothing}
    ${renderCancel(host, open, order)}`;
}

function renderAddress(host: TillOrders, address: Address): TemplateResult | typeof nothing {
  const lines = [address.street_name, [address.zip_code, address.city].filter(Boolean).join(' '), address.country];
  const shown = lines.filter((line): line is string => !!line?.trim());
  if (!shown.length) return nothing;
  return html`<h4>${host.t('orders.delivery')}</h4>
    <address>${shown.map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}</address>`;
}

function renderPayments(host: TillOrders, payments: readonly OrderPayment[]): TemplateResult {
  const state = (s: string) =>
    s === 'succeeded' || s === 'declined' || s === 'failed'
      ? (`orders.payment.${s}` as const)
      : 'orders.payment.processing';
  return html`<h4>${host.t('orders.payments')}</h4>
    ${
      payments.length
        ? html`<ul part="payments" class="payments">
            ${payments.map(
              ({ payment, card }) => html`<li>
                <span>
                  ${host.t(state(payment.currentState))}
                  ${card ? html`<span class="muted">${card.brand === 'link' ? host.t('orders.link') : host.t('orders.card', { brand: card.brand, last4: card.last4 })}</span>` : nothing}
                  ${payment.paymentDate || payment.created ? html`<span class="muted">${host.date((payment.paymentDate ?? payment.created)!)}</span>` : nothing}
                </span>
                <span class="price">${host.money(payment.amount, payment.currency)}</span>
              </li>`,
            )}
          </ul>`
        : html`<p part="payments" class="muted">${host.t('orders.noPayments')}</p>`
    }`;
}

/** The cancel button while the order may be cancelled, its confirmation, and what came of it. */
function renderCancel(host: TillOrders, open: OpenOrder, order: Order): TemplateResult {
  const number = order.humanId;
  const busy = open.cancel === 'cancelling';
  const confirm = async (): Promise<void> => {
    const cancelled = await confirmCancel();
    if (cancelled) host.dispatchEvent(new TillOrderCancelEvent(cancelled));
  };
  const problem = open.cancelProblem;
  return html`
    ${
      open.cancel === 'cancelled'
        ? html`<p class="notice" role="status" tabindex="-1">${host.t('orders.cancelled', { number })}</p>`
        : nothing
    }
    ${
      open.cancel === 'failed'
        ? html`<p part="error" class="alert" role="alert" tabindex="-1">${host.t(problem?.code === 'closed' ? 'orders.cancelClosed' : 'orders.cancelFailed')}</p>`
        : nothing
    }
    ${
      open.status === 'ready' && isPayableStatus(order.status)
        ? html`<button part="cancel" class="danger" @click=${requestCancel}>${host.t('orders.cancel')}</button>`
        : nothing
    }
    <dialog
      aria-labelledby="cancel-question"
      @cancel=${(event: Event) => {
        event.preventDefault(); // Escape: the store decides, and refuses while the request runs
        dismissCancel();
      }}
    >
      <p id="cancel-question">${host.t('orders.cancelQuestion', { number })}</p>
      <div class="actions">
        <button autofocus aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || dismissCancel()}>${host.t('orders.cancelNo')}</button>
        <button class="danger" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || confirm()}>
          ${busy ? host.t('orders.cancelling') : host.t('orders.cancelYes')}
        </button>
      </div>
    </dialog>`;
}
