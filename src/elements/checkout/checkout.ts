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
  static override styles = base;

  static override properties = {
    ...TillElement.properties,
    addressId: { type: Number, attribute: 'address-id' },
    ordersHref: { attribute: 'orders-href' },
  };

  /** With the Bootic backend: the id of an address the shop knows for this customer. */
  declare addressId: number | undefined;
  /** Where the customer's orders are (a page with `<till-orders>`): the confirmation links there. */
  declare ordersHref: string | undefined;

  /** Takes focus to the checkout's heading (a page showing the checkout), or to the element until it has loaded. */
  override focus(options?: FocusOptions): void {
    const heading = this.renderRoot?.querySelector<HTMLElement>('#checkout-title');
    if (heading) heading.focus(options);
    else super.focus(options);
  }

  protected override loadView() {
    return import('./checkout-view.ts').then((m) => m.createView);
  }
}
