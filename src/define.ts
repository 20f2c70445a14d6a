/**
 * Registers every Tillkit element; the script-tag build (`dist/tillkit.js`) is this file. It also
 * exposes what a page script needs without a bundler (the configuration and the cart). The full API
 * is `tillkit` itself, which registers nothing.
 */
import './elements/config/till-config.ts';
import './elements/product-list/till-product-list.ts';
import './elements/cart/till-cart.ts';
import './elements/checkout/till-checkout.ts';
import './elements/orders/till-orders.ts';

export { $config, configure } from './state/config.ts';
export { $cart, $cartSummary, addToCart, cart, clearCart } from './state/cart.ts';
// The elements' own texts, so that their `strings` know every key wherever the elements are typed.
export type { CheckoutStringKey } from './elements/checkout/strings.ts';
export type { ProductListStringKey } from './elements/product-list/strings.ts';
export type { OrdersStringKey } from './elements/orders/strings.ts';
// The events' types: their modules put each `till-*` event in GlobalEventHandlersEventMap, through which
// frameworks type listeners (Angular's strictTemplates types `(till-cart-change)="…$event…"` by it). Types
// only, so the script-tag build still loads the checkout's events with the checkout.
export type { TillCartChangeEvent } from './events/cart-change.ts';
export type { TillCheckoutRequestEvent } from './events/checkout-request.ts';
export type { TillOrderCreatedEvent } from './events/order-created.ts';
export type { TillTotalMismatchEvent } from './events/total-mismatch.ts';
export type { TillCheckoutCompleteEvent } from './events/checkout-complete.ts';
export type { TillCheckoutErrorEvent } from './events/checkout-error.ts';
export type { TillCheckoutRedirectEvent } from './events/checkout-redirect.ts';
