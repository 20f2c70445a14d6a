import { computed } from 'nanostores';
import type { SubProductPricing } from '../core/index.ts';
import { cartStorageKey } from './cart/saved.ts';
import { createCartStore, type CartStore } from './cart/store.ts';
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
  // Bootic has no add-ons: each sub-product is a line item of its own, priced as Bootic prices it.
  subProducts: computed($config, ({ backend }): SubProductPricing => (backend === 'bootic' ? 'separate' : 'bundled')),
});

export const $cart = cart.$lines;
export const $cartSummary = cart.$summary;
export const $cartLocked = cart.$locked;
export const addToCart = cart.add;
export const setLineQuantity = cart.setQuantity;
export const removeLine = cart.remove;
export const clearCart = cart.clear;
