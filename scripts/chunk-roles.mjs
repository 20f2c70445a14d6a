// What each file of the script-tag build is for, by its name (`name-hash.js`): one table for the size
// budget's listing (scripts/size.mjs) and the size bench (bench/size.ts).

/** Where Stripe's loader is: the chunk that holds it is the one loaded at the payment step. */
export const STRIPE_MARKER = 'js.stripe.com';

/** [how the file's name starts, what it holds and when a page loads it], checked in order. */
const ROLES = [
  ['product-list-view', 'the catalogue view, when a `<till-product-list>` connects'],
  [
    'checkout-view',
    'the checkout view, when a `<till-checkout>` comes within a screen of the viewport, takes focus, or the cart has lines (at once with a checkout under way)',
  ],
  ['cart-view', "the cart's lines and summary, when a `<till-cart>` connects"],
  ['orders-view', 'the order history, when a `<till-orders>` connects'],
  ['product-details', "a product's details dialog, when one is first opened"],
  ['later-steps', "the checkout's payment and confirmation steps (card form), once the details are submitted"],
  ['payment-path', "the checkout's payment path (pay, charge, the bank's check) and card forms, with the later steps"],
  ['ordering', 'placing a BuiltOn order, resuming one, checking a discount code: once the details are submitted'],
  ['bootic-order', 'placing and resuming a Bootic order, only with backend="bootic"'],
  ['checkout-state', "the checkout's state shared by its view and its lazy paths, with the view"],
  ['checkout-paths', "shared by the checkout's ordering and payment paths"],
  ['catalogue-client', "the catalogue's client (HTTP layer, products and tags), with the catalogue or the API client"],
  [
    'client',
    'the rest of the API client (orders, payments, codes, users), with the order history or the checkout once its details are sent',
  ],
];

/** What the build's file `fileName`, whose code is `code`, holds and when a page loads it. */
export function chunkRole(fileName, code) {
  if (fileName === 'tillkit.js')
    return 'loaded by the page: runtime, money core, cart store, `<till-cart>`, `<till-config>`, element shells';
  if (fileName === 'tillkit.iife.js') return 'classic `<script>`: everything inlined';
  if (code.includes(STRIPE_MARKER)) return "Stripe's loader (@stripe/stripe-js/pure), at the payment step";
  const language = /^(es|nb|de|fr)-/.exec(fileName);
  if (language) return `the ${language[1]} texts, when an element's locale asks for them`;
  const role = ROLES.find(([start]) => fileName.startsWith(`${start}-`));
  return role ? role[1] : 'shared by some of the views';
}
