import { html, nothing, type TemplateResult } from 'lit';
import type { ApiProduct } from '../../api/types.ts';
import type { loadAddOns, loadProduct } from '../../state/catalogue.ts';
import type { StringKey } from '../shared/strings.ts';
import { wrapTab } from '../shared/dialog-tab.ts';
import type { CardContext, renderAddOns, renderBuy, renderPrices } from './product-card.ts';
export { styles } from './product-details.styles.ts';

/**
 * What the details need from the list: the cards' context and templates, the products it shows, how
 * to load one, and a word when closed. The list hands its own functions in, so this chunk imports
 * nothing from the list's (a chunk importing back from the one that loads it would make the bundler
 * split the script-tag entry apart).
 */
export interface DetailsContext extends CardContext {
  readonly renderPrices: typeof renderPrices;
  readonly renderAddOns: typeof renderAddOns;
  readonly renderBuy: typeof renderBuy;
  readonly loadProduct: typeof loadProduct;
  readonly loadAddOns: typeof loadAddOns;
  /** The product with this id if the list shows it (and its add-ons when they are known). */
  readonly onPage: (id: string) => { product: ApiProduct; addOns: readonly ApiProduct[] | undefined } | undefined;
  /** The dialog closed; `byCustomer` when the customer closed it (not the page, through `product`). */
  readonly closed: (id: string, byCustomer: boolean) => void;
}

/** The details dialog, as the list view drives it. */
export interface DetailsView {
  /** Shows the product with this id (fetched when the list does not show it), from the list's update. */
  show(id: string): void;
  /** Closes the dialog (the page cleared `product`). */
  hide(): void;
  /** After each update of the list: opens or closes the dialog element to match. */
  updated(root: ShadowRoot): void;
  render(): TemplateResult;
}

export const createDetails = (context: DetailsContext): DetailsView => new ProductDetails(context);

/** Properties shown first, in this order, with a label of their own; any other follows under its own name. */
const KNOWN = ['director', 'actors', 'year', 'runtime_minutes', 'condition', 'format', 'region'] as const;

type Shown =
  | { readonly status: 'loading' | 'missing' | 'error'; readonly message?: string }
  | { readonly status: 'ready'; readonly product: ApiProduct; readonly addOns: readonly ApiProduct[] };

/** `weight_in_grams` → `Weight in grams`: a property's own name, for one without a label. */
const humanise = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A product's details in a modal dialog, loaded the first time a product is opened: the cover with a
 * meaningful text alternative, the prices, the full description, its properties, every add-on with its
 * description, and the buying form the card shares. Focus moves into it and stays there (Tab wraps);
 * Escape, the close button or a click beside it close it, and focus goes back where it came from.
 */
class ProductDetails implements DetailsView {
  private id = '';
  private shown: Shown = { status: 'loading' };
  /** Set while the page closes the dialog, so its `close` is not taken for the customer's. */
  private closingForPage = false;
  private requested = 0;

  constructor(private readonly context: DetailsContext) {}

  /** Called while the list updates, before it renders: what it shows is set without asking for another update. */
  show(id: string): void {
    if (id === this.id) return;
    this.id = id;
    const onPage = this.context.onPage(id);
    if (onPage?.addOns) {
      this.shown = { status: 'ready', product: onPage.product, addOns: onPage.addOns };
      return;
    }
    this.shown = onPage ? { status: 'ready', product: onPage.product, addOns: [] } : { status: 'loading' };
    void this.fetch(id, onPage?.product);
  }

  hide(): void {
    this.id = '';
  }

  updated(root: ShadowRoot): void {
    const dialog = root.querySelector<HTMLDialogElement>('dialog.details');
    if (!dialog) return;
    if (this.id && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('#details-title')?.focus();
    } else if (!this.id && dialog.open) {
      this.closingForPage = true;
      dialog.close();
    }
  }

  /** Fetches the product (or, for one on the page, only its add-ons); a newer request wins. */
  private async fetch(id: string, known: ApiProduct | undefined): Promise<void> {
    const request = ++this.requested;
    let shown: Shown;
    try {
      const { loadAddOns, loadProduct } = this.context;
      const found = known ? { product: known, addOns: await loadAddOns(known) } : await loadProduct(id);
      shown = found ? { status: 'ready', ...found } : { status: 'missing' };
    } catch (error) {
      shown = { status: 'error', message: error instanceof Error ? error.message : '' };
    }
    if (request === this.requested && id === this.id) this.set(shown);
  }

  private set(shown: Shown): void {
    this.shown = shown;
    this.context.host.requestUpdate();
  }

  private readonly onClose = (): void => {
    const byCustomer = !this.closingForPage;
    this.closingForPage = false;
    const id = this.id || (this.shown.status === 'ready' ? this.shown.product.id : '');
    if (byCustomer) this.id = '';
    this.context.closed(id, byCustomer);
  };

  /** A click on the backdrop (the dialog itself, outside its sheet) closes it. */
  private readonly onClick = (event: MouseEvent): void => {
    if (event.target === event.currentTarget) (event.currentTarget as HTMLDialogElement).close();
  };

  /** Tab and Shift+Tab wrap around inside the dialog instead of leaving for the browser's own controls. */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const dialog = event.currentTarget as HTMLDialogElement;
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
    );
    wrapTab(
      event,
      focusable[0],
      focusable.at(-1),
      (active) => active === focusable[0] || !focusable.includes(active as HTMLElement),
    );
  };

  render(): TemplateResult {
    const { host } = this.context;
    const shown = this.shown;
    const close = (event: Event) => (event.currentTarget as HTMLElement).closest('dialog')?.close();
    const title =
      shown.status === 'ready'
        ? shown.product.name
        : host.t(
            shown.status === 'loading'
              ? 'loading'
              : shown.status === 'missing'
                ? 'products.missing'
                : 'products.detailsError',
          );
    return html`<dialog part="details" class="details" aria-labelledby="details-title" @close=${this.onClose} @click=${this.onClick} @keydown=${this.onKeydown}>
      <div class="sheet" aria-busy=${shown.status === 'loading' ? 'true' : 'false'}>
        <div class="details-head">
          <h2 id="details-title" tabindex="-1">${title}</h2>
          <button class="close" aria-label=${host.t('products.close')} @click=${close}>✕</button>
        </div>
        ${
          shown.status === 'ready'
            ? this.renderProduct(shown.product, shown.addOns)
            : shown.status === 'error'
              ? html`<div class="alert" role="alert"><p>${shown.message}</p><button @click=${() => void this.fetch(this.id, undefined)}>${host.t('retry')}</button></div>`
              : nothing
        }
      </div>
    </dialog>`;
  }

  private renderProduct(product: ApiProduct, addOns: readonly ApiProduct[]) {
    const { host, renderPrices, renderAddOns, renderBuy } = this.context;
    const description = product.description || product.shortDescription;
    return html`<div class="details-body">
      ${product.image ? html`<img class="details-cover" src=${product.image} alt=${host.t('products.coverAlt', { name: product.name })} width="240" height="320" />` : nothing}
      <div class="details-info">
        ${renderPrices(host, product)}
        ${description ? html`<p class="description">${description}</p>` : nothing}
        ${this.renderProperties(product)}
        ${renderAddOns(this.context, product, addOns, 'details', true)}
        ${renderBuy(this.context, product, addOns, 'details')}
      </div>
    </div>`;
  }

  /** The product's properties that have something to show, the known ones first with their own label. */
  private renderProperties(product: ApiProduct) {
    const { host } = this.context;
    const rows: [string, string][] = [];
    const others = Object.keys(product.properties).filter((key) => !(KNOWN as readonly string[]).includes(key));
    for (const key of [...KNOWN, ...others]) {
      const value = product.properties[key];
      const text = Array.isArray(value)
        ? value.filter((v) => typeof v === 'string' || typeof v === 'number').join(', ')
        : typeof value === 'string' || typeof value === 'number'
          ? String(value)
          : '';
      if (!text || key.startsWith('_') || key === 'kind') continue;
      const known = (KNOWN as readonly string[]).includes(key);
      const label = known ? host.t(`products.property.${key}` as StringKey) : humanise(key);
      rows.push([label, key === 'runtime_minutes' ? host.t('products.minutes', { minutes: text }) : text]);
    }
    if (!rows.length) return nothing;
    return html`<h3>${host.t('products.properties')}</h3>
      <dl class="properties">${rows.map(([label, text]) => html`<dt>${label}</dt><dd>${text}</dd>`)}</dl>`;
  }
}
