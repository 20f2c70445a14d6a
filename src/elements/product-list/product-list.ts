import { base } from '../shared/styles.ts';
import { TillElement } from '../shared/base.ts';
export type { ProductListStringKey } from './strings.ts';

/**
 * @summary The catalogue: pages of products with search, a tag filter and sorting; each card shows
 * its price (and discount), the VAT note, its add-ons, a quantity and an add-to-cart button. A card's
 * title or cover opens the product's details in a dialog.
 *
 * @fires till-product-open - The customer asked for a product's details. Cancelable: the page shows them its own way. `detail: { id, product }`.
 * @fires till-product-close - The customer closed a product's details. `detail: { id }`.
 *
 * @csspart toolbar - Search, filter and sort controls.
 * @csspart grid - The list of product cards.
 * @csspart product - One product card.
 * @csspart image - A product image.
 * @csspart name - A product name.
 * @csspart price - The price to pay for one unit.
 * @csspart add - An add-to-cart button.
 * @csspart pager - The previous/next controls.
 * @csspart details - The product details dialog.
 *
 * @cssprop --till-accent - Buttons and focus.
 * @cssprop --till-product-min-width - The narrowest a card gets (default 14rem).
 */
export class TillProductList extends TillElement {
  static override styles = base;

  static override properties = {
    ...TillElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    tags: {},
    sort: {},
    searchable: { attribute: false },
    filterTags: { attribute: 'filter-tags' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    // Reflected while a product is open; no attribute at all when none is.
    product: { reflect: true, converter: { toAttribute: (id: string) => id || null } },
  };

  /** Products per page (1–100, default 12). */
  declare pageSize: number;
  /** Only products with this tag (fixed by the page); the tag filter is hidden. */
  declare tags: string;
  /** Initial sort: `-created` (default), `price` (the price paid, low to high), `-price` or `name`. */
  declare sort: string;
  /** Shows the search box (default on; a property only: set it to false to hide the box). */
  declare searchable: boolean;
  /** Comma-separated tags offered in the filter; by default every tag of the catalogue. */
  declare filterTags: string;
  /** The level of the products' name headings, 2 to 6 (default 2: under the page's h1). */
  declare headingLevel: number;
  /** The id of the product whose details are open; set it to open them, clear it to close them. */
  declare product: string;

  constructor() {
    super();
    this.pageSize = 12;
    this.tags = '';
    this.sort = '-created';
    this.searchable = true;
    this.filterTags = '';
    this.headingLevel = 2;
    this.product = '';
  }

  /** Opens a product's details by id (what the `product` attribute does). */
  openProduct(id: string): Promise<boolean> {
    this.product = id;
    return this.updateComplete;
  }

  /** Closes the product details, if open. */
  closeProduct(): Promise<boolean> {
    this.product = '';
    return this.updateComplete;
  }

  /** Takes focus to the list itself (a page coming back to the shelf), or to the element until it has loaded. */
  override focus(options?: FocusOptions): void {
    const list = this.renderRoot?.querySelector<HTMLElement>('#products');
    if (list) list.focus(options);
    else super.focus(options);
  }

  protected override loadView() {
    return import('./product-list-view.ts').then((m) => m.createView);
  }
}
