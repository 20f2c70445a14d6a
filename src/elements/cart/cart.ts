import { nothing } from 'lit';
import { TillCartChangeEvent } from '../../events/cart-change.ts';
import { cart } from '../../state/cart.ts';
import { TillElement } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { base } from '../shared/styles.ts';

/**
 * @summary The cart: lines with their add-ons, quantity steppers, the total computed locally to the
 * cent, and a checkout button. With `compact`, a header button with the item count that opens it.
 *
 * @fires till-cart-change - The cart changed, here or in another tab. `detail: { lines, summary }`.
 * @fires till-checkout-request - The checkout button was pressed (when no `checkout-href` is set).
 *
 * @csspart lines - The list of lines.
 * @csspart line - One line.
 * @csspart line-total - A line's final price.
 * @csspart total - The total amount.
 * @csspart checkout - The checkout button or link.
 * @csspart toggle - The compact mode's header button.
 * @csspart count - The compact mode's item count badge.
 * @csspart empty - The empty-cart message.
 *
 * @cssprop --till-accent - Buttons and links.
 * @cssprop --till-radius - Corner radius.
 */
export class TillCart extends TillElement {
  static override styles = base;

  static override properties = {
    ...TillElement.properties,
    compact: { type: Boolean, reflect: true },
    checkoutHref: { attribute: 'checkout-href' },
    heading: {},
  };

  /** Header mode: a button with the item count that opens the cart in a popover. */
  declare compact: boolean;
  /** Where the checkout button goes; without it, the button fires `till-checkout-request`. */
  declare checkoutHref: string;
  /** The cart's heading; the `cart.title` string when empty. */
  declare heading: string;

  constructor() {
    super();
    this.compact = false;
    this.checkoutHref = '';
    this.heading = '';
    // The page hears every change, here or in another tab, from the moment the element connects: once
    // for a burst of changes in one task, with the lines and the summary as they are then.
    let queued = false;
    new StoreController(this, cart.$lines, () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        this.dispatchEvent(new TillCartChangeEvent({ lines: cart.$lines.get(), summary: cart.$summary.get() }));
      });
    });
  }

  protected override loadView() {
    return import('./cart-view.ts').then((m) => m.createView);
  }

  /** In the page's header, nothing until the view is there (a "Loading…" line would jump about). */
  override render(): unknown {
    return this.compact && !this.view && !this.viewFailed ? nothing : super.render();
  }
}
