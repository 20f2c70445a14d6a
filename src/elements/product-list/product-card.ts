import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { unitPrice } from '../../core/index.ts';
import type { ApiProduct } from '../../api/types.ts';
import type { BuyForms } from './buy-forms.ts';
import type { TillProductList } from './product-list.ts';

/** What a card (and the details dialog) needs: the element, the buying forms, and how to open details. */
export interface CardContext {
  readonly host: TillProductList;
  readonly forms: BuyForms;
  /** The customer asked for a product's details, from `opener` (where focus returns). */
  readonly open: (product: ApiProduct, opener: HTMLElement | null) => void;
}

/*
 * The cards are written for the cost of a first render, which is the DOM Lit clones and the parts it
 * binds: one template per heading level (not a button template inside a heading template), no
 * whitespace between elements where the container is a flex box or a grid (none shows), and leaf texts
 * as `.textContent`, one property each rather than a marker, a text node and an insertion.
 */

/** The product's name, a button that opens its details, as a heading of the level the page asked for (2 to 6). */
function heading(level: number, name: string, open: (event: Event) => void): TemplateResult {
  switch (level) {
    case 3:
      return html`<h3 part="name" class="name"><button class="title" aria-haspopup="dialog" @click=${open} .textContent=${name}></button></h3>`;
    case 4:
      return html`<h4 part="name" class="name"><button class="title" aria-haspopup="dialog" @click=${open} .textContent=${name}></button></h4>`;
    case 5:
      return html`<h5 part="name" class="name"><button class="title" aria-haspopup="dialog" @click=${open} .textContent=${name}></button></h5>`;
    case 6:
      return html`<h6 part="name" class="name"><button class="title" aria-haspopup="dialog" @click=${open} .textContent=${name}></button></h6>`;
    default:
      return html`<h2 part="name" class="name"><button class="title" aria-haspopup="dialog" @click=${open} .textContent=${name}></button></h2>`;
  }
}

/** One card of the grid: cover and title open the details; the rest buys. */
export function renderCard(context: CardContext, product: ApiProduct, addOns: readonly ApiProduct[]): TemplateResult {
  const { host, open } = context;
  const title = (target: EventTarget | null) =>
    (target as HTMLElement).closest('li')?.querySelector<HTMLElement>('.title') ?? null;
  return html`<li part="product" class="product" data-id=${product.id}>${
    product.image
      ? html`<img part="image" class="image cover" src=${product.image} alt=${product.name} width="240" height="320" loading="lazy" @click=${(e: Event) => open(product, title(e.target))} />`
      : html`<div class="image" aria-hidden="true"></div>`
  }${heading(host.headingLevel, product.name, (e: Event) => open(product, e.currentTarget as HTMLElement))}${
    product.shortDescription ? html`<p class="muted" .textContent=${product.shortDescription}></p>` : nothing
  }${renderPrices(host, product)}${renderAddOns(context, product, addOns, `card-${product.id}`)}${renderBuy(
    context,
    product,
    addOns,
    `card-${product.id}`,
  )}</li>`;
}

/** The price to pay, and the price before discount with the discount when there is one; the VAT note. */
export function renderPrices(host: TillProductList, product: ApiProduct): TemplateResult {
  return html`<p class="prices"><span part="price" class="price" .textContent=${host.money(unitPrice(product), product.currency)}></span>${
    product.discount > 0
      ? html`<s class="muted price" .textContent=${host.t('products.was', { price: host.money(product.price, product.currency) })}></s
          ><span class="badge" .textContent=${host.t('discount', { percent: host.percent(product.discount) })}></span>`
      : nothing
  }</p>${product.vat > 0 ? html`<p class="muted" .textContent=${host.t('vatIncluded', { vat: host.percent(product.vat) })}></p>` : nothing}`;
}

/** The add-ons to tick (in the details, each with its description). */
export function renderAddOns(
  { host, forms }: CardContext,
  product: ApiProduct,
  addOns: readonly ApiProduct[],
  id: string,
  describe = false,
): TemplateResult | typeof nothing {
  if (!addOns.length) return nothing;
  const { subs } = forms.get(product);
  return html`<fieldset class="add-ons">
    <legend>${host.t('products.addOns')}</legend>
    ${addOns.map(
      (sub) => html`<label class="check">
        <input type="checkbox" .checked=${live(subs.includes(sub.id))} aria-describedby=${describe && sub.shortDescription ? `${id}-${sub.id}-about` : nothing} @change=${(e: Event) => forms.toggle(product, sub, (e.target as HTMLInputElement).checked)} />
        <span>${sub.name}</span>
        <span class="muted price">+${host.money(unitPrice(sub), sub.currency)}</span>
      </label>
      ${describe && sub.shortDescription ? html`<p id="${id}-${sub.id}-about" class="muted about">${sub.shortDescription}</p>` : nothing}`,
    )}
  </fieldset>`;
}

/** The quantity (with the cart's rule, at the field) and the add button, then what happened. */
export function renderBuy(
  { host, forms }: CardContext,
  product: ApiProduct,
  addOns: readonly ApiProduct[],
  id: string,
): TemplateResult {
  const form = forms.get(product);
  const qty = `${id}-qty`;
  const add = (event: Event) => {
    const row = (event.currentTarget as HTMLElement).closest('.buy');
    // Refused for its quantity: focus goes to the field that says why.
    if (!forms.add(product, addOns) && forms.get(product).invalid)
      void host.updateComplete.then(() => row?.querySelector('input')?.focus());
  };
  return html`<div class="buy"
      ><label class="sr-only" for=${qty} .textContent=${host.t('products.quantity')}></label
      ><input
        id=${qty}
        type="number"
        inputmode="numeric"
        min="1"
        max=${Math.max(1, forms.max(product))}
        .value=${live(form.quantity)}
        aria-invalid=${form.invalid ? 'true' : 'false'}
        aria-describedby=${form.invalid ? `${qty}-error` : nothing}
        @input=${(e: Event) => forms.type(product, (e.target as HTMLInputElement).value)}
        @change=${(e: Event) => forms.commit(product, (e.target as HTMLInputElement).value)}
      /><button part="add" class="primary" @click=${add} .textContent=${host.t('products.add')}></button></div
    >${form.invalid ? html`<p id="${qty}-error" class="error" role="alert" .textContent=${form.invalid}></p>` : nothing}<p
      class=${form.feedback?.ok ? 'muted feedback' : 'error feedback'}
      role=${form.feedback?.ok ? 'status' : 'alert'}
      .textContent=${form.feedback?.message ?? ''}
    ></p>`;
}
