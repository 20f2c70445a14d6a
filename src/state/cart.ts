import { computed } from 'nanostores';
import { cartStorageKey } from './cart/saved.ts';
import { createCartStore, type CartStore } from './cart/store.ts';
import { backendProfile } from './checkout/profiles.ts';
import { $config } from './config.ts';

/**
 * The page's cart and its actions: the one cart every element shares, saved under a key namespaced by
 * the merchant's API key. The store itself is `cart/store.ts`; its lines `cart/line.ts`; the saved
 * format `cart/saved.ts`.
 */
export type { CartLine, CartSnapshot, CartSubProduct } from './cart/line.ts';
export type { CartStore } from './cart/store.ts';

export const cart: CartStore = createCartStore({
  key: computed($config, ({ apiKey }) => cartStorageKey(apiKey)),
  // Priced the way the configured backend prices its orders, so the cart shows the total it will charge.
  subProducts: computed($config, (config) => backendProfile(config).subProducts),
});

export const $cart = cart.$lines;
export const $cartSummary = cart.$summary;
export const $cartLocked = cart.$locked;
export const addToCart = cart.add;
export const setLineQuantity = cart.setQuantity;
export const removeLine = cart.remove;
export const clearCart = cart.clear;
