import { atom, computed, onMount, type ReadableAtom } from 'nanostores';
import {
  MAX_QUANTITY,
  TillError,
  assertQuantity,
  assertSameCurrency,
  assertSubProductChoice,
  isCurrencyCode,
  priceLine,
  summarize,
  type OrderSummary,
  type Product,
  type SubProductPricing,
} from '../core/index.ts';
import { $config } from './config.ts';

/** A sub-product chosen with a line, as it was when added. */
export interface CartSubProduct {
  readonly id: string;
  readonly name: string;
  readonly price: number;
  readonly discount?: number;
  readonly vat?: number;
  readonly ref?: string | null;
}

/**
 * One line of the cart: a snapshot of the product when it was added (money in minor units), its
 * quantity and the sub-products chosen with it. A line is also a `PricingLine`, so the summary
 * prices the lines as they are, with no copying.
 */
export interface CartLine {
  /** Identifies the line: the product and its chosen sub-products. */
  readonly key: string;
  readonly productId: string;
  readonly name: string;
  readonly price: number;
  readonly discount: number;
  readonly vat: number;
  readonly currency: string;
  readonly image: string | null;
  /** The product's id in another system (a Bootic variant id), when it has one. */
  readonly ref: string | null;
  readonly quantity: number;
  readonly subProducts: readonly CartSubProduct[];
}

/** The cart as it is charged: deep-frozen, so nothing can change what a payment sees. */
export interface CartSnapshot {
  readonly lines: readonly CartLine[];
  readonly summary: OrderSummary;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type EventSource = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface CartStoreOptions {
  /** The storage key; a store when it follows the configuration (the cart reloads when it changes). */
  key: string | ReadableAtom<string>;
  /** Where lines are saved; `null` keeps them in memory only. Defaults to `localStorage` when usable. */
  storage?: StorageLike | null;
  /** Where `storage` events from other tabs arrive. Defaults to `window`. */
  events?: EventSource | null;
  /** How sub-products are priced (`bundled` by default, BuiltOn's formula); a store to follow the backend. */
  subProducts?: ReadableAtom<SubProductPricing>;
}

export interface CartStore {
  readonly $lines: ReadableAtom<readonly CartLine[]>;
  readonly $summary: ReadableAtom<OrderSummary>;
  /** True while a payment holds a frozen snapshot: the cart refuses changes until released. */
  readonly $locked: ReadableAtom<boolean>;
  add(product: Product, quantity?: number, subProducts?: readonly Product[]): CartLine;
  setQuantity(key: string, quantity: number): void;
  remove(key: string): void;
  clear(): void;
  /** Takes the snapshot a payment charges, and locks the cart until `release`. */
  freeze(): CartSnapshot;
  /** Ends a payment: unlocks, and when it succeeded removes the lines that were paid. */
  release(outcome: { paid: boolean }): void;
  /** Reads the saved cart again (after the key changed, or to pick up outside edits). */
  reload(): void;
}

/** Saved cart layout version: bump it, and old entries are discarded as foreign. */
export const CART_SCHEMA_VERSION = 1;

export const cartStorageKey = (apiKey: string): string => `till:cart:${apiKey || 'default'}`;

const warn = (message: string, cause?: unknown): void => {
  console.warn(`[tillkit] ${message}`, ...(cause === undefined ? [] : [cause]));
};

export function createCartStore(options: CartStoreOptions): CartStore {
  const keyStore = typeof options.key === 'string' ? null : options.key;
  const keyOf = keyStore ? () => keyStore.get() : () => options.key as string;
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const events = options.events === undefined ? defaultEvents() : options.events;

  const $lines = atom<readonly CartLine[]>([]);
  const $locked = atom(false);
  const $summary = options.subProducts
    ? computed([$lines, options.subProducts], (lines, pricing) => summarize(lines, pricing))
    : computed($lines, (lines) => summarize(lines));
  /** The raw text last read from or written to storage: restoring is skipped while it is unchanged. */
  let lastRaw: string | null = null;
  let lastKey = '';
  let frozen: CartSnapshot | null = null;

  function readStorage(): readonly CartLine[] | undefined {
    if (!storage) return undefined;
    const key = keyOf();
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch (error) {
      warn('the saved cart can not be read; the cart is kept for this page only', error);
      return undefined;
    }
    if (raw === lastRaw && key === lastKey) return undefined;
    lastRaw = raw;
    lastKey = key;
    if (raw === null) return [];
    const lines = decode(raw);
    if (lines) return lines;
    warn(`discarded unreadable cart data saved under "${key}"`);
    try {
      storage.removeItem(key);
      lastRaw = null;
    } catch {
      // unreadable and undeletable: ignore it, the in-memory cart still works
    }
    return [];
  }

  function restore(): void {
    const lines = readStorage();
    if (lines) $lines.set(lines);
  }

  function commit(lines: readonly CartLine[]): void {
    if ($locked.get()) {
      throw new TillError('cart-locked', 'The cart can not change while a payment is in progress');
    }
    $lines.set(lines);
    if (!storage) return;
    const key = keyOf();
    const raw = lines.length ? JSON.stringify({ v: CART_SCHEMA_VERSION, lines }) : null;
    try {
      if (raw === null) storage.removeItem(key);
      else storage.setItem(key, raw);
      lastRaw = raw;
      lastKey = key;
    } catch (error) {
      warn('the cart could not be saved (storage full or unavailable); it is kept for this page only', error);
    }
  }

  const onStorage = (event: Event): void => {
    const { key, storageArea } = event as StorageEvent;
    if (storageArea && storageArea !== (storage as unknown)) return;
    if (key !== null && key !== keyOf()) return;
    restore();
  };

  onMount($lines, () => {
    restore();
    // A different merchant key is a different cart; `listen` skips the current value.
    const unbindKey = keyStore?.listen(restore);
    events?.addEventListener('storage', onStorage);
    events?.addEventListener('pageshow', restore);
    return () => {
      unbindKey?.();
      events?.removeEventListener('storage', onStorage);
      events?.removeEventListener('pageshow', restore);
    };
  });

  const lines = () => $lines.get();

  return {
    $lines,
    $summary,
    $locked,

    add(product, quantity = 1, subProducts = []) {
      assertQuantity(quantity);
      assertSubProductChoice(product, subProducts);
      const current = lines();
      assertSameCurrency(current[0]?.currency, product.currency);
      const key = [product.id, ...subProducts.map((s) => s.id).sort()].join('+');
      const existing = current.find((line) => line.key === key);
      const total = (existing?.quantity ?? 0) + quantity;
      if (total > MAX_QUANTITY) {
        throw new TillError('quantity-invalid', `At most ${MAX_QUANTITY} of one item fit in a cart`, 'quantity');
      }
      const line: CartLine = existing
        ? { ...existing, quantity: total }
        : {
            key,
            productId: product.id,
            name: product.name,
            price: product.price,
            discount: product.discount,
            vat: product.vat,
            currency: product.currency,
            image: product.image ?? null,
            ref: product.ref ?? null,
            quantity,
            subProducts: subProducts.map(({ id, name, price, discount, vat, ref }) => ({
              id,
              name,
              price,
              discount,
              vat,
              ref: ref ?? null,
            })),
          };
      priceLine(line, 'separate'); // refuses a negative price or a rate outside 0..1, add-ons' too, before it is saved
      commit(existing ? current.map((l) => (l === existing ? line : l)) : [...current, line]);
      return line;
    },

    setQuantity(key, quantity) {
      assertQuantity(quantity);
      const current = lines();
      if (!current.some((l) => l.key === key)) throw unknownLine();
      commit(current.map((l) => (l.key === key ? { ...l, quantity } : l)));
    },

    remove(key) {
      const current = lines();
      if (!current.some((l) => l.key === key)) throw unknownLine();
      commit(current.filter((l) => l.key !== key));
    },

    clear() {
      commit([]);
    },

    freeze() {
      if (frozen) return frozen;
      const snapshotLines = lines().map((l) =>
        Object.freeze({ ...l, subProducts: Object.freeze(l.subProducts.map((s) => Object.freeze({ ...s }))) }),
      );
      // The summary the customer saw: the store's own, priced the way the backend prices.
      const summary = $summary.get();
      frozen = Object.freeze({
        lines: Object.freeze(snapshotLines),
        summary: Object.freeze({ ...summary, lines: Object.freeze(summary.lines.map((l) => Object.freeze(l))) }),
      });
      $locked.set(true);
      return frozen;
    },

    release({ paid }) {
      const paidKeys = new Set(frozen?.lines.map((l) => l.key));
      frozen = null;
      $locked.set(false);
      if (paid) commit(lines().filter((l) => !paidKeys.has(l.key)));
    },

    reload: restore,
  };
}

const unknownLine = () => new TillError('line-unknown', 'That item is no longer in the cart');

/** Reads saved lines, or `undefined` when the text is not a cart this version wrote. */
function decode(raw: string): CartLine[] | undefined {
  try {
    const data: unknown = JSON.parse(raw);
    if (!isRecord(data) || data['v'] !== CART_SCHEMA_VERSION || !Array.isArray(data['lines'])) return undefined;
    const lines = data['lines'].map(decodeLine);
    if (lines.some((l) => l === undefined)) return undefined;
    const valid = lines as CartLine[];
    if (new Set(valid.map((l) => l.key)).size !== valid.length) return undefined;
    summarize(valid); // one currency, valid prices, rates and quantities
    return valid;
  } catch {
    return undefined;
  }
}

function decodeLine(value: unknown): CartLine | undefined {
  if (!isRecord(value)) return undefined;
  const { key, productId, name, price, discount, vat, currency, image, quantity, subProducts, ref = null } = value;
  if (
    typeof key !== 'string' ||
    typeof productId !== 'string' ||
    typeof name !== 'string' ||
    typeof price !== 'number' ||
    typeof discount !== 'number' ||
    typeof vat !== 'number' ||
    !isCurrencyCode(currency) ||
    !(image === null || typeof image === 'string') ||
    !(ref === null || typeof ref === 'string') ||
    typeof quantity !== 'number' ||
    !Array.isArray(subProducts)
  ) {
    return undefined;
  }
  const subs: CartSubProduct[] = [];
  for (const sub of subProducts) {
    const { id, name, price, discount = 0, vat: subVat = vat, ref = null } = isRecord(sub) ? sub : {};
    if (
      typeof id !== 'string' ||
      typeof name !== 'string' ||
      typeof price !== 'number' ||
      typeof discount !== 'number' ||
      typeof subVat !== 'number' ||
      !(ref === null || typeof ref === 'string')
    ) {
      return undefined;
    }
    subs.push({ id, name, price, discount, vat: subVat, ref });
  }
  return { key, productId, name, price, discount, vat, currency, image, ref, quantity, subProducts: subs };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage access can throw (privacy modes, sandboxed frames)
  }
}

const defaultEvents = (): EventSource | null => (typeof window === 'undefined' ? null : window);

/** The page's cart, saved under a key namespaced by the merchant's API key. */
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
