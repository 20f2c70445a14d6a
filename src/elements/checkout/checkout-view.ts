import { adoptStyles, html, nothing, type LitElement } from 'lit';
import { TillCheckoutCompleteEvent } from '../../events/checkout-complete.ts';
import { TillCheckoutErrorEvent } from '../../events/checkout-error.ts';
import { TillCheckoutRedirectEvent } from '../../events/checkout-redirect.ts';
import { TillContinueShoppingEvent } from '../../events/continue-shopping.ts';
import { TillOrderCreatedEvent } from '../../events/order-created.ts';
import { TillTotalMismatchEvent } from '../../events/total-mismatch.ts';
import { cart, type CartLine } from '../../state/cart.ts';
import {
  $checkout,
  followCart,
  onCheckoutEvent,
  placeOrder,
  restartCheckout,
  resumeCheckout,
  type CheckoutEvent,
  type CheckoutState,
} from '../../state/checkout/index.ts';
import { $config } from '../../state/config.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings } from '../shared/strings.ts';
import type { AuthenticationDialog } from './authentication-dialog.ts';
import type { CardController } from './card-controller.ts';
import type { TillCheckout } from './checkout.ts';
import { styles } from './checkout-view.styles.ts';
import { CouponField } from './coupon-field.ts';
import { renderDetails } from './details-step.ts';
import { CheckoutFocus } from './focus.ts';
import type * as LaterStepsModule from './later-steps.ts';
import { CHECKOUT_STRINGS } from './strings.ts';

addStrings(CHECKOUT_STRINGS);

export const createView = (host: TillCheckout): View => new CheckoutView(host);

const STEPS = ['details', 'payment', 'complete'] as const;

type LaterSteps = typeof LaterStepsModule;
let laterSteps: Promise<LaterSteps> | undefined;
/** The steps after the details, fetched once per page (see later-steps.ts). */
const loadLaterSteps = () => (laterSteps ??= import('./later-steps.ts'));

/** The checkout's steps, loaded when the first `<till-checkout>` connects. */
class CheckoutView implements View {
  readonly styles = styles;
  private readonly state: StoreController<CheckoutState>;
  private readonly lines: StoreController<readonly CartLine[]>;
  /** The payment and confirmation steps, and the card form, once their chunk has arrived. */
  private later: LaterSteps | null = null;
  private card: CardController | null = null;
  /** Their chunk while it loads: `updateComplete` waits for it. */
  loading: Promise<unknown> | undefined;
  private readonly coupon: CouponField;
  private readonly focus: CheckoutFocus;
  /** The bank's check without Stripe.js: with the later steps, which are the only ones that pay. */
  private authentication: AuthenticationDialog | null = null;
  private stop: (() => void)[] = [];
  private resumeQueued = false;

  constructor(private readonly host: TillCheckout) {
    this.state = new StoreController(host, $checkout);
    // A Bootic order awaiting payment that no longer holds the cart gives way to a new one.
    this.lines = new StoreController(host, cart.$lines, followCart);
    this.coupon = new CouponField(host);
    this.focus = new CheckoutFocus(host, () => this.state.value);
  }

  hostConnected(): void {
    // On connection, whenever the configuration changes, and when the browser brings the page back
    // from its cache (Back from Bootic's checkout), pick up an order left on another page.
    const shown = (event: PageTransitionEvent) => event.persisted && this.resumeSoon();
    addEventListener('pageshow', shown);
    this.stop = [
      onCheckoutEvent((event) => this.dispatch(event)),
      $config.subscribe(() => this.resumeSoon()),
      $checkout.subscribe(({ step }) => step !== 'details' && this.loadLater()),
      () => removeEventListener('pageshow', shown),
    ];
  }

  /** Fetches the later steps once; the card's controller is made when they arrive. */
  private loadLater(): void {
    if (this.later || this.loading) return;
    this.loading = loadLaterSteps().then(
      (later) => {
        this.later = later;
        // Their styles join the element's and the details step's.
        const { elementStyles } = this.host.constructor as typeof LitElement;
        adoptStyles(this.host.renderRoot as ShadowRoot, [...elementStyles, styles, later.laterStyles]);
        this.card = new later.CardController(this.host);
        this.authentication = new later.AuthenticationDialog(this.host, () => this.state.value);
        this.loading = undefined;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        // The chunk is asked for again the next time the checkout needs it (a new submit, a resume).
        console.warn('[tillkit] the checkout could not load its payment step', error);
        laterSteps = this.loading = undefined;
        this.host.requestUpdate();
      },
    );
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
      if (this.host.isConnected) void resumeCheckout(this.host.activeLocale);
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
    // The payment step downloads while the order is created.
    this.loadLater();
    void placeOrder({ addressId: this.host.addressId });
  };

  private readonly submitPayment = (event: Event): void => {
    event.preventDefault();
    void this.card?.pay().then(async (accepted) => {
      if (!accepted) await this.focus.toFirstInvalid();
    });
  };

  /**
   * "Continue shopping": a fresh checkout, and the customer back on the shelf: the page's own way if it
   * handles `till-continue-shopping`, else the page's first product list (scrolled to, focused), or
   * the top of the page.
   */
  private readonly continueShopping = (): void => {
    this.focus.stay();
    restartCheckout();
    if (!this.host.dispatchEvent(new TillContinueShoppingEvent())) return;
    const shelf = document.querySelector('till-product-list');
    if (shelf) {
      shelf.scrollIntoView({ block: 'start' });
      shelf.focus({ preventScroll: true });
    } else {
      window.scrollTo({ top: 0 });
    }
  };

  render() {
    const host = this.host;
    const state = this.state.value;
    // A payment's failure shows at the card; the others above the step.
    const error = state.error && !(state.step === 'payment' && state.error.stage === 'payment') ? state.error : null;
    return html`
      <section class="checkout" aria-labelledby="checkout-title" aria-busy=${state.busy ? 'true' : 'false'}>
        <h2 id="checkout-title" tabindex="-1">${host.t('checkout.title')}</h2>
        ${this.renderSteps(state)}
        ${state.busy === 'resume' ? html`<p role="status">${host.t('checkout.resuming')}</p>` : nothing}
        ${error ? html`<div part="error" class="alert" role="alert" tabindex="-1">${error.message}</div>` : nothing}
        ${
          state.step === 'details'
            ? renderDetails({
                host,
                state,
                lines: this.lines.value,
                summary: cart.$summary.get(),
                coupon: this.coupon,
                submit: this.submitDetails,
              })
            : this.renderLater(state)
        }
        ${this.authentication?.render() ?? nothing}
      </section>
    `;
  }

  private renderLater(state: CheckoutState) {
    const { later, card, host } = this;
    if (!later || !card) {
      return this.loading
        ? html`<p class="muted" role="status" aria-busy="true">${host.t('loading')}</p>`
        : html`<div class="alert" role="alert"><p>${host.t('loadFailed')}</p><button type="button" @click=${() => this.loadLater()}>${host.t('retry')}</button></div>`;
    }
    if (state.step === 'complete') return later.renderConfirmation(host, state, this.continueShopping);
    return state.booticOrder
      ? later.renderBooticPayment(host, state.booticOrder, restartCheckout)
      : later.renderPayment({ host, state, card, submit: this.submitPayment });
  }

  private renderSteps({ step }: CheckoutState) {
    return html`<ol part="steps" class="steps" aria-label=${this.host.t('checkout.steps')}>
      ${STEPS.map((s, i) => html`<li aria-current=${s === step ? 'step' : nothing} class=${STEPS.indexOf(step) > i ? 'done' : ''}>${this.host.t(`checkout.step.${s}`)}</li>`)}
    </ol>`;
  }
}
