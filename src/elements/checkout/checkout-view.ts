import { html, nothing } from 'lit';
import type { Order } from '../../api/types.ts';
import { createStripeProvider } from '../../payments/stripe.ts';
import { TEST_CARDS, formatCardNumber, testCardErrors, testCardToken } from '../../payments/test-card.ts';
import type { CardProvider } from '../../payments/provider.ts';
import { TillCheckoutCompleteEvent } from '../../events/checkout-complete.ts';
import { TillCheckoutErrorEvent } from '../../events/checkout-error.ts';
import { TillCheckoutRedirectEvent } from '../../events/checkout-redirect.ts';
import { TillOrderCreatedEvent } from '../../events/order-created.ts';
import { TillTotalMismatchEvent } from '../../events/total-mismatch.ts';
import { cart, type CartLine } from '../../state/cart.ts';
import {
  $checkout,
  confirmTotal,
  onCheckoutEvent,
  pay,
  placeOrder,
  restartCheckout,
  resumeCheckout,
  setContact,
  type CheckoutState,
  type Contact,
  type ContactField,
} from '../../state/checkout/index.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings, type StringKey } from '../shared/strings.ts';
import type { TillCheckout } from './checkout.ts';
import { styles } from './checkout-view.styles.ts';
import { CHECKOUT_STRINGS } from './strings.ts';

addStrings(CHECKOUT_STRINGS);

type TextField = { name: ContactField; label: StringKey; type?: string; autocomplete: string };

const CONTACT: readonly TextField[] = [
  { name: 'email', label: 'checkout.email', type: 'email', autocomplete: 'email' },
  { name: 'firstName', label: 'checkout.firstName', autocomplete: 'given-name' },
  { name: 'lastName', label: 'checkout.lastName', autocomplete: 'family-name' },
  { name: 'phone', label: 'checkout.phone', type: 'tel', autocomplete: 'tel' },
];
const address = (prefix: '' | 'billing', section: string): readonly TextField[] => [
  {
    name: (prefix ? 'billingStreet' : 'street') as ContactField,
    label: 'checkout.street',
    autocomplete: `${section} street-address`,
  },
  {
    name: (prefix ? 'billingZip' : 'zip') as ContactField,
    label: 'checkout.zip',
    autocomplete: `${section} postal-code`,
  },
  {
    name: (prefix ? 'billingCity' : 'city') as ContactField,
    label: 'checkout.city',
    autocomplete: `${section} address-level2`,
  },
  {
    name: (prefix ? 'billingCountry' : 'country') as ContactField,
    label: 'checkout.country',
    autocomplete: `${section} country-name`,
  },
];
const DELIVERY = address('', 'shipping');
const BILLING = address('billing', 'billing');

export const createView = (host: TillCheckout): View => new CheckoutView(host);

/** The checkout's steps, loaded when the first `<till-checkout>` connects. */
class CheckoutView implements View {
  readonly styles = styles;
  /** The card input's readiness, as its provider reports it. */
  private cardState = { complete: false, error: null as string | null, loading: false };
  /** The offline test-card form's values and per-field messages. */
  private testCard: {
    number: string;
    expiry: string;
    cvc: string;
    errors: Partial<Record<'number' | 'expiry' | 'cvc', string>>;
  } = {
    number: '',
    expiry: '',
    cvc: '',
    errors: {},
  };
  private readonly state: StoreController<CheckoutState>;
  private readonly lines: StoreController<readonly CartLine[]>;
  private provider: CardProvider | null = null;
  private cardHost: HTMLElement | null = null;
  private stopEvents: (() => void) | null = null;
  private configured: unknown;
  private lastStep: string | undefined;
  private lastError: unknown;
  private focusInvalid = false;
  private lastFieldErrors: unknown;

  constructor(private readonly host: TillCheckout) {
    this.state = new StoreController(host, $checkout);
    this.lines = new StoreController(host, cart.$lines);
  }

  private get t() {
    return this.host.t.bind(this.host);
  }

  private money(amount: number, currency: string): string {
    return this.host.money(amount, currency);
  }

  private setCard(state: CheckoutView['cardState']): void {
    this.cardState = state;
    this.host.requestUpdate();
  }

  private setTestCard(state: CheckoutView['testCard']): void {
    this.testCard = state;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    const host = this.host;
    this.stopEvents = onCheckoutEvent((event) => {
      if (event.type === 'order-created') host.dispatchEvent(new TillOrderCreatedEvent(event.order));
      else if (event.type === 'total-mismatch') host.dispatchEvent(new TillTotalMismatchEvent(event));
      else if (event.type === 'complete') host.dispatchEvent(new TillCheckoutCompleteEvent(event.order, event.payment));
      else if (event.type === 'error') host.dispatchEvent(new TillCheckoutErrorEvent(event.error));
      // Bootic: the page may take over; otherwise the customer goes on to Bootic's checkout.
      else if (host.dispatchEvent(new TillCheckoutRedirectEvent(event))) location.assign(event.url);
    });
  }

  hostDisconnected(): void {
    this.stopEvents?.();
    this.unmountCard();
    this.configured = undefined;
  }

  hostUpdate(): void {
    // On connection and whenever the configuration changes, pick up an order left before a reload.
    if (this.host.config.value !== this.configured) {
      this.configured = this.host.config.value;
      void resumeCheckout();
    }
  }

  hostUpdated(): void {
    const { step, error } = this.state.value;
    const root = this.host.renderRoot;
    if (step === 'payment') void this.mountCard();
    else this.unmountCard();
    if (step !== this.lastStep) {
      // A new step: move focus to its heading so keyboard and screen-reader users follow along.
      if (this.lastStep !== undefined) root.querySelector<HTMLElement>('.step-heading')?.focus();
      this.lastStep = step;
    }
    if (error && error !== this.lastError) root.querySelector<HTMLElement>('[part=error]')?.focus();
    this.lastError = error;
    // After a refused submit, or the server refusing fields, take the customer to the first field to
    // fix, in form order.
    const { fieldErrors } = this.state.value;
    if (this.focusInvalid || (fieldErrors !== this.lastFieldErrors && Object.keys(fieldErrors).length)) {
      root.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
    }
    this.focusInvalid = false;
    this.lastFieldErrors = fieldErrors;
  }

  render() {
    const state = this.state.value;
    return html`
      <section class="checkout" aria-label=${this.t('checkout.title')} aria-busy=${state.busy ? 'true' : 'false'}>
        <h2>${this.t('checkout.title')}</h2>
        ${this.renderSteps(state)}
        ${state.busy === 'resume' ? html`<p role="status">${this.t('checkout.resuming')}</p>` : nothing}
        ${state.error ? html`<div part="error" class="alert" role="alert" tabindex="-1">${state.error.message}</div>` : nothing}
        ${state.step === 'details' ? this.renderDetails(state) : state.step === 'payment' ? this.renderPayment(state) : this.renderComplete(state)}
      </section>
    `;
  }

  private renderSteps({ step }: CheckoutState) {
    const steps = ['details', 'payment', 'complete'] as const;
    return html`<ol part="steps" class="steps" aria-label=${this.t('checkout.steps')}>
      ${steps.map((s, i) => html`<li aria-current=${s === step ? 'step' : nothing} class=${steps.indexOf(step) > i ? 'done' : ''}>${this.t(`checkout.step.${s}`)}</li>`)}
    </ol>`;
  }

  // Step 1 -------------------------------------------------------------------------------------

  private renderDetails(state: CheckoutState) {
    const { busy } = state;
    const empty = !this.lines.value.length;
    // Bootic's own checkout asks for the addresses; here only the contact is needed.
    const bootic = this.host.config.value.backend === 'bootic';
    return html`
      <div class="layout">
        <form part="form" novalidate @submit=${this.submitDetails}>
          <h3 class="step-heading" tabindex="-1">${this.t('checkout.step.details')}</h3>
          <fieldset>
            <legend>${this.t('checkout.contact')}</legend>
            <div class="grid">${CONTACT.map((f) => this.renderField(f, state))}</div>
          </fieldset>
          ${bootic ? nothing : this.renderAddresses(state)}
          ${empty ? html`<p class="muted" role="status">${this.t('checkout.emptyCart')}</p>` : nothing}
          <button class="primary wide" type="submit" aria-disabled=${busy || empty ? 'true' : 'false'}>
            ${busy === 'order' ? this.t('checkout.placing') : this.t(bootic ? 'checkout.continueBootic' : 'checkout.continue')}
          </button>
        </form>
        ${this.renderCartSummary()}
      </div>
    `;
  }

  private renderAddresses(state: CheckoutState) {
    const { contact } = state;
    return html`
          <fieldset>
            <legend>${this.t('checkout.delivery')}</legend>
            <div class="grid">${DELIVERY.map((f) => this.renderField(f, state))}</div>
          </fieldset>
          <label class="check">
            <input type="checkbox" .checked=${contact.billingSame} @change=${(e: Event) => setContact({ billingSame: (e.target as HTMLInputElement).checked })} />
            ${this.t('checkout.billingSame')}
          </label>
          ${
            contact.billingSame
              ? nothing
              : html`<fieldset>
                <legend>${this.t('checkout.billing')}</legend>
                <div class="grid">${BILLING.map((f) => this.renderField(f, state))}</div>
              </fieldset>`
          }
          <div class="field">
            <label for="note">${this.t('checkout.note')}</label>
            <textarea id="note" rows="2" maxlength="500" .value=${contact.note} @input=${(e: Event) => setContact({ note: (e.target as HTMLTextAreaElement).value })}></textarea>
          </div>`;
  }

  private renderField(field: TextField, { contact, fieldErrors }: CheckoutState) {
    const error = fieldErrors[field.name];
    const label = this.t(field.label);
    return html`<div class="field">
      <label for=${field.name}>${label}</label>
      <input
        id=${field.name}
        name=${field.name}
        type=${field.type ?? 'text'}
        autocomplete=${field.autocomplete}
        required
        maxlength="120"
        .value=${contact[field.name]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${field.name}-error` : nothing}
        @input=${(e: Event) => setContact({ [field.name]: (e.target as HTMLInputElement).value } as Partial<Contact>)}
      />
      ${error ? html`<p id="${field.name}-error" class="error">${typeof error === 'string' ? this.t(`error.${error}`, { field: label.toLowerCase() }) : error.message}</p>` : nothing}
    </div>`;
  }

  private submitDetails = (event: Event): void => {
    event.preventDefault();
    if (this.state.value.busy || !this.lines.value.length) return;
    this.focusInvalid = true;
    void placeOrder({ addressId: this.host.addressId });
  };

  private renderCartSummary() {
    const lines = this.lines.value;
    if (!lines.length) return nothing;
    const summary = cart.$summary.get();
    return html`<aside part="summary" class="summary" aria-label=${this.t('checkout.summary')}>
      <h3>${this.t('checkout.summary')}</h3>
      <ul>
        ${lines.map(
          (line, i) => html`<li>
            <span>${line.quantity} × ${line.name}${line.subProducts.length ? html`<br /><span class="muted">${this.t('with', { addOns: line.subProducts.map((s) => s.name).join(', ') })}</span>` : nothing}</span>
            <span class="price">${this.money(summary.lines[i]!.final, line.currency)}</span>
          </li>`,
        )}
      </ul>
      <p class="total-row"><span>${this.t('total')}</span><span part="total" class="price">${this.money(summary.total, summary.currency!)}</span></p>
      <p class="muted total-row"><span>${this.t('vat')}</span><span class="price">${this.money(summary.vat, summary.currency!)}</span></p>
    </aside>`;
  }

  // Step 2 -------------------------------------------------------------------------------------

  private renderPayment(state: CheckoutState) {
    const order = state.order!;
    const total = this.money(order.totalAmount, order.currency);
    const busy = state.busy === 'payment';
    const mismatch = state.totalToConfirm;
    return html`
      <div class="layout">
        <form part="form" novalidate @submit=${this.submitPayment}>
          <h3 class="step-heading" tabindex="-1">${this.t('checkout.step.payment')}</h3>
          <p class="total-row to-pay"><span>${this.t('checkout.toPay')}</span><strong part="total" class="price">${total}</strong></p>
          ${
            mismatch
              ? html`<div class="notice" role="alert">
                <p>${this.t('checkout.totalChanged', { server: this.money(mismatch.server, mismatch.currency), local: this.money(mismatch.local, mismatch.currency) })}</p>
                <button type="button" @click=${confirmTotal}>${this.t('checkout.totalConfirm', { server: this.money(mismatch.server, mismatch.currency) })}</button>
              </div>`
              : nothing
          }
          <fieldset class="card">
            <legend>${this.t('checkout.card')}</legend>
            ${this.host.config.value.stripeKey ? this.renderStripe() : this.renderTestCard(busy)}
          </fieldset>
          <button part="pay" class="primary wide" type="submit" aria-disabled=${busy || mismatch ? 'true' : 'false'}>
            ${busy ? this.t('checkout.paying') : this.t('checkout.pay', { total })}
          </button>
          <button type="button" class="link" ?disabled=${busy} @click=${restartCheckout}>${this.t('checkout.edit')}</button>
        </form>
        ${this.renderOrder(order)}
      </div>
    `;
  }

  private renderStripe() {
    const { loading, error } = this.cardState;
    return html`
      ${loading ? html`<p class="muted" role="status">${this.t('checkout.cardLoading')}</p>` : nothing}
      <div class="stripe"><slot name="card"></slot></div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    `;
  }

  private renderTestCard(busy: boolean) {
    const { number, expiry, cvc, errors } = this.testCard;
    const input = (
      name: 'number' | 'expiry' | 'cvc',
      label: StringKey,
      value: string,
      extra: { placeholder: string; size: number },
    ) => html`
      <div class="field ${name}">
        <label for="card-${name}">${this.t(label)}</label>
        <input
          id="card-${name}"
          inputmode="numeric"
          autocomplete="off"
          placeholder=${extra.placeholder}
          maxlength=${extra.size}
          .value=${value}
          ?disabled=${busy}
          aria-invalid=${errors[name] ? 'true' : 'false'}
          aria-describedby=${errors[name] ? `card-${name}-error` : nothing}
          @input=${(e: Event) => this.typeCard(name, (e.target as HTMLInputElement).value)}
        />
        ${errors[name] ? html`<p id="card-${name}-error" class="error">${errors[name]}</p>` : nothing}
      </div>`;
    return html`
      <p class="test-mode">${this.t('checkout.testMode')}</p>
      <ul class="test-cards">
        ${TEST_CARDS.map(
          (card) =>
            html`<li><button type="button" class="link" ?disabled=${busy} @click=${() => this.useTestCard(card.number)}>${formatCardNumber(card.number)}</button> <span class="muted">${card.label}</span></li>`,
        )}
      </ul>
      <div class="grid card-fields">
        ${input('number', 'checkout.cardNumber', number, { placeholder: '4242 4242 4242 4242', size: 23 })}
        ${input('expiry', 'checkout.cardExpiry', expiry, { placeholder: 'MM/YY', size: 7 })}
        ${input('cvc', 'checkout.cardCvc', cvc, { placeholder: '123', size: 4 })}
      </div>
    `;
  }

  private typeCard(name: 'number' | 'expiry' | 'cvc', value: string): void {
    const errors = { ...this.testCard.errors };
    delete errors[name];
    this.setTestCard({ ...this.testCard, [name]: name === 'number' ? formatCardNumber(value) : value, errors });
  }

  private useTestCard(number: string): void {
    const year = String((new Date().getFullYear() + 3) % 100).padStart(2, '0');
    this.setTestCard({
      number: formatCardNumber(number),
      expiry: `12/${year}`,
      cvc: number.startsWith('3') ? '1234' : '123',
      errors: {},
    });
  }

  private submitPayment = async (event: Event): Promise<void> => {
    event.preventDefault();
    const state = this.state.value;
    if (state.busy || state.totalToConfirm) return;
    if (this.host.config.value.stripeKey) {
      const provider = this.provider;
      await pay(
        () =>
          provider?.createToken({ name: `${state.contact.firstName} ${state.contact.lastName}`.trim() }) ??
          Promise.resolve({ error: { message: this.t('checkout.cardLoading') } }),
      );
      return;
    }
    const errors = testCardErrors(this.testCard);
    if (errors.length) {
      this.setTestCard({ ...this.testCard, errors: Object.fromEntries(errors.map((e) => [e.field, e.message])) });
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>(`#card-${errors[0]!.field}`)?.focus();
      return;
    }
    const card = this.testCard;
    await pay(async () => testCardToken(card));
  };

  /** Stripe's card element, mounted into a light-DOM child shown through the `card` slot. */
  private async mountCard(): Promise<void> {
    const { stripeKey, loadStripe } = this.host.config.value;
    if (!stripeKey || this.provider) return;
    this.cardHost = document.createElement('div');
    this.cardHost.slot = 'card';
    this.host.append(this.cardHost);
    const provider = (this.provider = createStripeProvider({
      publishableKey: stripeKey,
      locale: this.host.activeLocale,
      loadStripe: loadStripe ?? undefined,
    }));
    provider.onChange?.((state) => this.setCard({ ...state, loading: false }));
    this.setCard({ complete: false, error: null, loading: true });
    await provider.mount(this.cardHost);
    if (this.provider === provider && this.cardState.loading) this.setCard({ ...this.cardState, loading: false });
  }

  private unmountCard(): void {
    this.provider?.destroy();
    this.provider = null;
    this.cardHost?.remove();
    this.cardHost = null;
  }

  // Step 3 -------------------------------------------------------------------------------------

  private renderComplete(state: CheckoutState) {
    if (state.booticOrder) return this.renderBootic(state.booticOrder);
    const order = state.order!;
    return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${this.t('checkout.thanks')}</h3>
        <p>${this.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.humanId}</strong></p>
        ${this.renderOrder(order, true)}
        <button class="primary" @click=${restartCheckout}>${this.t('checkout.again')}</button>
      </div>
    `;
  }

  /** Bootic: the order exists in the shop; payment happens on Bootic's checkout. */
  private renderBootic(order: NonNullable<CheckoutState['booticOrder']>) {
    const money = (amount: number) => this.money(amount, order.currency);
    return html`
      <div part="confirmation" class="confirmation">
        <h3 class="step-heading" tabindex="-1">${this.t('checkout.booticCreated')}</h3>
        <p>${this.t('checkout.orderNumber')}: <strong part="order-number" class="order-number">${order.code}</strong></p>
        <aside part="summary" class="summary" aria-label=${this.t('checkout.summary')}>
          <ul>
            ${order.lineItems.map((item) => html`<li><span>${item.units} × ${item.title}</span><span class="price">${money(item.total)}</span></li>`)}
          </ul>
          ${order.shippingTotal ? html`<p class="total-row"><span>${this.t('checkout.shipping')}</span><span class="price">${money(order.shippingTotal)}</span></p>` : nothing}
          <p class="total-row"><span>${this.t('total')}</span><span part="total" class="price order-total">${money(order.total)}</span></p>
        </aside>
        ${order.webCheckout ? html`<a part="pay" class="primary wide" href=${order.webCheckout}>${this.t('checkout.toBootic')}</a>` : nothing}
      </div>
    `;
  }

  private renderOrder(order: Order, paid = false) {
    return html`<aside part="summary" class="summary" aria-label=${this.t('checkout.summary')}>
      <h3>${this.t('checkout.summary')}</h3>
      <ul>
        ${order.items.map(
          (item) => html`<li>
            <span>${item.quantity} × ${item.name}${item.subProducts.length ? html`<br /><span class="muted">${this.t('with', { addOns: item.subProducts.map((s) => s.name).join(', ') })}</span>` : nothing}</span>
            <span class="price">${this.money(item.finalPrice, order.currency)}</span>
          </li>`,
        )}
      </ul>
      <p class="total-row"><span>${paid ? this.t('checkout.paid') : this.t('total')}</span><span class="price order-total">${this.money(order.totalAmount, order.currency)}</span></p>
    </aside>`;
  }
}
