import { css, html } from 'lit';
import { cart } from '../../state/cart.ts';
import { checkoutUnderWay } from '../../state/checkout/under-way.ts';
import { base } from '../shared/styles.ts';
import { TillElement } from '../shared/base.ts';

// The checkout's texts are in the `strings` it takes (their keys join `StringKey`).
export type { CheckoutStringKey } from './strings.ts';

/**
 * @summary The checkout: contact and addresses, then the card, then a receipt. Creates the customer
 * and the order, pays it once, and survives reloads, declines and lost connections.
 *
 * @fires till-order-created - The order exists (before payment). `detail: { order }`.
 * @fires till-total-mismatch - The server's total differs from the cart's; the customer confirms. `detail: { order, local, server }`.
 * @fires till-checkout-complete - The order is paid. `detail: { order, payment }`.
 * @fires till-checkout-error - A step failed; `detail.message` is what the customer sees.
 * @fires till-checkout-redirect - Bootic backend: the order exists and the customer is about to go to Bootic's checkout. Cancelable. `detail: { order, url }`.
 * @fires till-continue-shopping - "Continue shopping" after the order. Cancelable: by default the page's first `<till-product-list>` is scrolled to and focused.
 *
 * @slot card - Filled by the element itself with Stripe's card form (Stripe can not live in a shadow root).
 *
 * @csspart steps - The step indicator.
 * @csspart form - The details form, then the payment form.
 * @csspart summary - The order summary.
 * @csspart coupon - The discount-code field under the details step's summary (BuiltOn).
 * @csspart coupon-notice - At the payment step's summary: the order's code refused when paying, and the way on without it.
 * @csspart total - The amount to pay.
 * @csspart pay - The pay button.
 * @csspart error - The error message.
 * @csspart confirmation - The confirmation: the receipt.
 * @csspart order-number - The order's `human_id`.
 * @csspart orders - The confirmation's link to the customer's orders (with `orders-href`).
 * @csspart receipt-email - The receipt's email address.
 * @csspart receipt-card - The card that paid (brand and last four digits).
 * @csspart receipt-delivery - The delivery address on the receipt.
 * @csspart receipt-billing - The billing address on the receipt, when it differs.
 *
 * @cssprop --till-accent - Buttons, links, the current step.
 * @cssprop --till-danger - Error messages and invalid fields.
 */
export class TillCheckout extends TillElement {
  // Until its view arrives the element keeps about the room of an empty checkout's details step (taller on
  // a phone, shorter with Bootic's contact-only step), so the page below it moves less when it comes.
  static override styles = [base, css`.reserve{min-height:40rem}h2{font-size:1.35em}`];

  static override properties = {
    ...TillElement.properties,
    addressId: { type: Number, attribute: 'address-id' },
    ordersHref: { attribute: 'orders-href' },
  };

  /** With the Bootic backend: the id of an address the shop knows for this customer. */
  declare addressId: number | undefined;
  /** Where the customer's orders are (a page with `<till-orders>`): the confirmation links there. */
  declare ordersHref: string | undefined;

  /** The view is wanted: it loads (or has). */
  private wanted = false;
  /** While the view waits: stops watching for the customer. */
  private stopWaiting: (() => void) | undefined;
  /** Settles once the element knows whether it is near the screen (`updateComplete` waits for it). */
  private looked: Promise<void> | undefined;

  /**
   * Takes focus to the checkout's heading (a page showing the checkout); before the view has loaded, to
   * the placeholder's, then to the view's once it is drawn (unless focus went elsewhere meanwhile).
   */
  override focus(options?: FocusOptions): void {
    const heading = () => this.renderRoot?.querySelector<HTMLElement>('h2');
    const now = heading();
    if (now) now.focus(options);
    else super.focus(options);
    if (this.view) return;
    this.want();
    void this.updateComplete.then(() => {
      if (document.activeElement === document.body || document.activeElement === this) heading()?.focus(options);
    });
  }

  /**
   * The details step is not needed before the customer is on their way to pay: the view loads when the
   * element comes within a screen of the viewport, takes focus, or the cart has lines, and at once when
   * a checkout is under way (a pending order or payment after a reload or a redirect). A shop page
   * showing its shelf and an empty cart does not fetch, parse and run the checkout meanwhile.
   */
  protected override viewWaits(): boolean {
    if (this.stopWaiting || this.wanted) return !this.wanted;
    if (typeof IntersectionObserver !== 'function' || cart.$lines.get().length || checkoutUnderWay()) {
      return !(this.wanted = true);
    }
    let looked!: () => void;
    this.looked = new Promise((resolve) => (looked = resolve));
    const want = () => this.want();
    const near = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) want();
        looked();
      },
      { rootMargin: '100% 0px' },
    );
    near.observe(this);
    const unlisten = cart.$lines.listen((lines) => lines.length && want());
    this.addEventListener('focusin', want);
    this.stopWaiting = () => {
      near.disconnect();
      unlisten();
      this.removeEventListener('focusin', want);
      this.stopWaiting = undefined;
      looked();
    };
    return true;
  }

  private want(): void {
    this.wanted = true;
    this.stopWaiting?.();
    this.startView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWaiting?.();
  }

  /**
   * Also waits for the first look at where the element is, so a settled checkout near the screen has its
   * view (not in a hidden tab, where the browser takes that look once the tab is shown).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    if (!document.hidden) await this.looked;
    return super.getUpdateComplete();
  }

  /** The view; until it is there, the checkout's heading and a placeholder that keeps about its room. */
  override render(): unknown {
    return this.view
      ? super.render()
      : html`<section class="reserve" aria-labelledby="checkout-waiting"><h2 id="checkout-waiting" tabindex="-1">${this.t('checkout.title')}</h2>${super.render()}</section>`;
  }

  protected override loadView() {
    return import('./checkout-view.ts').then((m) => m.createView);
  }
}
