import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_QUANTITY, priceLine, summarize, type PricingLine } from '../../src/core/index.ts';

// A backend without add-ons (Bootic) sells every add-on as a line item of its own and keeps one line
// item per variant: the units of a variant chosen on several cart lines are added up and priced once.
// `summarize(lines, 'separate')` must total a cart the same way, or the cart and the order disagree.

/** A film at 999 CLP, 50 % off (499.5 a unit: alone it rounds to 500, two together to 999). */
const film = { ref: '5101', price: 999, discount: 0.5, vat: 0.19, currency: 'CLP' } as const;
/** Its add-on at 842 CLP, no discount. */
const addOn = { ref: '5102', price: 842, discount: 0, vat: 0.19 } as const;

describe('summarize(lines, "separate"): each variant priced once', () => {
  it('the same discounted film on two cart lines (once alone, once with an add-on) is 1841, not 1842', () => {
    const cart: PricingLine[] = [
      { ...film, quantity: 1 },
      { ...film, quantity: 1, subProducts: [addOn] },
    ];
    const summary = summarize(cart, 'separate');
    // The order Bootic makes of this cart: the film × 2 (999 × 0.5 × 2 = 999) and the add-on × 1 (842).
    assert.equal(summary.total, 1841);
    assert.deepEqual(
      summary.lines.map((l) => l.final),
      [500, 1341],
      'each line shows its share of the rounded variant totals',
    );
    assert.equal(summary.totalQuantity, 2);
    assert.equal(summary.units, 2);
  });

  it('an add-on chosen on two lines is one variant too', () => {
    const cart: PricingLine[] = [
      { ref: '7001', price: 5000, vat: 0.19, currency: 'CLP', quantity: 1, subProducts: [{ ...film }] },
      { ref: '7002', price: 6000, vat: 0.19, currency: 'CLP', quantity: 1, subProducts: [{ ...film }] },
    ];
    const summary = summarize(cart, 'separate');
    assert.equal(summary.total, 5000 + 6000 + 999);
    assert.deepEqual(
      summary.lines.map((l) => l.final),
      [5500, 6499],
    );
  });

  it('the lines add up to the total, and their VAT to the VAT', () => {
    const cart: PricingLine[] = [
      { ...film, quantity: 3 },
      { ...film, quantity: 1, subProducts: [addOn] },
      { ref: '7003', price: 4990, discount: 0.15, vat: 0.19, currency: 'CLP', quantity: 2, subProducts: [addOn] },
    ];
    const summary = summarize(cart, 'separate');
    assert.equal(
      summary.lines.reduce((sum, l) => sum + l.final, 0),
      summary.total,
    );
    assert.equal(
      summary.lines.reduce((sum, l) => sum + l.vat, 0),
      summary.vat,
    );
    for (const line of summary.lines) assert.equal(line.net, line.final - line.vat);
    // film × 4 at 499.5 = 1998; add-on × 3 = 2526; 4990 × 0.85 × 2 = 8483.
    assert.equal(summary.total, 1998 + 2526 + 8483);
  });

  it('a part without a ref is a line item of its own, and parts of one ref priced differently are not merged', () => {
    const noRef: PricingLine[] = [
      { price: 999, discount: 0.5, currency: 'CLP', quantity: 1 },
      { price: 999, discount: 0.5, currency: 'CLP', quantity: 1 },
    ];
    assert.equal(summarize(noRef, 'separate').total, 1000);
    const stale: PricingLine[] = [
      { ...film, quantity: 1 },
      { ...film, price: 1001, quantity: 1 },
    ];
    assert.equal(summarize(stale, 'separate').total, 500 + 501);
  });

  it('keeps a total for more units of one variant than one line may hold', () => {
    const cart: PricingLine[] = [
      { ...film, quantity: MAX_QUANTITY },
      { ...film, quantity: 1, subProducts: [addOn] },
    ];
    assert.equal(summarize(cart, 'separate').total, 999 * 5000 + 842);
  });

  it('bundled pricing (seed 001) is unchanged: refs play no part', () => {
    const cart: PricingLine[] = [
      { ...film, quantity: 1 },
      { ...film, quantity: 1 },
    ];
    assert.equal(summarize(cart).total, 1000);
  });
});

/** A small catalogue of variants, each with its own terms, so that carts repeat them often. */
const arbVariants = fc.uniqueArray(
  fc.record({
    ref: fc.integer({ min: 1, max: 99_999 }).map(String),
    price: fc.integer({ min: 0, max: 200_000 }),
    discount: fc.constantFrom(0, 0.1, 0.15, 0.333, 0.5, 1),
    vat: fc.constantFrom(0, 0.19, 0.25),
  }),
  { minLength: 1, maxLength: 5, selector: (v) => v.ref },
);

const arbCart = arbVariants.chain((variants) =>
  fc.array(
    fc.record({
      main: fc.constantFrom(...variants),
      subs: fc.uniqueArray(fc.constantFrom(...variants), { maxLength: 3, selector: (v) => v.ref }),
      quantity: fc.integer({ min: 1, max: 50 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
);

const cartLines = (raw: { main: object; subs: object[]; quantity: number }[]): PricingLine[] =>
  raw.map((r) => ({
    ...(r.main as Omit<PricingLine, 'quantity' | 'currency'>),
    subProducts: r.subs as PricingLine[],
    quantity: r.quantity,
    currency: 'CLP',
  }));

/** What a Bootic order of this cart costs, computed apart: units per variant, each variant priced once. */
function orderTotal(lines: readonly PricingLine[]): number {
  const units = new Map<string, { line: PricingLine; quantity: number }>();
  for (const line of lines) {
    for (const part of [line, ...(line.subProducts ?? [])] as PricingLine[]) {
      const entry = units.get(part.ref!) ?? {
        line: { ...part, subProducts: [], quantity: 0, currency: 'CLP' },
        quantity: 0,
      };
      entry.quantity += line.quantity;
      units.set(part.ref!, entry);
    }
  }
  return [...units.values()].reduce((sum, { line, quantity }) => sum + priceLine({ ...line, quantity }).final, 0);
}

describe('properties of pricing by variant', () => {
  it('the cart’s total is the order’s: units added up per variant, each variant rounded once', () => {
    fc.assert(
      fc.property(arbCart, (raw) => {
        const lines = cartLines(raw);
        const summary = summarize(lines, 'separate');
        assert.equal(summary.total, orderTotal(lines));
        assert.equal(
          summary.lines.reduce((sum, l) => sum + l.final, 0),
          summary.total,
        );
        assert.equal(
          summary.lines.reduce((sum, l) => sum + l.vat, 0),
          summary.vat,
        );
        for (const l of summary.lines) assert.ok(l.final >= 0 && l.vat >= 0 && l.net >= 0);
      }),
      { numRuns: 500 },
    );
  });

  it('line order never changes the total', () => {
    fc.assert(
      fc.property(
        arbCart.chain((raw) => fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw, { minLength: raw.length }))),
        ([raw, shuffled]) => {
          const a = summarize(cartLines(raw), 'separate');
          const b = summarize(cartLines(shuffled), 'separate');
          assert.deepEqual([a.total, a.vat], [b.total, b.vat]);
        },
      ),
    );
  });

  it('a cart whose variants each appear once is priced line by line, as before', () => {
    fc.assert(
      fc.property(arbVariants, fc.integer({ min: 1, max: MAX_QUANTITY }), (variants, quantity) => {
        const [main, ...subs] = variants;
        const line: PricingLine = { ...main!, subProducts: subs, quantity, currency: 'CLP' };
        assert.deepEqual(summarize([line], 'separate').lines[0], priceLine(line, 'separate'));
      }),
    );
  });
});
