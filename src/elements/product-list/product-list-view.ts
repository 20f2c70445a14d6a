import { adoptStyles, html, nothing, type LitElement } from 'lit';
import type { ApiProduct } from '../../api/types.ts';
import { TillProductCloseEvent } from '../../events/product-close.ts';
import { TillProductOpenEvent } from '../../events/product-open.ts';
import { cart } from '../../state/cart.ts';
import {
  DEFAULT_QUERY,
  catalogueSort,
  catalogueTags,
  createCatalogue,
  loadAddOns,
  loadProduct,
  type CatalogueQuery,
  type CatalogueState,
} from '../../state/catalogue.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings, type StringKey } from '../shared/strings.ts';
import { BuyForms } from './buy-forms.ts';
import { renderAddOns, renderBuy, renderCard, renderPrices, type CardContext } from './product-card.ts';
import type { DetailsView } from './product-details.ts';
import type { TillProductList } from './product-list.ts';
import { styles } from './product-list-view.styles.ts';
import { PRODUCT_LIST_STRINGS } from './strings.ts';

addStrings(PRODUCT_LIST_STRINGS);

/** The sorts offered: the API's sort, and the text that names it. */
const SORTS: readonly (readonly [string, StringKey])[] = [
  ['-created', 'products.sort.-created'],
  ['final_price', 'products.sort.price'],
  ['-final_price', 'products.sort.-price'],
  ['name', 'products.sort.name'],
];

export const createView = (host: TillProductList): View => new ProductListView(host);

const NO_ADD_ONS: readonly ApiProduct[] = [];

/** The catalogue's state and templates, loaded when the first `<till-product-list>` connects. */
class ProductListView implements View {
  readonly styles = styles;
  private readonly catalogue = createCatalogue();
  private readonly state: StoreController<CatalogueState>;
  private readonly seenTags = new Set<string>();
  /** Every tag of the catalogue, once the API has said; null while unknown (then the tags seen). */
  private allTags: readonly string[] | null = null;
  private addOns: Record<string, readonly ApiProduct[]> = {};
  private readonly forms: BuyForms;
  private readonly context: CardContext;
  /** The details dialog, loaded when a product is first opened. */
  private details: DetailsView | null = null;
  private detailsLoading = false;
  /** Where focus returns when the details close. */
  private opener: HTMLElement | null = null;
  /** The attributes and configuration the current query was made from. */
  private source: unknown[] = [];
  /**
   * Each card's template, kept while its product, add-ons, buying form and quantity limit are the same
   * and so is what every card shares (`shared`): an add to the cart renders the card it changed.
   */
  private readonly cards = new WeakMap<ApiProduct, { value: unknown; deps: readonly unknown[] }>();
  /** What every card depends on besides its product: the heading level, the texts, the locale. */
  private shared: readonly unknown[] = [];

  constructor(private readonly host: TillProductList) {
    this.state = new StoreController(host, this.catalogue.$state, (state) => {
      if (state.status === 'ready') void this.afterLoad();
    });
    new StoreController(host, cart.$lines); // the quantity fields' limits follow the cart
    this.forms = new BuyForms(host);
    this.context = { host, forms: this.forms, open: (product, opener) => this.open(product, opener) };
  }

  hostUpdate(): void {
    // The attributes set the query afresh; so does a new API configuration.
    const { pageSize, tags, sort, config } = this.host;
    const source = [pageSize, tags, sort, config.value];
    if (!source.every((v, i) => v === this.source[i])) {
      this.source = source;
      const size = Math.min(100, Math.max(1, Math.floor(pageSize) || DEFAULT_QUERY.size));
      void this.load({ ...DEFAULT_QUERY, size, sort: catalogueSort(sort), tag: tags.split(',')[0]!.trim() });
      if (config.value.apiUrl) void catalogueTags().then((all) => this.set({ allTags: all }));
    }
    this.syncDetails();
  }

  hostUpdated(): void {
    this.details?.updated(this.host.renderRoot as ShadowRoot);
  }

  hostDisconnected(): void {
    this.catalogue.abort();
    this.source = []; // load again when connected again
  }

  /** Loads the first page of the current query with `changes` applied (a later page when given). */
  private load(changes: Partial<CatalogueQuery>) {
    if (!this.host.config.value.apiUrl) return Promise.resolve();
    return this.catalogue.load({ page: 0, ...changes });
  }

  private async afterLoad(): Promise<void> {
    const { products } = this.state.value;
    for (const product of products) for (const tag of product.tags) this.seenTags.add(tag);
    const missing = products.filter((p) => p.subProducts.length && !this.addOns[p.id]);
    const found = await Promise.all(missing.map(async (p) => [p.id, await loadAddOns(p)] as const));
    this.set({ addOns: found.length ? { ...this.addOns, ...Object.fromEntries(found) } : this.addOns });
  }

  private set(patch: { addOns?: ProductListView['addOns']; allTags?: ProductListView['allTags'] }): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** The customer asked for a product's details: the page may show them; else the dialog does. */
  private open(product: ApiProduct, opener: HTMLElement | null): void {
    this.opener = opener;
    if (this.host.dispatchEvent(new TillProductOpenEvent({ id: product.id, product }))) this.host.product = product.id;
  }

  /** Shows the details of the product the `product` attribute names, loading the dialog first. */
  private syncDetails(): void {
    const id = this.host.product;
    if (this.details) {
      if (id) this.details.show(id);
      else this.details.hide();
      return;
    }
    if (!id || this.detailsLoading) return;
    this.detailsLoading = true;
    void import('./product-details.ts').then(({ createDetails, styles }) => {
      const elementStyles = (this.host.constructor as typeof LitElement).elementStyles;
      adoptStyles(this.host.renderRoot as ShadowRoot, [...elementStyles, this.styles, styles]);
      this.details = createDetails({
        ...this.context,
        renderPrices,
        renderAddOns,
        renderBuy,
        loadProduct,
        loadAddOns,
        onPage: (productId) => {
          const product = this.state.value.products.find((p) => p.id === productId);
          return product && { product, addOns: this.addOns[product.id] };
        },
        closed: (productId, byCustomer) => this.closed(productId, byCustomer),
      });
      this.host.requestUpdate();
    });
  }

  /** The details closed: the page hears of it when the customer closed them, and focus goes back. */
  private closed(id: string, byCustomer: boolean): void {
    if (byCustomer) {
      this.host.product = '';
      this.host.dispatchEvent(new TillProductCloseEvent(id));
    }
    const card = [...this.host.renderRoot.querySelectorAll<HTMLElement>('.title')].find(
      (title) => title.closest('li')?.dataset['id'] === id,
    );
    const target = this.opener?.isConnected ? this.opener : card;
    this.opener = null;
    if (target) target.focus();
    else this.host.focus();
  }

  render() {
    const h = this.host;
    const { status, products, query, total, error } = this.state.value;
    const busy = status === 'loading' || status === 'idle';
    return html`
      <section id="products" tabindex="-1" aria-label=${h.t('products.label')} aria-busy=${busy}>
        ${this.renderToolbar(query)}
        ${
          status === 'error'
            ? html`<div class="alert" role="alert"><p>${error || h.t('products.error')}</p><button @click=${() => this.load({ page: query.page })}>${h.t('retry')}</button></div>`
            : busy && !products.length
              ? this.renderSkeleton(query.size)
              : !products.length
                ? html`<p class="empty muted" role="status">${h.t(query.search || query.tag ? 'products.empty' : 'products.emptyAll')}</p>`
                : html`<ul part="grid" class="grid">${this.renderCards(products)}</ul>`
        }
        ${this.renderPager(query, total, products.length, busy)}
      </section>
      ${this.details ? this.details.render() : nothing}
    `;
  }

  private renderCards(products: readonly ApiProduct[]) {
    const h = this.host;
    const shared = [h.headingLevel, h.texts, h.resolved];
    if (shared.some((value, i) => value !== this.shared[i])) this.shared = shared;
    // A card kept is the same template result: Lit compares its values and changes nothing.
    return products.map((product) => {
      const addOns = this.addOns[product.id] ?? NO_ADD_ONS;
      const deps = [addOns, this.forms.get(product), this.forms.max(product), this.shared];
      const kept = this.cards.get(product);
      if (kept && deps.every((dep, i) => dep === kept.deps[i])) return kept.value;
      const value = renderCard(this.context, product, addOns);
      this.cards.set(product, { value, deps });
      return value;
    });
  }

  private renderToolbar(query: CatalogueQuery) {
    const h = this.host;
    const tags = h.filterTags
      ? h.filterTags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : (this.allTags ?? [...this.seenTags].sort((a, b) => a.localeCompare(b, h.activeLocale)));
    return html`
      <div part="toolbar" class="toolbar" role="search">
        ${
          h.searchable
            ? html`<div class="grow">
              <label for="search">${h.t('products.search')}</label>
              <input id="search" type="search" .value=${query.search} placeholder=${h.t('products.searchPlaceholder')}
                @input=${(e: Event) => this.catalogue.search((e.target as HTMLInputElement).value)}
                @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.catalogue.search((e.target as HTMLInputElement).value, 0)} />
            </div>`
            : nothing
        }
        ${
          !h.tags && tags.length
            ? html`<div>
              <label for="tag">${h.t('products.tag')}</label>
              <select id="tag" @change=${(e: Event) => this.load({ tag: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${!query.tag}>${h.t('products.allTags')}</option>
                ${tags.map((tag) => html`<option ?selected=${tag === query.tag}>${tag}</option>`)}
              </select>
            </div>`
            : nothing
        }
        <div>
          <label for="sort">${h.t('products.sort')}</label>
          <select id="sort" @change=${(e: Event) => this.load({ sort: (e.target as HTMLSelectElement).value })}>
            ${SORTS.map(([sort, label]) => html`<option value=${sort} ?selected=${sort === query.sort}>${h.t(label)}</option>`)}
          </select>
        </div>
      </div>
    `;
  }

  private renderSkeleton(count: number) {
    return html`<ul class="grid" aria-hidden="true">
        ${Array.from({ length: Math.min(count, 8) }, () => html`<li class="product"><div class="skeleton image"></div><div class="skeleton line"></div><div class="skeleton line short"></div></li>`)}
      </ul>
      <p class="sr-only" role="status">${this.host.t('loading')}</p>`;
  }

  private renderPager(query: CatalogueQuery, total: number | null, shown: number, busy: boolean) {
    const h = this.host;
    const pages = total === null ? null : Math.max(1, Math.ceil(total / query.size));
    const hasNext = pages === null ? shown === query.size : query.page + 1 < pages;
    if (query.page === 0 && !hasNext) return nothing;
    const go = (page: number) => {
      void this.load({ page });
      h.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    };
    return html`
      <nav part="pager" class="pager" aria-label=${h.t('products.pages')}>
        <button ?disabled=${busy || query.page === 0} @click=${() => go(query.page - 1)}>${h.t('products.previous')}</button>
        <span>${pages === null ? h.t('products.page', { page: query.page + 1 }) : h.t('products.pageOf', { page: query.page + 1, pages })}</span>
        <button ?disabled=${busy || !hasNext} @click=${() => go(query.page + 1)}>${h.t('products.next')}</button>
      </nav>
    `;
  }
}
