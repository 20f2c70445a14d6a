// Server-side rendering of a host page: Node imports `tillkit` (and the sources) with no DOM at all.
// Lit's `node` export condition brings its own minimal shims; Tillkit must not touch `window`,
// `document` or `localStorage` on import, and `tillkit` itself must register nothing.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensureFreshBuild } from './fresh-build.ts';
import type * as Tillkit from '../../src/index.ts';

const defined: string[] = [];
/** Imports the package by name, through its exports map (dist/ may not exist when this file is
 * type-checked, so the specifier is not a literal the compiler would resolve). */
const importPackage = (entry: string) => import(entry) as Promise<typeof Tillkit>;

before(() => {
  ensureFreshBuild();
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no DOM in this process');
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  // A registry that records: whatever `tillkit` imports must leave it empty.
  const registry = new Map<string, CustomElementConstructor>();
  (globalThis as { customElements?: unknown }).customElements = {
    get: (tag: string) => registry.get(tag),
    define: (tag: string, element: CustomElementConstructor) => {
      defined.push(tag);
      registry.set(tag, element);
    },
  };
});

describe('importing Tillkit in Node, without a DOM', () => {
  it('the built `tillkit` loads, exposes its API, and registers nothing', async () => {
    const tillkit = await importPackage('tillkit');
    assert.equal(typeof tillkit.TillCart, 'function');
    assert.equal(typeof tillkit.configure, 'function');
    assert.equal(tillkit.$cartSummary.get().totalQuantity, 0);
    assert.equal(tillkit.formatMoney({ amount: 8700, currency: 'EUR' }, 'en'), '€87.00');
    assert.deepEqual(defined, []);
  });

  it('the sources (src/index.ts) load too', async () => {
    const source = await import('../../src/index.ts');
    assert.equal(typeof source.TillCheckout, 'function');
    assert.deepEqual(defined, []);
  });

  it('`tillkit/define` loads and registers the five elements where a registry exists', async () => {
    await importPackage('tillkit/define');
    assert.deepEqual(defined.sort(), ['till-cart', 'till-checkout', 'till-config', 'till-orders', 'till-product-list']);
  });
});
