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
