import { html, nothing, type TemplateResult } from 'lit';
import type { TestCardProvider } from '../../payments/provider.ts';
import type { TestCardField } from '../../payments/test-card.ts';
import {
  confirmTotal,
  restartCheckout,
  type CheckoutState,
  type PaymentMessageCode,
  type PaymentPhase,
} from '../../state/checkout/index.ts';
import type { StringKey } from '../shared/strings.ts';
import type { CardController } from './card-controller.ts';
import type { TillCheckout } from './checkout.ts';
import { renderOrderSummary } from './order-summary.ts';

export interface PaymentStep {
  readonly host: TillCheckout;
  readonly state: CheckoutState;
  readonly card: CardController;
  readonly submit: (event: Event) => void;
}

/** Step 2: the amount to pay (confirmed first if the server's differs from the cart's) and the card. */
export function renderPayment({ host, state, card, submit }: PaymentStep): TemplateResult {
  const order = state.order!;
  const total = host.money(order.totalAmount, order.currency);
  const busy = state.busy === 'payment';
  const mismatch = state.totalToConfirm;
  return html`
      <div class="layout">
        <form part="form" novalidate @submit=${submit}>
          <h3 class="step-heading" tabindex="-1">${host.t('checkout.step.payment')}</h3>
          <p class="total-row to-pay"><span>${host.t('checkout.toPay')}</span><strong part="total" class="price">${total}</strong></p>
          ${
            mismatch
              ? html`<div class="notice" role="alert">
                <p>${host.t('checkout.totalChanged', { server: host.money(mismatch.server, mismatch.currency), local: host.money(mismatch.local, mismatch.currency) })}</p>
                <button type="button" @click=${confirmTotal}>${host.t('checkout.totalConfirm', { server: host.money(mismatch.server, mismatch.currency) })}</button>
              </div>`
              : nothing
          }
          <fieldset class="card">
            <legend>${host.t('checkout.card')}</legend>
            ${renderCard(host, card, busy)}
            ${busy && state.paying && state.paying !== 'card' ? html`<p class="waiting" role="status">${host.t(WAITING[state.paying])}</p>` : nothing}
            ${renderPaymentError(host, state)}
          </fieldset>
          <button part="pay" class="primary wide" type="submit" aria-disabled=${busy || mismatch ? 'true' : 'false'}>
            ${busy ? host.t('checkout.paying') : host.t('checkout.pay', { total })}
          </button>
          <button type="button" class="link" ?disabled=${busy} @click=${restartCheckout}>${host.t('checkout.edit')}</button>
        </form>
        ${renderOrderSummary(host, order, false, state)}
      </div>
    `;
}

/** What the payment waits for, said at the card while the pay button waits. */
const WAITING: Record<Exclude<PaymentPhase, 'card'>, StringKey> = {
  authenticating: 'checkout.authenticating',
  confirming: 'checkout.confirming',
  processing: 'checkout.processing',
};

/** The payment's own messages, in the element's language (others are the server's or the card's words). */
const PAYMENT_TEXTS: Record<PaymentMessageCode, StringKey> = {
  'authentication-failed': 'checkout.error.authentication-failed',
  'authentication-canceled': 'checkout.error.authentication-canceled',
  'authentication-expired': 'checkout.error.authentication-expired',
  'authentication-unavailable': 'checkout.error.authentication-unavailable',
  'payment-pending': 'checkout.error.payment-pending',
};

/** A payment that failed, at the card: a decline says to try another card (the order stays payable). */
function renderPaymentError(host: TillCheckout, { error }: CheckoutState) {
  if (error?.stage !== 'payment') return nothing;
  const own =
    error.code && Object.hasOwn(PAYMENT_TEXTS, error.code) ? PAYMENT_TEXTS[error.code as PaymentMessageCode] : null;
  return html`<div part="error" class="alert" role="alert" tabindex="-1">
    <p>${own ? host.t(own) : error.message}</p>
    ${error.declined ? html`<p>${host.t('checkout.declinedHint')}</p>` : nothing}
  </div>`;
}

function renderCard(host: TillCheckout, card: CardController, busy: boolean) {
  const { provider } = card;
  if (!provider) return nothing;
  if (provider.kind === 'test') return renderTestCard(host, provider, busy);
  // Stripe's Payment Element lives in the light DOM (it can not live in a shadow root): shown through the slot.
  const { loading, error } = card.state;
  return html`
      ${loading ? html`<p class="muted" role="status">${host.t('checkout.cardLoading')}</p>` : nothing}
      <div class="stripe"><slot name="card"></slot></div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    `;
}

/** The labelled test-mode form: Stripe's test cards to pick from, and the three fields. */
function renderTestCard(host: TillCheckout, card: TestCardProvider, busy: boolean) {
  const { form } = card;
  const input = (name: TestCardField, label: StringKey, extra: { placeholder: string; size: number }) => html`
      <div class="field ${name}">
        <label for="card-${name}">${host.t(label)}</label>
        <input
          id="card-${name}"
          inputmode="numeric"
          autocomplete="off"
          placeholder=${extra.placeholder}
          maxlength=${extra.size}
          .value=${form[name]}
          ?disabled=${busy}
          aria-invalid=${form.errors[name] ? 'true' : 'false'}
          aria-describedby=${form.errors[name] ? `card-${name}-error` : nothing}
          @input=${(e: Event) => card.input(name, (e.target as HTMLInputElement).value)}
        />
        ${form.errors[name] ? html`<p id="card-${name}-error" class="error">${form.errors[name]}</p>` : nothing}
      </div>`;
  return html`
      <p class="test-mode">${host.t('checkout.testMode')}</p>
      <ul class="test-cards">
        ${card.cards.map(
          ({ number, kind }) =>
            html`<li><button type="button" class="link" ?disabled=${busy} @click=${() => card.choose(number)}>${number}</button> <span class="muted">${host.t(`checkout.testCard.${kind}`)}</span></li>`,
        )}
      </ul>
      <div class="grid card-fields">
        ${input('number', 'checkout.cardNumber', { placeholder: '4242 4242 4242 4242', size: 23 })}
        ${input('expiry', 'checkout.cardExpiry', { placeholder: 'MM/YY', size: 7 })}
        ${input('cvc', 'checkout.cardCvc', { placeholder: '123', size: 4 })}
      </div>
    `;
}
