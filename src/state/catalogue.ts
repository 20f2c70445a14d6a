import { map, type MapStore } from 'nanostores';
import { isApiError } from '../api/http.ts';
import type { ApiProduct } from '../api/types.ts';
import { catalogueClient } from './catalogue-client.ts';

export interface CatalogueQuery {
  readonly page: number;
  readonly size: number;
  /** `-created`, `final_price` (the price the customer pays), `-final_price`, `name`, …, as the API sorts. */
  readonly sort: string;
  /** Free text for `/products/search`, narrowed by `tag` when both are set. */
  readonly search: string;
  /** One tag: `/products/tags`, or the search's `tags`. */
  readonly tag: string;
}

export interface CatalogueState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly query: CatalogueQuery;
  readonly products: readonly ApiProduct[];
  /** How many products match in all, when the API says. */
  readonly total: number | null;
  readonly error: string | null;
}

export interface Catalogue {
  readonly $state: MapStore<CatalogueState>;
  /**
   * Loads a page for the query with `changes` applied; a newer call aborts an older one still running.
   * Text typed for a search that has not started yet is part of it: no choice is dropped.
   */
  load(changes: Partial<CatalogueQuery>): Promise<void>;
  /** The customer typed `text`: searched for once typing pauses for `delay` ms (at once with 0). */
  search(text: string, delay?: number): void;
  /** Stops whatever is loading or waiting (the element left the page). */
  abort(): void;
}

export const DEFAULT_QUERY: CatalogueQuery = { page: 0, size: 12, sort: '-created', search: '', tag: '' };

/** How long typing must pause before a search starts. */
export const SEARCH_DELAY = 250;

/**
 * A sort as the API takes it. The price a shelf shows, and the customer pays, is the one after
 * discount, so a page's `price` (or `-price`) sorts by `final_price`.
 */
export const catalogueSort = (sort: string): string =>
  sort === 'price' || sort === '-price' ? sort.replace('price', 'final_price') : sort || DEFAULT_QUERY.sort;

/** A product list's own state: each `<till-product-list>` pages and filters on its own. */
export function createCatalogue(): Catalogue {
  const $state = map<CatalogueState>({ status: 'idle', query: DEFAULT_QUERY, products: [], total: null, error: null });
  let controller: AbortController | null = null;
  /** Text typed and not yet searched for. */
  let typed: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const catalogue: Catalogue = {
    $state,
    abort() {
      clearTimeout(timer);
      typed = null;
      controller?.abort();
    },
    search(text, delay = SEARCH_DELAY) {
      typed = text;
      clearTimeout(timer);
      // Wait for a pause in typing; the load aborts any search still running.
      timer = setTimeout(() => void catalogue.load({ page: 0 }), delay);
    },
    async load(changes) {
      clearTimeout(timer);
      controller?.abort();
      const current = (controller = new AbortController());
      // Text typed since the last search is the newest choice: a new search, from its first page.
      const last = $state.get().query;
      const pending = typed === null || typed === last.search ? {} : { search: typed, page: 0 };
      typed = null;
      const query = { ...last, ...changes, ...pending };
      $state.set({ ...$state.get(), status: 'loading', query, error: null });
      const client = catalogueClient();
      const sort = catalogueSort(query.sort);
      const options = { page: query.page, size: query.size, sort, signal: current.signal };
      try {
        const page = query.search.trim()
          ? await client.searchProducts(query.search.trim(), { ...options, tags: query.tag ? [query.tag] : [] })
          : query.tag
            ? await client.productsByTags([query.tag], options)
            : await client.listProducts(options);
        if (current.signal.aborted) return;
        $state.set({
          status: 'ready',
          query,
          products: page.items.filter((p) => p.mainProduct && !p.deleted),
          total: page.total,
          error: null,
        });
      } catch (error) {
        if (current.signal.aborted || (isApiError(error) && error.kind === 'aborted')) return;
        $state.set({ ...$state.get(), status: 'error', error: isApiError(error) ? error.message : String(error) });
      }
    },
  };
  return catalogue;
}

const tagLists = new WeakMap<object, Promise<string[] | null>>();

/**
 * Every tag of the catalogue, by name, for a filter that offers them all from the start (fetched once
 * per configuration). A tag every product carries filters nothing and is left out. Null when the API
 * has no tag list (`GET /tags` is the reference server's addition): the filter then offers the tags
 * of the products seen.
 */
export function catalogueTags(): Promise<string[] | null> {
  const client = catalogueClient();
  let pending = tagLists.get(client);
  if (!pending) {
    pending = client.listTags().then(
      ({ products, tags }) => tags.filter((t) => t.count < products).map((t) => t.name),
      () => {
        tagLists.delete(client); // try again next time
        return null;
      },
    );
    tagLists.set(client, pending);
  }
  return pending;
}

/**
 * One product by id (a product opened by a link), with the add-ons it offers; null when the shop does
 * not sell it (unknown, deleted, or an add-on, which is not sold alone). Other failures throw, with the
 * API's message.
 */
export async function loadProduct(id: string): Promise<{ product: ApiProduct; addOns: ApiProduct[] } | null> {
  try {
    const product = await catalogueClient().getProduct(id);
    if (product.deleted || !product.mainProduct) return null;
    return { product, addOns: await loadAddOns(product) };
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

const addOns = new Map<string, Promise<ApiProduct | null>>();

/**
 * The sub-products a product offers, fetched once per page visit whatever the number of lists:
 * add-ons (a gift wrap, a sleeve) are shared by many products. One that fails to load is left out.
 */
export function loadAddOns(product: ApiProduct): Promise<ApiProduct[]> {
  return Promise.all(
    product.subProducts.map((id) => {
      let pending = addOns.get(id);
      if (!pending) {
        pending = catalogueClient()
          .getProduct(id)
          .catch(() => {
            addOns.delete(id); // try again next time
            return null;
          });
        addOns.set(id, pending);
      }
      return pending;
    }),
  ).then((found) => found.filter((p): p is ApiProduct => p !== null && !p.deleted));
}
