import { html, nothing } from 'lit';
import { MAX_QUANTITY, isTillError, type LinePrice } from '../../core/index.ts';
import { TillCartChangeEvent } from '../../events/cart-change.ts';
import { TillCheckoutRequestEvent } from '../../events/checkout-request.ts';
import { cart, type CartLine } from '../../state/cart.ts';
import { discountOf } from '../../state/cart/discount.ts';
import { readQuantity } from '../../state/cart/quantity.ts';
import { TillElement } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { base } from '../shared/styles.ts';
import { styles } from './cart.styles.ts';

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
  static override styles = [base, styles];

  static override properties = {
    ...TillElement.properties,
    compact: { type: Boolean, reflect: true },
    checkoutHref: { attribute: 'checkout-href' },
    heading: {},
    confirmingClear: { state: true },
    invalid: { state: true },
  };

  /** Header mode: a button with the item count that opens the cart in a popover. */
  declare compact: boolean;
  /** Where the checkout button goes; without it, the button fires `till-checkout-request`. */
  declare checkoutHref: string;
  /** The cart's heading; the `cart.title` string when empty. */
  declare heading: string;
  declare private confirmingClear: boolean;
  /** Line keys whose typed quantity was refused, with the message. */
  declare private invalid: Record<string, string>;

  private readonly lines = new StoreController(this, cart.$lines, (lines) => {
    if (!lines.length) this.confirmingClear = false;
    this.dispatchEvent(new TillCartChangeEvent({ lines, summary: cart.$summary.get() }));
  });
  private readonly locked = new StoreController(this, cart.$locked);

  constructor() {
    super();
    this.compact = false;
    this.checkoutHref = '';
    this.heading = '';
    this.confirmingClear = false;
    this.invalid = {};
  }

  override render() {
    if (!this.compact) return this.renderCart();
    const summary = cart.$summary.get();
    const items = this.plural('cart.items', summary.totalQuantity);
    return html`
      <button part="toggle" popovertarget="panel" aria-label=${this.t('cart.open', { items })}>
        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
          <path d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
          <circle cx="10" cy="20" r="1.5" fill="currentColor" /><circle cx="17" cy="20" r="1.5" fill="currentColor" />
        </svg>
        ${summary.totalQuantity ? html`<span part="count" class="count" aria-hidden="true">${summary.totalQuantity}</span>` : nothing}
      </button>
      <div id="panel" popover role="dialog" aria-labelledby="title">${this.renderCart()}</div>
    `;
  }

  private renderCart() {
    // A region of the page; in the header's popover, the dialog it opens (named by the same heading).
    const wrap = (content: unknown) =>
      this.compact ? html`<div>${content}</div>` : html`<section aria-labelledby="title">${content}</section>`;
    const lines = this.lines.value;
    const locked = this.locked.value;
    const title = html`<h2 id="title" tabindex="-1">${this.heading || this.t('cart.title')}</h2>`;
    if (!lines.length) return wrap(html`${title}<p part="empty" class="muted">${this.t('cart.empty')}</p>`);
    const summary = cart.$summary.get();
    const currency = summary.currency!;
    const discount = discountOf(
      summary,
      lines.map((l) => l.quantity),
    );
    return wrap(html`
        ${title}
        ${locked ? html`<p class="muted" role="status">${this.t('cart.locked')}</p>` : nothing}
        <ul part="lines" class="lines">
          ${lines.map((line, i) => this.renderLine(line, summary.lines[i]!, locked))}
        </ul>
        <dl class="summary">
          ${discount ? html`<dt>${this.t('discounts')}</dt><dd class="price">−${this.money(discount, currency)}</dd>` : nothing}
          <dt>${this.t('total')}</dt>
          <dd part="total" class="total price">${this.money(summary.total, currency)}</dd>
          <dt class="muted">${this.t('vat')}</dt>
          <dd class="muted price">${this.money(summary.vat, currency)}</dd>
        </dl>
        <div class="actions">
          ${
            this.confirmingClear
              ? html`<span role="alert">${this.t('cart.clearConfirm')}</span>
                <button @click=${this.clear} ?disabled=${locked}>${this.t('cart.clearYes')}</button>
                <button @click=${() => (this.confirmingClear = false)}>${this.t('cart.clearNo')}</button>`
              : html`<button class="link" @click=${() => (this.confirmingClear = true)} ?disabled=${locked}>${this.t('cart.clear')}</button>`
          }
          ${
            this.checkoutHref
              ? html`<a part="checkout" class="primary" href=${this.checkoutHref}>${this.t('cart.checkout')}</a>`
              : html`<button part="checkout" class="primary" @click=${this.requestCheckout}>${this.t('cart.checkout')}</button>`
          }
        </div>
      `);
  }

  private renderLine(line: CartLine, price: LinePrice, locked: boolean) {
    const name = line.name;
    const error = this.invalid[line.key];
    const inputId = `q-${line.key}`;
    return html`
      <li part="line" class="line">
        ${line.image ? html`<img class="thumb" src=${line.image} alt="" width="48" height="64" loading="lazy" />` : html`<span class="thumb"></span>`}
        <div class="name">
          <span>${name}</span>
          ${line.subProducts.length ? html`<span class="muted">${this.t('with', { addOns: line.subProducts.map((s) => s.name).join(', ') })}</span>` : nothing}
          ${line.discount > 0 ? html`<span class="muted">${this.t('discount', { percent: this.percent(line.discount) })}</span>` : nothing}
        </div>
        <span part="line-total" class="price">${this.money(price.final, line.currency)}</span>
        <div class="stepper">
          <button aria-label=${this.t('cart.decrease', { name })} ?disabled=${locked || line.quantity <= 1} @click=${() => this.step(line, -1)}>−</button>
          <label class="sr-only" for=${inputId}>${this.t('cart.quantity', { name })}</label>
          <input
            id=${inputId}
            type="number"
            inputmode="numeric"
            min="1"
            max=${MAX_QUANTITY}
            .value=${String(line.quantity)}
            ?disabled=${locked}
            aria-invalid=${!!error}
            aria-describedby=${error ? `${inputId}-error` : nothing}
            @change=${(event: Event) => this.typeQuantity(line, event.target as HTMLInputElement)}
          />
          <button aria-label=${this.t('cart.increase', { name })} ?disabled=${locked || line.quantity >= MAX_QUANTITY} @click=${() => this.step(line, 1)}>+</button>
        </div>
        <button class="link remove" aria-label=${this.t('cart.removeLabel', { name })} ?disabled=${locked} @click=${() => this.removeLine(line)}>${this.t('cart.remove')}</button>
        ${error ? html`<p id="${inputId}-error" class="error" role="alert">${error}</p>` : nothing}
      </li>
    `;
  }

  private setQuantity(line: CartLine, quantity: number): void {
    try {
      cart.setQuantity(line.key, quantity);
      this.invalid = Object.fromEntries(Object.entries(this.invalid).filter(([key]) => key !== line.key));
    } catch (error) {
      if (!isTillError(error)) throw error;
      this.invalid = {
        ...this.invalid,
        [line.key]:
          error.code === 'quantity-invalid' ? this.t('cart.quantityInvalid', { max: MAX_QUANTITY }) : error.message,
      };
    }
  }

  /** One more or fewer, from the quantity now in the store: quick clicks all count. */
  private step(line: CartLine, by: number): void {
    const current = cart.$lines.get().find((l) => l.key === line.key);
    if (current) this.setQuantity(current, current.quantity + by);
  }

  private typeQuantity(line: CartLine, input: HTMLInputElement): void {
    this.setQuantity(line, readQuantity(input.value) ?? Number.NaN);
    if (this.invalid[line.key]) input.value = String(line.quantity); // put the last good value back
  }

  private removeLine(line: CartLine): void {
    cart.remove(line.key);
    // Keep keyboard focus in the cart: move it to the next line's remove button, or the heading.
    void this.updateComplete.then(() => {
      const next =
        this.renderRoot.querySelector<HTMLElement>('.remove') ?? this.renderRoot.querySelector<HTMLElement>('h2');
      next?.focus();
    });
  }

  // Listeners bound to this element, so the templates can pass them as they are.
  private readonly clear = (): void => {
    cart.clear();
    this.confirmingClear = false;
  };

  private readonly requestCheckout = (): void => {
    this.dispatchEvent(new TillCheckoutRequestEvent());
    this.renderRoot.querySelector<HTMLElement & { hidePopover?: () => void }>('[popover]')?.hidePopover?.();
  };
}
