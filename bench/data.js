// The render benches' data (bench/render.ts), the same in every page: films as the cart holds them and
// as the API sends them. Plain JavaScript, loaded by the bench pages.

const GENRES = ['comedy', 'documentary', 'drama', 'horror', 'western'];

/** Film `i`: a third of them 10 % off, some names with characters HTML escapes. */
const film = (i) => ({
  id: `film-${i}`,
  name: i % 7 === 0 ? `Tom & Jerry <${i}>` : `Used DVD number ${i}`,
  price: 499 + ((i * 37) % 1500),
  discount: i % 3 ? 0 : 0.1,
  vat: 0.25,
  currency: 'EUR',
});

/** `count` products as `addToCart` takes them (money in minor units). */
export const cartProducts = (count) => Array.from({ length: count }, (_, i) => film(i));

/** `count` cart lines as the cart saves them (`till:cart:<api key>`), each of quantity 1. */
export const savedCart = (count) =>
  JSON.stringify({
    v: 1,
    lines: cartProducts(count).map((p) => ({
      key: p.id,
      productId: p.id,
      name: p.name,
      price: p.price,
      discount: p.discount,
      vat: p.vat,
      currency: p.currency,
      image: null,
      ref: null,
      quantity: 1,
      subProducts: [],
    })),
  });

/** `count` products as the BuiltOn API answers `GET /products` (amounts as decimals). */
export const apiProducts = (count) =>
  Array.from({ length: count }, (_, i) => {
    const p = film(i);
    return {
      _id: { $oid: p.id },
      name: p.name,
      short_description: i % 2 ? `A film from ${1950 + i}.` : '',
      price: p.price / 100,
      final_price: Math.round(p.price * (1 - p.discount)) / 100,
      discount: p.discount,
      vat: p.vat,
      currency: p.currency,
      main_product: true,
      tags: [GENRES[i % GENRES.length]],
    };
  });

/** `GET /tags`'s answer for those products. */
export const apiTags = (count) => ({
  products: count,
  tags: GENRES.map((name, g) => ({ name, count: Math.ceil((count - g) / GENRES.length) })),
});

/**
 * A `fetch` answering the product list's two requests from memory after `latency` ms, as an API over
 * a network would; `answered()` is when the last products answer was handed over.
 */
export function fakeFetch(count, latency = 0) {
  const products = JSON.stringify(apiProducts(count));
  const tags = JSON.stringify(apiTags(count));
  let answered = 0;
  const fetch = (url) => {
    const path = new URL(String(url)).pathname;
    const body = path === '/tags' ? tags : products;
    return new Promise((resolve) =>
      setTimeout(() => {
        if (body === products) answered = performance.now();
        resolve(
          new Response(body, {
            status: 200,
            headers: { 'Content-Type': 'application/json', 'X-Total-Count': String(count) },
          }),
        );
      }, latency),
    );
  };
  return { fetch, answered: () => answered };
}
