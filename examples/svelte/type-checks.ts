// Compile-time checks of `tillkit/svelte` (svelte-check in test/e2e/svelte.e2e.test.ts, never run): the
// attributes Svelte markup may give each element, as svelte-check reads them from svelte/elements.
import type { SvelteHTMLElements } from 'svelte/elements';
import type { TillCartChangeEvent } from 'tillkit';
import type {} from 'tillkit/svelte';

type Attributes<Tag extends keyof SvelteHTMLElements> = SvelteHTMLElements[Tag];

export const fine: [
  Attributes<'till-cart'>,
  Attributes<'till-product-list'>,
  Attributes<'till-config'>,
  Attributes<'till-checkout'>,
] = [
  {
    compact: true,
    'checkout-href': '/checkout',
    strings: { 'cart.title': 'Basket' },
    'ontill-cart-change': (e: TillCartChangeEvent) => e.detail.lines.length,
    'ontill-checkout-request': (e) => e.detail satisfies null,
  },
  { 'page-size': '12', pageSize: 12, searchable: false, 'filter-tags': 'drama,comedy', class: 'shelf' },
  { 'api-url': 'https://api.example.com', 'api-key': 'pk_x', backend: 'bootic', 'shop-id': '29' },
  { locale: 'nb-NO', 'ontill-checkout-complete': (e) => e.detail.order.humanId satisfies string },
];

export const wrong: [
  Attributes<'till-cart'>,
  Attributes<'till-product-list'>,
  Attributes<'till-config'>,
  Attributes<'till-checkout'>,
] = [
  // @ts-expect-error the event has no `nope`
  { 'ontill-cart-change': (e) => e.detail.nope }, // eslint-disable-line @typescript-eslint/no-unsafe-return
  // @ts-expect-error pageSize is a number
  { pageSize: '12' },
  // @ts-expect-error backend is builton or bootic
  { backend: 'shopify' },
  // @ts-expect-error no such attribute
  { colour: 'red' },
];
