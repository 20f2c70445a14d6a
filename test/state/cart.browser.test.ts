import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import { CART_SCHEMA_VERSION } from '../../src/state/cart/saved.ts';
import { createCartStore, type CartStore } from '../../src/state/cart/store.ts';
import type { StorageLike } from '../../src/state/storage.ts';
import { isTillError } from '../../src/core/index.ts';
import { kronerProduct, productA, productB, subProductB1 } from '../support/catalogue.ts';

const KEY = 'till:cart:test';

/** The next task: by then the cart has saved what changed in this one. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

/** Records console.warn while `run` runs. */
async function warnings(run: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** Keeps a store mounted for the test, as an element subscribing to it would. */
function mounted(store: CartStore): CartStore {
  const stop = store.$lines.listen(() => {});
  cleanups.push(stop);
  return store;
}

/** What `run` throws, or undefined when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((stop) => stop());
  localStorage.clear();
  document.querySelectorAll('iframe').forEach((frame) => frame.remove());
});

describe('cart store', () => {
  it('prices the worked example at 87.00 EUR', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productA, 2);
    cart.add(productB, 1, [subProductB1]);
    const summary = cart.$summary.get();
    expect(summary.total).to.equal(8700);
    expect(summary.totalQuantity).to.equal(3);
    expect(summary.units).to.equal(2);
  });

  it('merges the same product with the same add-ons into one line', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productB, 1, [subProductB1]);
    cart.add(productB, 2, [subProductB1]);
    cart.add(productB, 1);
    expect(cart.$lines.get().map((l) => [l.key, l.quantity])).to.deep.equal([
      ['productB+subProductB1', 3],
      ['productB', 1],
    ]);
  });

  it('refuses a second currency with the documented message, before any request', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productA);
    expect(() => cart.add(kronerProduct)).to.throw('An order can not have products with different currencies');
    expect(cart.$lines.get()).to.have.length(1);
  });

  it('refuses a sub-product alone and a bad quantity', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    expect(() => cart.add(subProductB1)).to.throw(/only be bought together/);
    expect(() => cart.add(productA, 0)).to.throw(/whole number from 1/);
    expect(() => cart.add(productA, 9999).quantity).not.to.throw();
    expect(() => cart.add(productA, 1)).to.throw(/At most 9999/);
  });

  it('sets quantities, removes lines and clears', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    const a = cart.add(productA);
    const b = cart.add(productB);
    cart.setQuantity(a.key, 5);
    expect(cart.$summary.get().totalQuantity).to.equal(6);
    cart.remove(b.key);
    expect(cart.$lines.get().map((l) => l.productId)).to.deep.equal(['productA']);
    expect(() => cart.remove(b.key)).to.throw(/no longer in the cart/);
    cart.clear();
    expect(cart.$lines.get()).to.deep.equal([]);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });
});

describe('cart persistence', () => {
  it('survives a reload: a new store reads what the old one saved', async () => {
    const first = mounted(createCartStore({ key: KEY }));
    first.add(productA, 2);
    first.add(productB, 1, [subProductB1]);
    await nextTask(); // changes are saved at the end of their task
    const saved = JSON.parse(localStorage.getItem(KEY)!);
    expect(saved.v).to.equal(CART_SCHEMA_VERSION);

    const second = createCartStore({ key: KEY });
    expect(second.$summary.get().total).to.equal(8700);
    expect(second.$lines.get()[1]!.subProducts).to.deep.equal([
      { id: 'subProductB1', name: 'Sub Product B1', price: 500, discount: 0, vat: 0.25, ref: null },
    ]);
  });

  it('saves a burst of changes once, at the end of their task, and a reload finds every line', async () => {
    const writes: string[] = [];
    const counting: StorageLike = {
      getItem: (key) => localStorage.getItem(key),
      setItem: (key, value) => {
        writes.push(key);
        localStorage.setItem(key, value);
      },
      removeItem: (key) => localStorage.removeItem(key),
    };
    const cart = mounted(createCartStore({ key: KEY, storage: counting }));
    const summaries: number[] = [];
    cleanups.push(cart.$summary.listen((summary) => void summaries.push(summary.totalQuantity)));
    for (let i = 0; i < 50; i++) {
      cart.add({ ...productA, id: `film-${i}`, name: `Film ${i}` }, 2);
      // Read at once, the store already has the line and prices it.
      expect(cart.$lines.get().at(-1)!.productId).to.equal(`film-${i}`);
    }
    expect(cart.$summary.get().totalQuantity).to.equal(100);
    expect(writes, 'nothing written while the task runs').to.deep.equal([]);
    await nextTask();
    expect(writes, 'one write for fifty adds').to.deep.equal([KEY]);
    expect(summaries, 'listeners hear one summary').to.deep.equal([100]);
    const reloaded = createCartStore({ key: KEY });
    expect(reloaded.$lines.get()).to.have.length(50);
    expect(reloaded.$summary.get().total).to.equal(50 * 7200);
  });

  it('saves what changed before the key changes or the cart is read back or frozen', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productA);
    cart.reload(); // an explicit read keeps this page's change rather than reading the older copy
    expect(cart.$lines.get().map((l) => l.productId)).to.deep.equal(['productA']);
    expect(JSON.parse(localStorage.getItem(KEY)!).lines).to.have.length(1);
    cart.add(productB);
    cart.freeze();
    expect(JSON.parse(localStorage.getItem(KEY)!).lines).to.have.length(2);
    cart.release({ paid: false });
  });

  it('keeps one cart per merchant key and follows a key change', () => {
    const key = atom('till:cart:merchant-1');
    const cart = mounted(createCartStore({ key }));
    cart.add(productA);
    key.set('till:cart:merchant-2');
    expect(cart.$lines.get()).to.deep.equal([]);
    cart.add(productB);
    key.set('till:cart:merchant-1');
    expect(cart.$lines.get().map((l) => l.productId)).to.deep.equal(['productA']);
    expect(JSON.parse(localStorage.getItem('till:cart:merchant-2')!).lines[0].productId).to.equal('productB');
  });

  for (const [label, raw] of [
    ['not JSON', '{"v":1,"lines":[{'],
    ['another schema version', JSON.stringify({ v: 99, lines: [] })],
    ['foreign data', JSON.stringify(['someone', 'else'])],
    [
      'a line with a negative price',
      JSON.stringify({
        v: 1,
        lines: [
          {
            key: 'x',
            productId: 'x',
            name: 'X',
            price: -1,
            discount: 0,
            vat: 0,
            currency: 'EUR',
            image: null,
            quantity: 1,
            subProducts: [],
          },
        ],
      }),
    ],
    [
      'a fractional quantity',
      JSON.stringify({
        v: 1,
        lines: [
          {
            key: 'x',
            productId: 'x',
            name: 'X',
            price: 1,
            discount: 0,
            vat: 0,
            currency: 'EUR',
            image: null,
            quantity: 1.5,
            subProducts: [],
          },
        ],
      }),
    ],
    [
      'mixed currencies',
      JSON.stringify({
        v: 1,
        lines: ['EUR', 'NOK'].map((currency) => ({
          key: currency,
          productId: 'x',
          name: 'X',
          price: 1,
          discount: 0,
          vat: 0,
          currency,
          image: null,
          quantity: 1,
          subProducts: [],
        })),
      }),
    ],
  ]) {
    it(`discards ${label} with a warning, never a crash`, async () => {
      localStorage.setItem(KEY, raw!);
      const seen = await warnings(() => {
        const cart = mounted(createCartStore({ key: KEY }));
        expect(cart.$lines.get()).to.deep.equal([]);
        cart.add(productA); // and it still works
      });
      expect(seen.join('\n')).to.match(/discarded unreadable cart data/);
      expect(JSON.parse(localStorage.getItem(KEY)!).lines).to.have.length(1);
    });
  }

  it('keeps working in memory when storage is full', async () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productA);
    // Fill this origin's real localStorage to its quota, down to the last character.
    let filled = 0;
    for (let size = 1 << 20; size >= 1; size >>= 2) {
      const chunk = 'x'.repeat(size);
      try {
        while (filled < 1000) localStorage.setItem(`fill-${filled++}`, chunk);
      } catch {
        // quota reached for this size; try smaller pieces
      }
    }
    expect(filled).to.be.below(1000);
    const seen = await warnings(() => cart.add(productB, 3));
    expect(seen.join('\n')).to.match(/could not be saved/);
    expect(cart.$summary.get().totalQuantity).to.equal(4);
    // A later mount does not roll the in-memory cart back to the older saved copy.
    cleanups.splice(0).forEach((stop) => stop());
    mounted(cart);
    expect(cart.$summary.get().totalQuantity).to.equal(4);
  });

  it('works without storage at all (reading throws, as in some privacy modes)', async () => {
    const denied = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const seen = await warnings(() => {
      const cart = mounted(createCartStore({ key: KEY, storage: denied }));
      cart.add(productA, 2);
      expect(cart.$summary.get().total).to.equal(7200);
    });
    expect(seen.length).to.be.greaterThan(0);
  });
});

/** A second document of this origin: its localStorage is shared, and its changes fire `storage` here. */
async function otherTab(): Promise<Window> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  await new Promise((resolve) => setTimeout(resolve));
  return frame.contentWindow!;
}

const storageEvent = (): Promise<unknown> =>
  new Promise((resolve) => window.addEventListener('storage', resolve, { once: true }));

describe('cart sync between tabs', () => {
  it("receives another tab's changes through the storage event", async () => {
    const tab = await otherTab();
    const here = mounted(createCartStore({ key: KEY }));
    const there = mounted(createCartStore({ key: KEY, storage: tab.localStorage, events: tab }));

    const arrived = storageEvent();
    there.add(productA, 2);
    await arrived;
    expect(here.$summary.get().total).to.equal(7200);

    const back = new Promise((resolve) => tab.addEventListener('storage', resolve, { once: true }));
    here.add(productB, 1, [subProductB1]);
    await back;
    expect(there.$summary.get().total).to.equal(8700);

    const cleared = storageEvent();
    there.clear();
    await cleared;
    expect(here.$lines.get()).to.deep.equal([]);
  });

  it('ignores other keys', async () => {
    const tab = await otherTab();
    const here = mounted(createCartStore({ key: KEY }));
    here.add(productA);
    const arrived = storageEvent();
    tab.localStorage.setItem('till:cart:another-merchant', '{}');
    await arrived;
    expect(here.$lines.get()).to.have.length(1);
  });
});

describe('frozen snapshot for a payment', () => {
  it('does not change when another tab edits the cart, and the cart refuses edits here', async () => {
    const tab = await otherTab();
    const here = mounted(createCartStore({ key: KEY }));
    const there = mounted(createCartStore({ key: KEY, storage: tab.localStorage, events: tab }));
    const seenThere = new Promise((resolve) => tab.addEventListener('storage', resolve, { once: true }));
    here.add(productA, 2);
    await seenThere;

    const snapshot = here.freeze();
    expect(here.$locked.get()).to.equal(true);
    expect(Object.isFrozen(snapshot.lines[0])).to.equal(true);
    expect(() => here.add(productB)).to.throw(/payment is in progress/);
    const refused = thrown(() => here.clear());
    expect(isTillError(refused, 'cart-locked')).to.equal(true);
    expect(here.$lines.get().map((l) => [l.productId, l.quantity])).to.deep.equal([['productA', 2]]);

    const arrived = storageEvent();
    there.add(productB, 1, [subProductB1]);
    await arrived;
    expect(here.$summary.get().total).to.equal(8700);
    expect(snapshot.summary.total).to.equal(7200);

    here.release({ paid: true });
    expect(here.$locked.get()).to.equal(false);
    expect(here.$lines.get().map((l) => l.productId)).to.deep.equal(['productB']);
  });

  it('refuses every edit while locked with cart-locked, and leaves the lines and the saved cart as they were', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    const a = cart.add(productA, 2);
    cart.add(productB, 1, [subProductB1]);
    cart.freeze();
    const lines = structuredClone(cart.$lines.get());
    const saved = localStorage.getItem(KEY);
    const edits: [string, () => unknown][] = [
      ['add to a line', () => cart.add(productA)],
      ['add a new line', () => cart.add(productB)],
      ['setQuantity', () => cart.setQuantity(a.key, 5)],
      ['remove', () => cart.remove(a.key)],
      ['clear', () => cart.clear()],
    ];
    for (const [edit, run] of edits) {
      const error = thrown(run);
      expect(isTillError(error, 'cart-locked'), `${edit} throws cart-locked, not ${String(error)}`).to.equal(true);
      expect(cart.$lines.get(), `${edit} leaves the lines`).to.deep.equal(lines);
      expect(localStorage.getItem(KEY), `${edit} leaves the saved cart`).to.equal(saved);
    }
  });

  it('keeps every line when the payment did not succeed', () => {
    const cart = mounted(createCartStore({ key: KEY }));
    cart.add(productA);
    cart.freeze();
    cart.release({ paid: false });
    expect(cart.$lines.get()).to.have.length(1);
    cart.add(productB);
    expect(cart.$lines.get()).to.have.length(2);
  });
});
