import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyCoupon, couponDiscount, couponRefusal, isTillError, summarize } from '../../src/core/index.ts';

describe('coupons', () => {
  it('take percent_off of the total, rounded once, half away from zero', () => {
    // The Orders documentation's worked example: 87.00 EUR; 10 % off is 8.70.
    assert.equal(couponDiscount(8700, 'EUR', { percentOff: 10 }), 870);
    // 12.5 % of 9.99 EUR = 1.24875 → 1.25
    assert.equal(couponDiscount(999, 'EUR', { percentOff: '12.5' }), 125);
    // 15 % of 1,999 JPY = 299.85 → 300 yen (no minor unit)
    assert.equal(couponDiscount(1999, 'JPY', { percentOff: 15 }), 300);
    // 33 % of 12.345 KWD = 4.07385 → 4.074 (three decimals)
    assert.equal(couponDiscount(12345, 'KWD', { percentOff: 33 }), 4074);
    // exactly half a unit rounds away from zero: 50 % of 0.05 EUR = 0.025 → 0.03
    assert.equal(couponDiscount(5, 'EUR', { percentOff: 50 }), 3);
  });

  it('take amount_off in the coupon’s currency, never more than the total', () => {
    assert.equal(couponDiscount(8700, 'EUR', { amountOff: 500, currency: 'EUR' }), 500);
    assert.equal(couponDiscount(300, 'EUR', { amountOff: 500, currency: 'EUR' }), 300);
    assert.equal(couponDiscount(1999, 'JPY', { amountOff: 2500, currency: 'JPY' }), 1999);
    assert.equal(couponDiscount(12345, 'KWD', { amountOff: 1500, currency: 'KWD' }), 1500);
  });

  it('refuse another currency and an order below the minimum, with codes', () => {
    assert.equal(couponRefusal({ amountOff: 500, currency: 'EUR' }, 8700, 'NOK'), 'coupon-currency');
    assert.equal(
      couponRefusal({ percentOff: 10, minOrderAmount: 5000, currency: 'EUR' }, 4999, 'EUR'),
      'coupon-minimum',
    );
    assert.equal(couponRefusal({ percentOff: 10, minOrderAmount: 5000, currency: 'EUR' }, 5000, 'EUR'), null);
    assert.equal(couponRefusal({ percentOff: 10 }, 1, 'JPY'), null);
    assert.throws(
      () => couponDiscount(8700, 'NOK', { amountOff: 500, currency: 'EUR' }),
      (e) => isTillError(e, 'coupon-currency'),
    );
    assert.throws(
      () => couponDiscount(10, 'EUR', { percentOff: 10, minOrderAmount: 11, currency: 'EUR' }),
      (e) => isTillError(e, 'coupon-minimum'),
    );
  });

  it('refuse terms that are not a coupon', () => {
    for (const terms of [
      {},
      { percentOff: 10, amountOff: 5, currency: 'EUR' },
      { percentOff: 101 },
      { percentOff: -1 },
    ]) {
      assert.throws(
        () => couponDiscount(100, 'EUR', terms),
        (e) => isTillError(e, 'coupon-invalid'),
        JSON.stringify(terms),
      );
    }
    assert.throws(
      () => couponDiscount(100, 'EUR', { amountOff: -1, currency: 'EUR' }),
      (e) => isTillError(e, 'amount-invalid'),
    );
  });

  it('leave a total of Σ final_price − discount, and scale the VAT with it', () => {
    // 2 × A (40, −10 %) + B (10) with B1 (5), 25 % VAT included: 87.00, VAT 17.40
    const summary = summarize([
      { price: 4000, discount: 0.1, vat: 0.25, quantity: 2, currency: 'EUR' },
      { price: 1000, subProducts: [{ price: 500 }], vat: 0.25, quantity: 1, currency: 'EUR' },
    ]);
    assert.deepEqual(applyCoupon(summary, { percentOff: 10 }), {
      subtotal: 8700,
      discount: 870,
      total: 7830,
      vat: 1566,
      net: 6264,
    });
    assert.deepEqual(applyCoupon(summary, null), { subtotal: 8700, discount: 0, total: 8700, vat: 1740, net: 6960 });
    assert.equal(applyCoupon(summary, { percentOff: 100 }).total, 0);
    assert.equal(applyCoupon(summary, { percentOff: 100 }).vat, 0);
  });

  it('never take more than the total or leave a negative VAT (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.oneof(
          fc.record({ percentOff: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100) }),
          fc.record({ amountOff: fc.integer({ min: 0, max: 10 ** 12 }), currency: fc.constant('EUR') }),
        ),
        (total, vatSeed, terms) => {
          const vat = total === 0 ? 0 : vatSeed % (total + 1);
          const after = applyCoupon({ total, vat, currency: 'EUR' }, terms);
          return (
            after.discount >= 0 &&
            after.discount <= total &&
            after.total === total - after.discount &&
            after.vat >= 0 &&
            after.vat <= after.total &&
            after.net === after.total - after.vat
          );
        },
      ),
    );
  });
});
