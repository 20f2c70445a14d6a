import { html, nothing } from 'lit';
import { MAX_QUANTITY, isTillError, type LinePrice } from '../../core/index.ts';
import { TillCheckoutRequestEvent } from '../../events/checkout-request.ts';
import { cart, type CartLine } from '../../state/cart.ts';
import { discountOf } from '../../state/cart/discount.ts';
import { readQuantity } from '../../state/cart/quantity.ts';
import type { View } from '../shared/base.ts';
import { keyed } from '../shared/keyed.ts';
import { StoreController } from '../shared/store-controller.ts';
import type { TillCart } from './cart.ts';
import { styles } from './cart.styles.ts';

export const createView = (host: TillCart): View => new CartView(host);

/**
 * The cart's lines, steppers, totals and actions, loaded when the first `<till-cart>` connects (the
 * element itself, and its `till-cart-change` events, are in the eager bundle).
 */
class CartView implements View {
  readonly styles = styles;
  /** Asking "Empty the cart?". */
  private confirmingClear = false;
  /** Line keys whose typed quantity was refused, with the message. */
  private invalid: Record<string, string> = {};
  private readonly lines: StoreController<readonly CartLine[]>;
  private readonly locked: StoreController<boolean>;
  /**
   * Each line's template, kept while the line, its price and its message are the same and so is
   * everything all lines share (`shared`): only the lines that changed are rendered again.
   */
  private readonly rendered = new WeakMap<
    CartLine,
    { value: unknown; final: number; error?: string; shared: unknown }
  >();
  /** What every line's template depends on besides the line: the lock, the texts, the locale. */
  private shared: readonly unknown[] = [];

  constructor(private readonly host: TillCart) {
    this.lines = new StoreController(host, cart.$lines, (lines) => {
      if (!lines.length) this.confirmingClear = false;
    });
    this.locked = new StoreController(host, cart.$locked);
  }

  hostConnected(): void {}

  private set(patch: { confirmingClear?: boolean; invalid?: Record<string, string> }): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  render() {
    if (!this.host.compact) return this.renderCart();
    const summary = cart.$summary.get();
    const items = this.host.plural('cart.items', summary.totalQuantity);
    return html`
      <button part="toggle" popovertarget="panel" aria-label=${this.host.t('cart.open', { items })}>
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
      this.host.compact ? html`<div>${content}</div>` : html`<section aria-labelledby="title">${content}</section>`;
    const lines = this.lines.value;
    const locked = this.locked.value;
    const title = html`<h2 id="title" tabindex="-1">${this.host.heading || this.host.t('cart.title')}</h2>`;
    if (!lines.length) return wrap(html`${title}<p part="empty" class="muted">${this.host.t('cart.empty')}</p>`);
    const summary = cart.$summary.get();
    const currency = summary.currency!;
    const shared = [locked, this.host.texts, this.host.resolved];
    if (shared.some((value, i) => value !== this.shared[i])) this.shared = shared;
    const discount = discountOf(
      summary,
      lines.map((l) => l.quantity),
    );
    return wrap(html`
        ${title}
        ${locked ? html`<p class="muted" role="status">${this.host.t('cart.locked')}</p>` : nothing}
        <ul part="lines" class="lines">
          ${keyed(
            lines,
            (line) => line.key,
            (line, i) => this.line(line, summary.lines[i]!, locked),
          )}
        </ul>
        <dl class="summary">
          ${discount ? html`<dt>${this.host.t('discounts')}</dt><dd class="price">−${this.host.money(discount, currency)}</dd>` : nothing}
          <dt>${this.host.t('total')}</dt>
          <dd part="total" class="total price">${this.host.money(summary.total, currency)}</dd>
          <dt class="muted">${this.host.t('vat')}</dt>
          <dd class="muted price">${this.host.money(summary.vat, currency)}</dd>
        </dl>
        <div class="actions">
          ${
            this.confirmingClear
              ? html`<span role="alert">${this.host.t('cart.clearConfirm')}</span>
                <button @click=${this.clear} ?disabled=${locked}>${this.host.t('cart.clearYes')}</button>
                <button @click=${() => this.set({ confirmingClear: false })}>${this.host.t('cart.clearNo')}</button>`
              : html`<button class="link" @click=${() => this.set({ confirmingClear: true })} ?disabled=${locked}>${this.host.t('cart.clear')}</button>`
          }
          ${
            this.host.checkoutHref
              ? html`<a part="checkout" class="primary" href=${this.host.checkoutHref}>${this.host.t('cart.checkout')}</a>`
              : html`<button part="checkout" class="primary" @click=${this.requestCheckout}>${this.host.t('cart.checkout')}</button>`
          }
        </div>
      `);
  }

  private line(line: CartLine, price: LinePrice, locked: boolean): unknown {
    const error = this.invalid[line.key];
    const kept = this.rendered.get(line);
    if (kept && kept.final === price.final && kept.error === error && kept.shared === this.shared) return kept.value;
    const value = this.renderLine(line, price, locked);
    this.rendered.set(line, { value, final: price.final, error, shared: this.shared });
    return value;
  }

  /**
   * One line. Written for the cost of a first render, which is the DOM Lit clones and the parts it
   * binds: no whitespace between the elements (the line is a grid, so none shows) and leaf texts as
   * `.textContent`, one property each rather than a marker, a text node and an insertion.
   */
  private renderLine(line: CartLine, price: LinePrice, locked: boolean) {
    const host = this.host;
    const name = line.name;
    const error = this.invalid[line.key];
    const inputId = `q-${line.key}`;
    return html`<li part="line" class="line">${
      line.image
        ? html`<img class="thumb" src=${line.image} alt="" width="48" height="64" loading="lazy" />`
        : html`<span class="thumb"></span>`
    }<div class="name"><span .textContent=${name}></span>${
      line.subProducts.length
        ? html`<span class="muted" .textContent=${host.t('with', { addOns: line.subProducts.map((s) => s.name).join(', ') })}></span>`
        : nothing
    }${
      line.discount > 0
        ? html`<span class="muted" .textContent=${host.t('discount', { percent: host.percent(line.discount) })}></span>`
        : nothing
    }</div><span part="line-total" class="price" .textContent=${host.money(price.final, line.currency)}></span><div class="stepper"
      ><button aria-label=${host.t('cart.decrease', { name })} ?disabled=${locked || line.quantity <= 1} @click=${() => this.step(line, -1)}>−</button
      ><label class="sr-only" for=${inputId} .textContent=${host.t('cart.quantity', { name })}></label
      ><input
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
      /><button aria-label=${host.t('cart.increase', { name })} ?disabled=${locked || line.quantity >= MAX_QUANTITY} @click=${() => this.step(line, 1)}>+</button></div
    ><button class="link remove" aria-label=${host.t('cart.removeLabel', { name })} ?disabled=${locked} @click=${() => this.removeLine(line)} .textContent=${host.t('cart.remove')}></button>${
      error ? html`<p id="${inputId}-error" class="error" role="alert" .textContent=${error}></p>` : nothing
    }</li>`;
  }

  private setQuantity(line: CartLine, quantity: number): void {
    try {
      cart.setQuantity(line.key, quantity);
      this.set({ invalid: Object.fromEntries(Object.entries(this.invalid).filter(([key]) => key !== line.key)) });
    } catch (error) {
      if (!isTillError(error)) throw error;
      this.set({
        invalid: {
          ...this.invalid,
          [line.key]:
            error.code === 'quantity-invalid'
              ? this.host.t('cart.quantityInvalid', { max: MAX_QUANTITY })
              : error.message,
        },
      });
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
    void this.host.updateComplete.then(() => {
      const next =
        this.host.renderRoot.querySelector<HTMLElement>('.remove') ??
        this.host.renderRoot.querySelector<HTMLElement>('h2');
      next?.focus();
    });
  }

  // Listeners bound to this element, so the templates can pass them as they are.
  private readonly clear = (): void => {
    cart.clear();
    this.set({ confirmingClear: false });
  };

  private readonly requestCheckout = (): void => {
    this.host.dispatchEvent(new TillCheckoutRequestEvent());
    this.host.renderRoot.querySelector<HTMLElement & { hidePopover?: () => void }>('[popover]')?.hidePopover?.();
  };
}
