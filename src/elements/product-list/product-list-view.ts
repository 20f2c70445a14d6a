import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { isTillError, unitPrice } from '../../core/index.ts';
import type { ApiProduct } from '../../api/types.ts';
import { addToCart } from '../../state/cart.ts';
import {
  DEFAULT_QUERY,
  createCatalogue,
  loadAddOns,
  type CatalogueQuery,
  type CatalogueState,
} from '../../state/catalogue.ts';
import type { View } from '../shared/base.ts';
import { StoreController } from '../shared/store-controller.ts';
import { addStrings } from '../shared/strings.ts';
import type { TillProductList } from './product-list.ts';
import { styles } from './product-list-view.styles.ts';
import { PRODUCT_LIST_STRINGS } from './strings.ts';

addStrings(PRODUCT_LIST_STRINGS);

const SORTS = ['-created', 'price', '-price', 'name'] as const;

interface Choice {
  readonly subs: readonly string[];
  readonly quantity: number;
}

export const createView = (host: TillProductList): View => new ProductListView(host);

/** The catalogue's state and templates, loaded when the first `<till-product-list>` connects. */
class ProductListView implements View {
  readonly styles = styles;
  private readonly catalogue = createCatalogue();
  private readonly state: StoreController<CatalogueState>;
  private readonly seenTags = new Set<string>();
  private addOns: Record<string, readonly ApiProduct[]> = {};
  /** Per product: chosen add-on ids and quantity. */
  private choices: Record<string, Choice> = {};
  /** Per product: the last add's outcome. */
  private feedback: Record<string, { ok: boolean; message: string }> = {};
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The attributes and configuration the current query was made from. */
  private source: unknown[] = [];

  constructor(private readonly host: TillProductList) {
    this.state = new StoreController(host, this.catalogue.$state);
  }

  hostUpdate(): void {
    // The attributes set the query afresh; so does a new API configuration.
    const { pageSize, tags, sort, config } = this.host;
    const source = [pageSize, tags, sort, config.value];
    if (source.every((v, i) => v === this.source[i])) return;
    this.source = source;
    const size = Math.min(100, Math.max(1, Math.floor(pageSize) || DEFAULT_QUERY.size));
    void this.load({ ...DEFAULT_QUERY, size, sort, tag: tags.split(',')[0]!.trim() });
  }

  hostDisconnected(): void {
    this.catalogue.abort();
    clearTimeout(this.searchTimer);
    this.source = []; // load again when connected again
  }

  /** Loads the first page of the current query with `changes` applied (a later page when given). */
  private load(changes: Partial<CatalogueQuery>) {
    if (!this.host.config.value.apiUrl) return Promise.resolve();
    return this.catalogue.load({ page: 0, ...changes }).then(() => this.afterLoad());
  }

  private async afterLoad(): Promise<void> {
    const { products } = this.state.value;
    for (const product of products) for (const tag of product.tags) this.seenTags.add(tag);
    const missing = products.filter((p) => p.subProducts.length && !this.addOns[p.id]);
    const found = await Promise.all(missing.map(async (p) => [p.id, await loadAddOns(p)] as const));
    if (found.length) this.set({ addOns: { ...this.addOns, ...Object.fromEntries(found) } });
  }

  private set(patch: {
    addOns?: ProductListView['addOns'];
    choices?: ProductListView['choices'];
    feedback?: ProductListView['feedback'];
  }): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  render() {
    const h = this.host;
    const { status, products, query, total, error } = this.state.value;
    const busy = status === 'loading' || status === 'idle';
    return html`
      <section aria-label=${h.t('products.label')} aria-busy=${busy}>
        ${this.renderToolbar(query)}
        ${
          status === 'error'
            ? html`<div class="alert" role="alert"><p>${error || h.t('products.error')}</p><button @click=${() => this.load({ page: query.page })}>${h.t('retry')}</button></div>`
            : busy && !products.length
              ? this.renderSkeleton(query.size)
              : !products.length
                ? html`<p class="empty muted" role="status">${h.t(query.search || query.tag ? 'products.empty' : 'products.emptyAll')}</p>`
                : html`<ul part="grid" class="grid">${products.map((p) => this.renderProduct(p))}</ul>`
        }
        ${this.renderPager(query, total, products.length, busy)}
      </section>
    `;
  }

  private renderToolbar(query: CatalogueQuery) {
    const h = this.host;
    const tags = h.filterTags
      ? h.filterTags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [...this.seenTags].sort((a, b) => a.localeCompare(b, h.activeLocale));
    return html`
      <div part="toolbar" class="toolbar" role="search">
        ${
          h.searchable
            ? html`<div class="grow">
              <label for="search">${h.t('products.search')}</label>
              <input id="search" type="search" .value=${query.search} placeholder=${h.t('products.searchPlaceholder')} @input=${this.onSearch} />
            </div>`
            : nothing
        }
        ${
          !h.tags && tags.length
            ? html`<div>
              <label for="tag">${h.t('products.tag')}</label>
              <select id="tag" @change=${(e: Event) => this.load({ tag: (e.target as HTMLSelectElement).value, search: '' })}>
                <option value="" ?selected=${!query.tag}>${h.t('products.allTags')}</option>
                ${tags.map((tag) => html`<option ?selected=${tag === query.tag}>${tag}</option>`)}
              </select>
            </div>`
            : nothing
        }
        <div>
          <label for="sort">${h.t('products.sort')}</label>
          <select id="sort" @change=${(e: Event) => this.load({ sort: (e.target as HTMLSelectElement).value })}>
            ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === query.sort}>${h.t(`products.sort.${sort}`)}</option>`)}
          </select>
        </div>
      </div>
    `;
  }

  private onSearch = (event: Event): void => {
    const search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    // Wait for a pause in typing; the catalogue aborts any search still running.
    this.searchTimer = setTimeout(() => void this.load({ search, tag: '' }), 250);
  };

  private renderSkeleton(count: number) {
    return html`<ul class="grid" aria-hidden="true">
        ${Array.from({ length: Math.min(count, 8) }, () => html`<li class="product"><div class="skeleton image"></div><div class="skeleton line"></div><div class="skeleton line short"></div></li>`)}
      </ul>
      <p class="sr-only" role="status">${this.host.t('loading')}</p>`;
  }

  private renderProduct(product: ApiProduct) {
    const h = this.host;
    const choice = this.choices[product.id] ?? { subs: [], quantity: 1 };
    const addOns = this.addOns[product.id] ?? [];
    const feedback = this.feedback[product.id];
    const qty = `qty-${product.id}`;
    return html`
      <li part="product" class="product">
        ${
          product.image
            ? html`<img part="image" class="image" src=${product.image} alt=${product.name} width="240" height="320" loading="lazy" />`
            : html`<div class="image" aria-hidden="true"></div>`
        }
        <h3 part="name">${product.name}</h3>
        ${product.shortDescription ? html`<p class="muted">${product.shortDescription}</p>` : nothing}
        <p class="prices">
          <span part="price" class="price">${h.money(unitPrice(product), product.currency)}</span>
          ${
            product.discount > 0
              ? html`<s class="muted price">${h.t('products.was', { price: h.money(product.price, product.currency) })}</s>
                <span class="badge">${h.t('discount', { percent: h.percent(product.discount) })}</span>`
              : nothing
          }
        </p>
        ${product.vat > 0 ? html`<p class="muted">${h.t('vatIncluded', { vat: h.percent(product.vat) })}</p>` : nothing}
        ${
          addOns.length
            ? html`<fieldset class="add-ons">
              <legend>${h.t('products.addOns')}</legend>
              ${addOns.map(
                (sub) => html`<label class="check">
                  <input type="checkbox" .checked=${live(choice.subs.includes(sub.id))} @change=${(e: Event) => this.toggleAddOn(product, sub, (e.target as HTMLInputElement).checked)} />
                  <span>${sub.name}</span>
                  <span class="muted price">+${h.money(unitPrice(sub), sub.currency)}</span>
                </label>`,
              )}
            </fieldset>`
            : nothing
        }
        <div class="buy">
          <label class="sr-only" for=${qty}>${h.t('products.quantity')}</label>
          <input id=${qty} type="number" inputmode="numeric" min="1" max="99" .value=${live(String(choice.quantity))} @change=${(e: Event) => this.choose(product, { quantity: Number((e.target as HTMLInputElement).value) })} />
          <button part="add" class="primary" @click=${() => this.add(product, addOns)}>${h.t('products.add')}</button>
        </div>
        <p class=${feedback?.ok ? 'muted' : 'error'} role=${feedback?.ok ? 'status' : 'alert'}>${feedback?.message ?? ''}</p>
      </li>
    `;
  }

  private choose(product: ApiProduct, patch: Partial<Choice>): void {
    const current = this.choices[product.id] ?? { subs: [], quantity: 1 };
    this.set({ choices: { ...this.choices, [product.id]: { ...current, ...patch } } });
  }

  private toggleAddOn(product: ApiProduct, sub: ApiProduct, on: boolean): void {
    const subs = (this.choices[product.id]?.subs ?? []).filter((id) => id !== sub.id);
    this.choose(product, { subs: on ? [...subs, sub.id] : subs });
  }

  private add(product: ApiProduct, addOns: readonly ApiProduct[]): void {
    const choice = this.choices[product.id] ?? { subs: [], quantity: 1 };
    let feedback: { ok: boolean; message: string };
    try {
      addToCart(
        product,
        choice.quantity,
        addOns.filter((sub) => choice.subs.includes(sub.id)),
      );
      feedback = { ok: true, message: this.host.t('products.added', { name: product.name }) };
      this.choose(product, { subs: [], quantity: 1 });
    } catch (error) {
      if (!isTillError(error)) throw error;
      feedback = { ok: false, message: error.message };
    }
    this.set({ feedback: { ...this.feedback, [product.id]: feedback } });
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
