import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CURRENCY_MISMATCH,
  MAX_QUANTITY,
  includedVat,
  isTillError,
  mulDivRound,
  priceLine,
  summarize,
  toMinor,
  type PricingLine,
} from '../../src/core/index.ts';

const eur = (value: number) => toMinor(value, 'EUR');

describe('the worked example of the Orders documentation', () => {
  // Product A: 40 EUR, 10 % off, bought twice. Product B: 10 EUR with sub-product B1: 5 EUR, once.
  const lines: PricingLine[] = [
    { price: eur(40), discount: 0.1, quantity: 2, currency: 'EUR' },
    { price: eur(10), discount: 0, subProducts: [{ price: eur(5) }], quantity: 1, currency: 'EUR' },
  ];

  it('prices A at 72 and B with B1 at 15', () => {
    assert.equal(priceLine(lines[0]!).final, 7200);
    assert.equal(priceLine(lines[1]!).final, 1500);
  });

  it('totals 87.00 EUR, 3 products, 2 units', () => {
    const summary = summarize(lines);
    assert.equal(summary.total, 8700);
    assert.equal(summary.totalQuantity, 3);
    assert.equal(summary.units, 2);
    assert.equal(summary.currency, 'EUR');
  });
});

describe('the item examples of the Orders documentation', () => {
  it('20 at 0.5 discount × 1 is 10, 10 × 3 is 30, the order 40', () => {
    const lines: PricingLine[] = [
      { price: toMinor(20, 'NOK'), discount: 0.5, vat: 0, quantity: 1, currency: 'NOK' },
      { price: toMinor(10, 'NOK'), discount: 0, vat: 0, quantity: 3, currency: 'NOK' },
    ];
    const summary = summarize(lines);
    assert.deepEqual(
      summary.lines.map((l) => l.final),
      [1000, 3000],
    );
    assert.equal(summary.total, 4000);
    assert.equal(summary.totalQuantity, 4);
    assert.equal(summary.units, 2);
  });
});

describe('currencies without and with more decimals', () => {
  it('JPY rounds each line to the yen, half away from zero', () => {
    // 1005 × 0.5 = 502.5 → 503
    const line = priceLine({ price: 1005, discount: 0.5, quantity: 1, currency: 'JPY' });
    assert.equal(line.final, 503);
  });

  it('CLP totals whole pesos', () => {
    const summary = summarize([
      { price: 29990, discount: 0.15, quantity: 3, currency: 'CLP' }, // 76474.5 → 76475
      { price: 3714, quantity: 1, currency: 'CLP' },
    ]);
    assert.equal(summary.total, 76475 + 3714);
  });

  it('KWD keeps three decimals', () => {
    const summary = summarize([{ price: toMinor(1.234, 'KWD'), discount: 0.25, quantity: 3, currency: 'KWD' }]);
    // 1.234 × 0.75 × 3 = 2.7765 → 2.777 (half away from zero)
    assert.equal(summary.total, 2777);
  });

  it('rounds once per line, not per unit', () => {
    // 0.05 × 0.5 × 3 = 0.075 → 0.08; rounding each unit first would give 0.03 × 3 = 0.09.
    assert.equal(priceLine({ price: 5, discount: 0.5, quantity: 3, currency: 'EUR' }).final, 8);
  });
});

describe('sub-products priced separately, as a backend without add-ons sells them', () => {
  const film = {
    price: 24990,
    discount: 0.1,
    vat: 0.19,
    quantity: 1,
    currency: 'CLP',
    subProducts: [{ price: 2990, discount: 0, vat: 0.19 }],
  };

  it("bundled, the add-on shares the film's discount (seed 001); separate, it does not", () => {
    assert.equal(priceLine(film).final, 25182); // (24990 + 2990) × 0.9
    assert.equal(priceLine(film, 'separate').final, 22491 + 2990);
  });

  it("sums each part's own rounded price and VAT, in the line's quantity", () => {
    const line = { ...film, quantity: 3, subProducts: [{ price: 2990, discount: 0.5 }, { price: 1000 }] };
    const parts = [
      priceLine({ ...line, subProducts: [] }),
      priceLine({ price: 2990, discount: 0.5, vat: 0.19, quantity: 3, currency: 'CLP' }),
      priceLine({ price: 1000, vat: 0.19, quantity: 3, currency: 'CLP' }),
    ];
    const separate = priceLine(line, 'separate');
    assert.equal(
      separate.final,
      parts.reduce((s, p) => s + p.final, 0),
    );
    assert.equal(
      separate.vat,
      parts.reduce((s, p) => s + p.vat, 0),
    );
    assert.equal(separate.unit, 24990 + 2990 + 1000);
    assert.equal(summarize([line], 'separate').total, separate.final);
  });

  it('is the same as bundled for a line without add-ons', () => {
    assert.deepEqual(priceLine({ ...film, subProducts: [] }, 'separate'), priceLine({ ...film, subProducts: [] }));
  });
});

describe('VAT', () => {
  it('is included in the price: final × vat / (1 + vat)', () => {
    const line = priceLine({ price: eur(125), vat: 0.25, quantity: 1, currency: 'EUR' });
    assert.equal(line.vat, 2500);
    assert.equal(line.net, 10000);
  });

  it('sums per line for the order, and net is total minus VAT', () => {
    const summary = summarize([
      { price: eur(99.99), vat: 0.25, quantity: 1, currency: 'EUR' }, // 19.998 → 20.00
      { price: eur(10), vat: 0.12, quantity: 1, currency: 'EUR' }, // 1.0714… → 1.07
      { price: eur(10), vat: 0, quantity: 2, currency: 'EUR' },
    ]);
    assert.equal(summary.vat, 2000 + 107);
    assert.equal(summary.net, summary.total - summary.vat);
  });

  it('of a line already priced (an order item’s final price) is the share priceLine gives', () => {
    assert.equal(includedVat(12500, 0.25), 2500);
    assert.equal(includedVat(9999, 0.25), 2000); // 19.998 → 20.00
    assert.equal(includedVat(1000, '0.12'), 107);
    assert.equal(includedVat(1000, 0), 0);
    assert.equal(includedVat(1000, null), 0);
    fc.assert(
      fc.property(arbLine('EUR'), (line) => {
        const priced = priceLine(line);
        assert.equal(includedVat(priced.final, line.vat), priced.vat);
      }),
    );
  });
});

describe('rules', () => {
  it('refuses two currencies with the documented message', () => {
    assert.throws(
      () =>
        summarize([
          { price: 100, quantity: 1, currency: 'EUR' },
          { price: 100, quantity: 1, currency: 'NOK' },
        ]),
      (e) => isTillError(e, 'currency-mismatch') && e.message === CURRENCY_MISMATCH,
    );
    assert.equal(CURRENCY_MISMATCH, 'An order can not have products with different currencies');
  });

  it('takes quantities from 1 to the documented bound only', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, MAX_QUANTITY + 1]) {
      assert.throws(
        () => priceLine({ price: 100, quantity, currency: 'EUR' }),
        (e) => isTillError(e, 'quantity-invalid') && e.field === 'quantity',
        String(quantity),
      );
    }
    assert.equal(priceLine({ price: 1, quantity: MAX_QUANTITY, currency: 'EUR' }).final, MAX_QUANTITY);
  });

  it('takes discount and VAT within 0..1 only', () => {
    for (const bad of [-0.1, 1.01, 25, Number.NaN, Infinity]) {
      assert.throws(
        () => priceLine({ price: 100, discount: bad, quantity: 1, currency: 'EUR' }),
        (e) => isTillError(e, 'rate-invalid') && e.field === 'discount',
      );
      assert.throws(
        () => priceLine({ price: 100, vat: bad, quantity: 1, currency: 'EUR' }),
        (e) => isTillError(e, 'rate-invalid') && e.field === 'vat',
      );
    }
    assert.equal(priceLine({ price: 100, discount: 1, quantity: 1, currency: 'EUR' }).final, 0);
  });

  it('refuses negative, fractional or non-finite prices', () => {
    for (const price of [-1, 1.5, Number.NaN, Infinity]) {
      assert.throws(
        () => priceLine({ price, quantity: 1, currency: 'EUR' }),
        (e) => isTillError(e, 'amount-invalid'),
        String(price),
      );
      assert.throws(
        () => priceLine({ price: 1, subProducts: [{ price }], quantity: 1, currency: 'EUR' }),
        (e) => isTillError(e, 'amount-invalid'),
      );
    }
  });

  it('refuses an unknown currency', () => {
    assert.throws(
      () => priceLine({ price: 1, quantity: 1, currency: 'XXX' }),
      (e) => isTillError(e, 'currency-unknown'),
    );
  });

  it('summarises an empty order to zero with no currency', () => {
    const summary = summarize([]);
    assert.deepEqual([summary.total, summary.units, summary.totalQuantity, summary.currency], [0, 0, 0, null]);
  });
});

// An independent exact computation over rationals (BigInt numerator and denominator, reduced by gcd),
// written from the documented formula without the pricing module's shortcuts.
type Ratio = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const ratio = (n: bigint, d: bigint): Ratio => {
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const decimalRatio = (text: string): Ratio => {
  const [whole, fraction = ''] = text.split('.');
  return ratio(BigInt(whole! + fraction), 10n ** BigInt(fraction.length));
};
const mul = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[0], a[1] * b[1]);
const sub = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const roundHalfAwayFromZero = ([n, d]: Ratio): bigint => {
  const q = n / d;
  const r = n % d;
  return 2n * r >= d ? q + 1n : q;
};

function referenceLine(line: PricingLine) {
  const unit = [line.price, ...(line.subProducts ?? []).map((s) => s.price)].reduce((a, b) => a + BigInt(b), 0n);
  const discount = decimalRatio(String(line.discount ?? 0));
  const vat = decimalRatio(String(line.vat ?? 0));
  const final = roundHalfAwayFromZero(mul(mul([unit, 1n], sub([1n, 1n], discount)), [BigInt(line.quantity), 1n]));
  const share = roundHalfAwayFromZero(mul(mul([final, 1n], vat), [vat[1], vat[0] + vat[1]]));
  return { final, vat: share };
}

const rate = fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000); // 0..1 with up to four decimals
const arbLine = (currency: string) =>
  fc.record({
    price: fc.integer({ min: 0, max: 10_000_000 }),
    subProducts: fc.array(fc.record({ price: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 3 }),
    discount: rate,
    vat: fc.constantFrom(0, 0.06, 0.12, 0.15, 0.25, 0.255, 1 / 8),
    quantity: fc.integer({ min: 1, max: MAX_QUANTITY }),
    currency: fc.constant(currency),
  });
const arbCart = fc.constantFrom('EUR', 'JPY', 'KWD').chain((c) => fc.array(arbLine(c), { maxLength: 40 }));

describe('properties', () => {
  it('every total equals an independent exact rational computation', () => {
    fc.assert(
      fc.property(arbCart, (lines) => {
        const summary = summarize(lines);
        let total = 0n;
        let vat = 0n;
        lines.forEach((line, i) => {
          const expected = referenceLine(line);
          assert.equal(BigInt(summary.lines[i]!.final), expected.final);
          assert.equal(BigInt(summary.lines[i]!.vat), expected.vat);
          total += expected.final;
          vat += expected.vat;
        });
        assert.equal(BigInt(summary.total), total);
        assert.equal(BigInt(summary.vat), vat);
        assert.equal(summary.net, summary.total - summary.vat);
        assert.equal(
          summary.totalQuantity,
          lines.reduce((n, l) => n + l.quantity, 0),
        );
        assert.equal(summary.units, lines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('line order never changes a total', () => {
    fc.assert(
      fc.property(
        arbCart.chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length }))),
        ([lines, shuffled]) => {
          const a = summarize(lines);
          const b = summarize(shuffled);
          assert.deepEqual([a.total, a.vat, a.totalQuantity, a.units], [b.total, b.vat, b.totalQuantity, b.units]);
        },
      ),
    );
  });

  it('mixing currencies is always refused', () => {
    const two = fc.uniqueArray(fc.constantFrom('EUR', 'NOK', 'JPY', 'KWD', 'CLP', 'USD'), {
      minLength: 2,
      maxLength: 2,
    });
    fc.assert(
      fc.property(
        two.chain(([a, b]) =>
          fc.tuple(
            fc.array(arbLine(a!), { minLength: 1, maxLength: 10 }),
            fc.array(arbLine(b!), { minLength: 1, maxLength: 10 }),
          ),
        ),
        fc.nat(),
        ([first, second], seed) => {
          const mixed = [...first, ...second];
          // put one line of the second currency somewhere among the first
          const cut = seed % (first.length + 1);
          const lines = [...first.slice(0, cut), second[0]!, ...first.slice(cut), ...second.slice(1)];
          assert.throws(
            () => summarize(lines),
            (e) => isTillError(e, 'currency-mismatch'),
          );
          assert.throws(
            () => summarize(mixed),
            (e) => isTillError(e, 'currency-mismatch'),
          );
        },
      ),
    );
  });

  it('mulDivRound agrees with BigInt arithmetic on both of its paths', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: 1e12 }),
        fc.integer({ min: 1, max: 1e13 }),
        fc.integer({ min: 1, max: MAX_QUANTITY }),
        (a, b, d, c) => {
          const exact = roundHalfAwayFromZero(ratio(BigInt(a) * BigInt(b) * BigInt(c), BigInt(d)));
          if (exact > BigInt(Number.MAX_SAFE_INTEGER)) return;
          assert.equal(BigInt(mulDivRound(a, b, d, c)), exact);
        },
      ),
      { numRuns: 2000 },
    );
    // near-integer quotients where a floating-point division alone would be one off
    assert.equal(mulDivRound(9007199254740991, 1, 3), 3002399751580330);
    assert.equal(mulDivRound(4503599627370495, 2, 4503599627370496), 2);
  });
});
