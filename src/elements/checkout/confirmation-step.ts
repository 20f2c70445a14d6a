import { html, nothing, type TemplateResult } from 'lit';
import type { Address } from '../../api/types.ts';
import type { CheckoutState } from '../../state/checkout/index.ts';
import type { TillCheckout } from './checkout.ts';
import { renderBooticSummary } from './bootic-step.ts';
import { renderOrderSummary } from './order-summary.ts';

/** Card brands as Stripe names them (`card.brand`), as a receipt writes them. */
const BRANDS: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** "Visa ending in 4242", or Link (a Link payment method has Link's brand and no card details). */
const paidWith = (host: TillCheckout, card: { brand: string; last4: string }) =>
  card.brand === 'link'
    ? host.t('checkout.link')
    : host.t('checkout.cardEnding', { brand: BRANDS[card.brand] ?? card.brand, last4: card.last4 });

/**
 * Step 3: the receipt of the paid order: its number and date, who it goes to and where, the card
 * that paid, every line with its discount, the discounts, the total paid and the VAT it includes. With
 * Bootic, the shop's order, paid on its checkout. `done` is "Continue shopping".
 */
export function renderConfirmation(host: TillCheckout, state: CheckoutState, done: () => void): TemplateResult {
  const again = html`<button class="primary" @click=${done}>${host.t('checkout.again')}</button>`;
  if (state.booticOrder) {
    const order = state.booticOrder;
    return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${host.t('checkout.thanks')}</h3>
        <p>${host.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.code}</strong></p>
        ${renderBooticSummary(host, order, host.t('checkout.paid'))}
        ${again}
      </div>
    `;
  }
  const order = state.order!;
  const { contact, card } = state;
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  const fact = (label: string, value: unknown, part?: string) =>
    html`<div><dt>${label}</dt><dd part=${part ?? nothing}>${value}</dd></div>`;
  return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${host.t('checkout.thanks')}</h3>
        <p>${host.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.humanId}</strong></p>
        <dl class="receipt-facts">
          ${order.created ? fact(host.t('checkout.date'), new Intl.DateTimeFormat(host.activeLocale, { dateStyle: 'long', timeStyle: 'short' }).format(order.created)) : nothing}
          ${contact.email ? fact(host.t('checkout.email'), contact.email, 'receipt-email') : nothing}
          ${card ? fact(host.t('checkout.paidWith'), paidWith(host, card), 'receipt-card') : nothing}
          ${order.deliveryAddress ? fact(host.t('checkout.delivery'), address(name, order.deliveryAddress), 'receipt-delivery') : nothing}
          ${
            order.billingAddress && !sameAddress(order.billingAddress, order.deliveryAddress)
              ? fact(host.t('checkout.billing'), address(name, order.billingAddress), 'receipt-billing')
              : nothing
          }
        </dl>
        ${renderOrderSummary(host, order, true)}
        ${host.ordersHref ? html`<p><a part="orders" class="link" href=${host.ordersHref}>${host.t('checkout.orders')}</a></p>` : nothing}
        ${again}
      </div>
    `;
}

/** An address as an envelope shows it: the name, the street, the postal code and city, the country. */
function address(name: string, { street_name, zip_code, city, country }: Address) {
  const lines = [name, street_name, [zip_code, city].filter(Boolean).join(' '), country].filter(Boolean);
  return lines.map((line, i) => html`${i ? html`<br />` : nothing}${line}`);
}

const sameAddress = (a: Address, b: Address | null): boolean =>
  !!b && (['street_name', 'zip_code', 'city', 'country'] as const).every((key) => a[key] === b[key]);
