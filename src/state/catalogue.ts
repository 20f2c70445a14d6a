import { map, type MapStore } from 'nanostores';
import { isApiError } from '../api/http.ts';
import type { ApiProduct } from '../api/types.ts';
import { apiClient } from './client.ts';

export interface CatalogueQuery {
  readonly page: number;
  readonly size: number;
  readonly sort: string;
  /** Free text for `/products/search`; takes precedence over `tag`. */
  readonly search: string;
  /** One tag for `/products/tags`. */
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
  /** Loads a page for the query; a newer call aborts an older one still running. */
  load(query: Partial<CatalogueQuery>): Promise<void>;
  /** Stops whatever is loading (the element left the page). */
  abort(): void;
}

export const DEFAULT_QUERY: CatalogueQuery = { page: 0, size: 12, sort: '-created', search: '', tag: '' };

/** A product list's own state: each `<till-product-list>` pages and filters on its own. */
export function createCatalogue(): Catalogue {
  const $state = map<CatalogueState>({ status: 'idle', query: DEFAULT_QUERY, products: [], total: null, error: null });
  let controller: AbortController | null = null;

  return {
    $state,
    abort: () => controller?.abort(),
    async load(changes) {
      controller?.abort();
      const current = (controller = new AbortController());
      const query = { ...$state.get().query, ...changes };
      $state.set({ ...$state.get(), status: 'loading', query, error: null });
      const client = apiClient();
      const options = { page: query.page, size: query.size, sort: query.sort, signal: current.signal };
      try {
        const page = query.search.trim()
          ? await client.searchProducts(query.search.trim(), options)
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
        pending = apiClient()
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
