import { atom, batched, onMount, type ReadableAtom } from 'nanostores';
import {
  MAX_QUANTITY,
  TillError,
  assertQuantity,
  assertSameCurrency,
  assertSubProductChoice,
  priceLine,
  summarize,
  type LinePrice,
  type OrderSummary,
  type Product,
  type SubProductPricing,
} from '../../core/index.ts';
import { localStore, type StorageLike } from '../storage.ts';
import { newLine, snapshotOf, type CartLine, type CartSnapshot } from './line.ts';
import { decodeCart, encodeCart } from './saved.ts';

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

/**
 * A cart: its lines and summary as stores, and the actions that change them. The actions are plain
 * functions (closures over the store, never using `this`), so `const add = cart.add` works.
 */
export interface CartStore {
  readonly $lines: ReadableAtom<readonly CartLine[]>;
  readonly $summary: ReadableAtom<OrderSummary>;
  /** True while a payment holds a frozen snapshot: the cart refuses changes until released. */
  readonly $locked: ReadableAtom<boolean>;
  readonly add: (product: Product, quantity?: number, subProducts?: readonly Product[]) => CartLine;
  readonly setQuantity: (key: string, quantity: number) => void;
  readonly remove: (key: string) => void;
  readonly clear: () => void;
  /** Takes the snapshot a payment charges, and locks the cart until `release`. */
  readonly freeze: () => CartSnapshot;
  /** Ends a payment: unlocks, and when it succeeded removes the lines that were paid. */
  readonly release: (outcome: { paid: boolean }) => void;
  /** Reads the saved cart again (after the key changed, or to pick up outside edits). */
  readonly reload: () => void;
}

const warn = (message: string, cause?: unknown): void => {
  console.warn(`[tillkit] ${message}`, ...(cause === undefined ? [] : [cause]));
};

export function createCartStore(options: CartStoreOptions): CartStore {
  const keyStore = typeof options.key === 'string' ? null : options.key;
  const keyOf = keyStore ? () => keyStore.get() : () => options.key as string;
  const storage = options.storage === undefined ? localStore() : options.storage;
  const events = options.events === undefined ? defaultEvents() : options.events;

  const $lines = atom<readonly CartLine[]>([]);
  const $locked = atom(false);
  // Worked out when read (always up to date), and told to listeners once per task, not once per change.
  // Lines never change once made, so each line is priced once, whatever the length of the cart.
  const prices = new WeakMap<CartLine, LinePrice>();
  const price = (line: CartLine): LinePrice => {
    let found = prices.get(line);
    if (!found) prices.set(line, (found = priceLine(line)));
    return found;
  };
  const $summary = options.subProducts
    ? batched([$lines, options.subProducts], (lines, pricing) => summarize(lines, pricing, price))
    : batched($lines, (lines) => summarize(lines, 'bundled', price));
  /** The raw text last read from or written to storage: restoring is skipped while it is unchanged. */
  let lastRaw: string | null = null;
  let lastKey = '';
  let frozen: CartSnapshot | null = null;
  /** The key the lines changed under since they were last saved; null when nothing waits. */
  let unsaved: string | null = null;

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
    const lines = decodeCart(raw);
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
    save(); // what this page changed is saved before anything is read back
    const lines = readStorage();
    if (lines) $lines.set(lines);
  }

  /** Writes the lines if they changed since the last save: once for a burst of changes. */
  function save(): void {
    const key = unsaved;
    if (key === null || !storage) return;
    unsaved = null;
    const raw = encodeCart($lines.get());
    try {
      if (raw === null) storage.removeItem(key);
      else storage.setItem(key, raw);
      lastRaw = raw;
      lastKey = key;
    } catch (error) {
      warn('the cart could not be saved (storage full or unavailable); it is kept for this page only', error);
    }
  }

  /**
   * Changes the lines now (a read right after sees them) and saves them at the end of the task, so
   * that many changes in one task (a script adding fifty products) are one write, not fifty writes of
   * a growing cart. The end of the task comes before the browser can unload the page or run another
   * tab's `storage` event, so no change is lost and no other tab sees a half-made cart.
   */
  function commit(lines: readonly CartLine[]): void {
    if ($locked.get()) {
      throw new TillError('cart-locked', 'The cart can not change while a payment is in progress');
    }
    $lines.set(lines);
    if (unsaved !== null || !storage) return;
    unsaved = keyOf();
    queueMicrotask(save);
  }

  const onStorage = (event: Event): void => {
    const { key, storageArea } = event as StorageEvent;
    if (storageArea && storageArea !== (storage as unknown)) return;
    if (key !== null && key !== keyOf()) return;
    restore();
  };

  onMount($lines, () => {
    restore();
    // A different merchant key is a different cart (the old one saved first); `listen` skips the current value.
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
      const added = newLine(product, quantity, subProducts);
      const existing = current.find((line) => line.key === added.key);
      const total = (existing?.quantity ?? 0) + quantity;
      if (total > MAX_QUANTITY) {
        throw new TillError('quantity-invalid', `At most ${MAX_QUANTITY} of one item fit in a cart`, 'quantity');
      }
      const line: CartLine = existing ? { ...existing, quantity: total } : added;
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
      save(); // the cart being paid is the saved one
      // The summary the customer saw: the store's own, priced the way the backend prices.
      frozen = snapshotOf(lines(), $summary.get());
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

const defaultEvents = (): EventSource | null => (typeof window === 'undefined' ? null : window);
