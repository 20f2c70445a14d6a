import { base } from '../shared/styles.ts';
import { TillElement } from '../shared/base.ts';
export type { ProductListStringKey } from './strings.ts';

/**
 * @summary The catalogue: pages of products with search, a tag filter and sorting; each card shows
 * its price (and discount), the VAT note, its add-ons, a quantity and an add-to-cart button.
 *
 * @csspart toolbar - Search, filter and sort controls.
 * @csspart grid - The list of product cards.
 * @csspart product - One product card.
 * @csspart image - A product image.
 * @csspart name - A product name.
 * @csspart price - The price to pay for one unit.
 * @csspart add - An add-to-cart button.
 * @csspart pager - The previous/next controls.
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
  };

  /** Products per page (1–100, default 12). */
  declare pageSize: number;
  /** Only products with this tag (fixed by the page); the tag filter is hidden. */
  declare tags: string;
  /** Initial sort: `-created` (default), `price`, `-price` or `name`. */
  declare sort: string;
  /** Shows the search box (default on; a property only: set it to false to hide the box). */
  declare searchable: boolean;
  /** Comma-separated tags offered in the filter; by default the tags of the products seen. */
  declare filterTags: string;

  constructor() {
    super();
    this.pageSize = 12;
    this.tags = '';
    this.sort = '-created';
    this.searchable = true;
    this.filterTags = '';
  }

  protected override loadView() {
    return import('./product-list-view.ts').then((m) => m.createView);
  }
}
