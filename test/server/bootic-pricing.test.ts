import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summarize, type PricingLine } from '../../src/core/index.ts';
import { priceLineItems } from '../../server/bootic/pricing.ts';
import type { ProductRow } from '../../server/model/products.ts';

// The server's Bootic pricing and the widget's cart (core's summarize in 'separate' mode) must agree to
// the peso for any cart: the checkout sends units per variant, the server prices each variant once.

const variant = (ref: string, price: number, discount: string, vat: string): ProductRow =>
  ({
    id: ref.padStart(24, '0'),
    company_id: 'c'.repeat(24),
    human_id: `H${ref}`,
    name: `Variant ${ref}`,
    currency: 'CLP',
    price,
    discount,
    vat,
    properties: {},
    media: [],
    image: null,
    external_reference: ref,
  }) as unknown as ProductRow;

const arbCatalogue = fc.uniqueArray(
  fc.record({
    ref: fc.integer({ min: 1, max: 99_999 }).map(String),
    price: fc.integer({ min: 0, max: 200_000 }),
    discount: fc.constantFrom('0', '0.1', '0.15', '0.333', '0.5'),
    vat: fc.constantFrom('0', '0.19'),
  }),
  { minLength: 1, maxLength: 5, selector: (v) => v.ref },
);

describe('Bootic pricing: the server and the cart agree', () => {
  it('for any cart, the order’s total (priceLineItems) is the cart’s (summarize, separate)', () => {
    fc.assert(
      fc.property(
        arbCatalogue.chain((catalogue) =>
          fc.tuple(
            fc.constant(catalogue),
            fc.array(
              fc.record({
                main: fc.constantFrom(...catalogue),
                subs: fc.uniqueArray(fc.constantFrom(...catalogue), { maxLength: 3, selector: (v) => v.ref }),
                quantity: fc.integer({ min: 1, max: 30 }),
              }),
              { minLength: 1, maxLength: 8 },
            ),
          ),
        ),
        ([catalogue, raw]) => {
          const cart: PricingLine[] = raw.map((r) => ({
            ...r.main,
            subProducts: r.subs,
            quantity: r.quantity,
            currency: 'CLP',
          }));
          // What the checkout sends: units per variant (the line's product and each add-on).
          const units = new Map<number, number>();
          for (const r of raw)
            for (const part of [r.main, ...r.subs])
              units.set(Number(part.ref), (units.get(Number(part.ref)) ?? 0) + r.quantity);
          const variants = new Map(catalogue.map((v) => [Number(v.ref), variant(v.ref, v.price, v.discount, v.vat)]));
          const order = priceLineItems(
            [...units].map(([variantId, n]) => ({ variantId, units: n })),
            variants,
          );
          assert.equal(order.total, summarize(cart, 'separate').total);
        },
      ),
      { numRuns: 500 },
    );
  });
});
