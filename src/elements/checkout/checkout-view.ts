import { html, nothing } from 'lit';
import { TillCheckoutCompleteEvent } from '../../events/checkout-complete.ts';
import { TillCheckoutErrorEvent } from '../../events/checkout-error.ts';
import { TillCheckoutRedirectEvent } from '../../events/checkout-redirect.ts';
import { TillOrderCreatedEvent } from '../../events/order-created.ts';
import { TillTotalMismatchEvent } from '../../events/total-mismatch.ts';
import { cart, type CartLine } from '../../state/cart.ts';
import {
  $checkout,
  onCheckoutEvent,
  placeOrder,
  resumeCheckout,
  type CheckoutEvent,
  type CheckoutState,
} from '../../state/checkout/index.ts';
import { $config } from '../../state/config.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings } from '../shared/strings.ts';
import { CardController } from './card-controller.ts';
import type { TillCheckout } from './checkout.ts';
import { styles } from './checkout-view.styles.ts';
import { renderConfirmation } from './confirmation-step.ts';
import { renderDetails } from './details-step.ts';
import { CheckoutFocus } from './focus.ts';
import { renderPayment } from './payment-step.ts';
import { CHECKOUT_STRINGS } from './strings.ts';

addStrings(CHECKOUT_STRINGS);

export const createView = (host: TillCheckout): View => new CheckoutView(host);

const STEPS = ['details', 'payment', 'complete'] as const;

/** The checkout's steps, loaded when the first `<till-checkout>` connects. */
class CheckoutView implements View {
  readonly styles = styles;
  private readonly state: StoreController<CheckoutState>;
  private readonly lines: StoreController<readonly CartLine[]>;
  private readonly card: CardController;
  private readonly focus: CheckoutFocus;
  private stop: (() => void)[] = [];
  private resumeQueued = false;

  constructor(private readonly host: TillCheckout) {
    this.state = new StoreController(host, $checkout);
    this.lines = new StoreController(host, cart.$lines);
    this.card = new CardController(host);
    this.focus = new CheckoutFocus(host, () => this.state.value);
  }

  hostConnected(): void {
    // On connection and whenever the configuration changes, pick up an order left before a reload.
    this.stop = [onCheckoutEvent((event) => this.dispatch(event)), $config.subscribe(() => this.resumeSoon())];
  }

  hostDisconnected(): void {
    this.stop.forEach((stop) => stop());
    this.stop = [];
  }

  /**
   * Resuming changes the store and makes requests: it starts in a task of its own, once for a burst
   * of configuration changes (`<till-config>` sets them one by one while it updates), and never from
   * inside an update.
   */
  private resumeSoon(): void {
    if (this.resumeQueued) return;
    this.resumeQueued = true;
    queueMicrotask(() => {
      this.resumeQueued = false;
      if (this.host.isConnected) void resumeCheckout();
    });
  }

  /** The store's events, as DOM events for the host page. */
  private dispatch(event: CheckoutEvent): void {
    const host = this.host;
    if (event.type === 'order-created') host.dispatchEvent(new TillOrderCreatedEvent(event.order));
    else if (event.type === 'total-mismatch') host.dispatchEvent(new TillTotalMismatchEvent(event));
    else if (event.type === 'complete') host.dispatchEvent(new TillCheckoutCompleteEvent(event.order, event.payment));
    else if (event.type === 'error') host.dispatchEvent(new TillCheckoutErrorEvent(event.error));
    // Bootic: the page may take over; otherwise the customer goes on to Bootic's checkout.
    else if (host.dispatchEvent(new TillCheckoutRedirectEvent(event))) location.assign(event.url);
  }

  private readonly submitDetails = (event: Event): void => {
    event.preventDefault();
    if (this.state.value.busy || !this.lines.value.length) return;
    this.focus.expectInvalid();
    void placeOrder({ addressId: this.host.addressId });
  };

  private readonly submitPayment = (event: Event): void => {
    event.preventDefault();
    void this.card.pay().then(async (accepted) => {
      if (!accepted) await this.focus.toFirstInvalid();
    });
  };

  render() {
    const host = this.host;
    const state = this.state.value;
    return html`
      <section class="checkout" aria-label=${host.t('checkout.title')} aria-busy=${state.busy ? 'true' : 'false'}>
        <h2>${host.t('checkout.title')}</h2>
        ${this.renderSteps(state)}
        ${state.busy === 'resume' ? html`<p role="status">${host.t('checkout.resuming')}</p>` : nothing}
        ${state.error ? html`<div part="error" class="alert" role="alert" tabindex="-1">${state.error.message}</div>` : nothing}
        ${
          state.step === 'details'
            ? renderDetails({
                host,
                state,
                lines: this.lines.value,
                summary: cart.$summary.get(),
                submit: this.submitDetails,
              })
            : state.step === 'payment'
              ? renderPayment({ host, state, card: this.card, submit: this.submitPayment })
              : renderConfirmation(host, state)
        }
      </section>
    `;
  }

  private renderSteps({ step }: CheckoutState) {
    return html`<ol part="steps" class="steps" aria-label=${this.host.t('checkout.steps')}>
      ${STEPS.map((s, i) => html`<li aria-current=${s === step ? 'step' : nothing} class=${STEPS.indexOf(step) > i ? 'done' : ''}>${this.host.t(`checkout.step.${s}`)}</li>`)}
    </ol>`;
  }
}
