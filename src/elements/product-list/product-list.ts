import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { isTillError, unitPrice } from '../../core/index.ts';
import type { ApiProduct } from '../../api/types.ts';
import { addToCart } from '../../state/cart.ts';
import { DEFAULT_QUERY, createCatalogue, loadAddOns, type CatalogueQuery } from '../../state/catalogue.ts';
import { TillElement } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { base } from '../shared/styles.ts';
import { styles } from './product-list.styles.ts';

const SORTS = ['-created', 'price', '-price', 'name'] as const;

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
  static override styles = [base, styles];

  static override properties = {
    ...TillElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    tags: {},
    sort: {},
    searchable: { type: Boolean },
    filterTags: { attribute: 'filter-tags' },
    addOns: { state: true },
    choices: { state: true },
    feedback: { state: true },
  };

  /** Products per page (1–100, default 12). */
  declare pageSize: number;
  /** Only products with this tag (fixed by the page); the tag filter is hidden. */
  declare tags: string;
  /** Initial sort: `-created` (default), `price`, `-price` or `name`. */
  declare sort: string;
  /** Shows the search box (default on; `searchable="false"` is not HTML, so use `.searchable=${false}`). */
  declare searchable: boolean;
  /** Comma-separated tags offered in the filter; by default the tags of the products seen. */
  declare filterTags: string;
  declare private addOns: Record<string, readonly ApiProduct[]>;
  /** Per product: chosen add-on ids and quantity. */
  declare private choices: Record<string, { subs: readonly string[]; quantity: number }>;
  /** Per product: the last add's outcome. */
  declare private feedback: Record<string, { ok: boolean; message: string }>;

  private readonly catalogue = createCatalogue();
  private readonly state = new StoreController(this, this.catalogue.$state);
  private readonly seenTags = new Set<string>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.pageSize = DEFAULT_QUERY.size;
    this.tags = '';
    this.sort = DEFAULT_QUERY.sort;
    this.searchable = true;
    this.filterTags = '';
    this.addOns = {};
    this.choices = {};
    this.feedback = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.catalogue.abort();
    clearTimeout(this.searchTimer);
  }

  private lastConfig: unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The attributes set the query afresh; so does a new API configuration.
    if (changed.has('pageSize') || changed.has('tags') || changed.has('sort') || this.config.value !== this.lastConfig) {
      this.lastConfig = this.config.value;
      void this.load({ ...DEFAULT_QUERY, size: Math.min(100, Math.max(1, Math.floor(this.pageSize) || DEFAULT_QUERY.size)), sort: this.sort, tag: this.tags.split(',')[0]!.trim() });
    }
  }

  /** Loads the first page of the current query with `changes` applied (a later page when given). */
  private load(changes: Partial<CatalogueQuery> = {}) {
    if (!this.config.value.apiUrl) return Promise.resolve();
    return this.catalogue.load({ page: 0, ...changes }).then(() => this.afterLoad());
  }

  private async afterLoad(): Promise<void> {
    const { products } = this.state.value;
    for (const product of products) for (const tag of product.tags) this.seenTags.add(tag);
    const missing = products.filter((p) => p.subProducts.length && !this.addOns[p.id]);
    const found = await Promise.all(missing.map(async (p) => [p.id, await loadAddOns(p)] as const));
    if (found.length) this.addOns = { ...this.addOns, ...Object.fromEntries(found) };
  }

  override render() {
    const { status, products, query, total, error } = this.state.value;
    const busy = status === 'loading' || status === 'idle';
    return html`
      <section aria-label=${this.t('products.label')} aria-busy=${busy ? 'true' : 'false'}>
        ${this.renderToolbar(query)}
        ${status === 'error'
          ? html`<div class="alert" role="alert"><p>${error || this.t('products.error')}</p><button @click=${() => this.load({ page: this.state.value.query.page })}>${this.t('retry')}</button></div>`
          : busy && !products.length
            ? this.renderSkeleton(query.size)
            : !products.length
              ? html`<p class="empty muted" role="status">${query.search || query.tag ? this.t('products.empty') : this.t('products.emptyAll')}</p>`
              : html`<ul part="grid" class="grid">${repeat(products, (p) => p.id, (p) => this.renderProduct(p))}</ul>`}
        ${this.renderPager(query, total, products.length, busy)}
      </section>
    `;
  }

  private renderToolbar(query: CatalogueQuery) {
    const tags = this.filterTags
      ? this.filterTags.split(',').map((t) => t.trim()).filter(Boolean)
      : [...this.seenTags].sort((a, b) => a.localeCompare(b, this.activeLocale));
    return html`
      <div part="toolbar" class="toolbar" role="search">
        ${this.searchable
          ? html`<div class="field grow">
              <label for="search">${this.t('products.search')}</label>
              <input id="search" type="search" .value=${query.search} placeholder=${this.t('products.searchPlaceholder')} @input=${this.onSearch} />
            </div>`
          : nothing}
        ${!this.tags && tags.length
          ? html`<div class="field">
              <label for="tag">${this.t('products.tag')}</label>
              <select id="tag" @change=${(e: Event) => this.load({ tag: (e.target as HTMLSelectElement).value, search: '' })}>
                <option value="" ?selected=${!query.tag}>${this.t('products.allTags')}</option>
                ${tags.map((tag) => html`<option ?selected=${tag === query.tag}>${tag}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="sort">${this.t('products.sort')}</label>
          <select id="sort" @change=${(e: Event) => this.load({ sort: (e.target as HTMLSelectElement).value })}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === query.sort}>${this.t(`products.sort.${sort}`)}</option>`)}
          </select>
        </div>
      </div>
    `;
  }

  private onSearch(event: Event): void {
    const search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    // Wait for a pause in typing; the catalogue aborts any search still running.
    this.searchTimer = setTimeout(() => void this.load({ search, tag: '' }), 250);
  }

  private renderSkeleton(count: number) {
    return html`<ul class="grid" aria-hidden="true">
      ${Array.from({ length: Math.min(count, 8) }, () => html`<li class="product"><div class="skeleton image"></div><div class="skeleton line"></div><div class="skeleton line short"></div></li>`)}
    </ul>
    <p class="sr-only" role="status">${this.t('loading')}</p>`;
  }

  private renderProduct(product: ApiProduct) {
    const choice = this.choices[product.id] ?? { subs: [], quantity: 1 };
    const addOns = this.addOns[product.id] ?? [];
    const unit = unitPrice(product);
    const feedback = this.feedback[product.id];
    const id = (name: string) => `${name}-${product.id}`;
    return html`
      <li part="product" class="product">
        ${product.image
          ? html`<img part="image" class="image" src=${product.image} alt=${product.name} width="240" height="320" loading="lazy" />`
          : html`<div class="image placeholder" aria-hidden="true"></div>`}
        <h3 part="name">${product.name}</h3>
        ${product.shortDescription ? html`<p class="muted">${product.shortDescription}</p>` : nothing}
        <p class="prices">
          <span part="price" class="price">${this.money(unit, product.currency)}</span>
          ${product.discount > 0
            ? html`<s class="muted price">${this.t('products.was', { price: this.money(product.price, product.currency) })}</s>
                <span class="badge">${this.t('products.discount', { percent: this.percent(product.discount) })}</span>`
            : nothing}
        </p>
        ${product.vat > 0 ? html`<p class="muted">${this.t('vatIncluded', { vat: this.percent(product.vat) })}</p>` : nothing}
        ${addOns.length
          ? html`<fieldset class="add-ons">
              <legend>${this.t('products.addOns')}</legend>
              ${addOns.map(
                (sub) => html`<label class="check">
                  <input type="checkbox" .checked=${live(choice.subs.includes(sub.id))} @change=${(e: Event) => this.toggleAddOn(product, sub, (e.target as HTMLInputElement).checked)} />
                  <span>${sub.name}</span>
                  <span class="muted price">+${this.money(unitPrice(sub), sub.currency)}</span>
                </label>`,
              )}
            </fieldset>`
          : nothing}
        <div class="buy">
          <label class="sr-only" for=${id('qty')}>${this.t('products.quantity')}</label>
          <input id=${id('qty')} type="number" inputmode="numeric" min="1" max="99" .value=${live(String(choice.quantity))} @change=${(e: Event) => this.choose(product, { quantity: Number((e.target as HTMLInputElement).value) })} />
          <button part="add" class="primary" @click=${() => this.add(product, addOns)}>${this.t('products.add')}</button>
        </div>
        <p class=${feedback?.ok ? 'muted' : 'error'} role=${feedback?.ok ? 'status' : 'alert'}>${feedback?.message ?? ''}</p>
      </li>
    `;
  }

  private choose(product: ApiProduct, patch: Partial<{ subs: readonly string[]; quantity: number }>): void {
    const current = this.choices[product.id] ?? { subs: [], quantity: 1 };
    this.choices = { ...this.choices, [product.id]: { ...current, ...patch } };
  }

  private toggleAddOn(product: ApiProduct, sub: ApiProduct, on: boolean): void {
    const subs = (this.choices[product.id]?.subs ?? []).filter((id) => id !== sub.id);
    this.choose(product, { subs: on ? [...subs, sub.id] : subs });
  }

  private add(product: ApiProduct, addOns: readonly ApiProduct[]): void {
    const choice = this.choices[product.id] ?? { subs: [], quantity: 1 };
    let feedback: { ok: boolean; message: string };
    try {
      addToCart(product, choice.quantity, addOns.filter((sub) => choice.subs.includes(sub.id)));
      feedback = { ok: true, message: this.t('products.added', { name: product.name }) };
      this.choose(product, { subs: [], quantity: 1 });
    } catch (error) {
      if (!isTillError(error)) throw error;
      feedback = { ok: false, message: error.message };
    }
    this.feedback = { ...this.feedback, [product.id]: feedback };
  }

  private renderPager(query: CatalogueQuery, total: number | null, shown: number, busy: boolean) {
    const pages = total === null ? null : Math.max(1, Math.ceil(total / query.size));
    const hasNext = pages === null ? shown === query.size : query.page + 1 < pages;
    if (query.page === 0 && !hasNext) return nothing;
    const go = (page: number) => {
      void this.load({ page });
      this.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    };
    return html`
      <nav part="pager" class="pager" aria-label=${this.t('products.label')}>
        <button ?disabled=${busy || query.page === 0} @click=${() => go(query.page - 1)}>${this.t('products.previous')}</button>
        <span>${pages === null ? this.t('products.page', { page: query.page + 1 }) : this.t('products.pageOf', { page: query.page + 1, pages })}</span>
        <button ?disabled=${busy || !hasNext} @click=${() => go(query.page + 1)}>${this.t('products.next')}</button>
      </nav>
    `;
  }
}
