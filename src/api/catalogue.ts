import { isTillError } from '../core/index.ts';
import { catalogueTags, product, productPage } from './builton/products.ts';
import { Shape } from './builton/wire.ts';
import { createHttp, invalidResponse, type Http, type HttpRequest, type HttpResponse } from './http.ts';
import type { BuiltOnClient, BuiltOnClientOptions, ListQuery, RequestOptions } from './types.ts';

/**
 * The part of the BuiltOn API a shop window needs: products and tags. A page showing a catalogue
 * fetches this (with the HTTP layer and the product's parser) and not the orders', the payments' and
 * the codes' readers, which come with the checkout's or the order history's client (builton.ts).
 */
export type CatalogueClient = Pick<
  BuiltOnClient,
  'listProducts' | 'searchProducts' | 'productsByTags' | 'getProduct' | 'listTags'
>;

/** Sends a request and reads its answer with `parse`. */
export type Call = <T>(request: HttpRequest, parse: (data: unknown, response: HttpResponse) => T) => Promise<T>;

/**
 * A `Call` over `http`: an answer its parser refuses is an ApiError of kind 'invalid-response' naming
 * the wire field, never a half-read object.
 */
export function caller(http: Http): Call {
  return async (request, parse) => {
    const response = await http(request);
    try {
      return parse(response.data, response);
    } catch (error) {
      throw invalidResponse(
        response.status,
        error instanceof Shape || isTillError(error) ? error.field : undefined,
        error,
      );
    }
  };
}

export const get = (path: string, o: RequestOptions = {}): HttpRequest => ({ method: 'GET', path, signal: o.signal });

/** The catalogue's endpoints, over `call`. */
export function catalogueEndpoints(call: Call): CatalogueClient {
  const products = (path: string, extra: Record<string, string>, q: ListQuery = {}) =>
    call({ ...get(path, q), query: { ...extra, page: q.page, size: q.size, sort: q.sort } }, (data, response) =>
      productPage(data, response, q),
    );
  return {
    listProducts: (q) => products('/products', {}, q),
    searchProducts: (text, q) =>
      products('/products/search', { query: text, ...(q?.tags?.length ? { tags: q.tags.join(',') } : {}) }, q),
    productsByTags: (tags, q) => products('/products/tags', { tags: tags.join(',') }, q),
    getProduct: (id, o) => call(get(`/products/${encodeURIComponent(id)}`, o), product),
    listTags: (o) => call(get('/tags', o), catalogueTags),
  };
}

/** The catalogue's client: what `createBuiltOnClient` makes, products and tags only. */
export const createCatalogueClient = (options: BuiltOnClientOptions): CatalogueClient =>
  catalogueEndpoints(caller(createHttp(options)));
