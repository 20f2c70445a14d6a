import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatMoney, fromMinor, isTillError, parseDecimal, toDecimalString, toMinor } from '../../src/core/index.ts';

describe('toMinor', () => {
  it('reads API numbers through their decimal string', () => {
    assert.equal(toMinor(3.14, 'EUR'), 314);
    assert.equal(toMinor(87, 'EUR'), 8700);
    assert.equal(toMinor(0.3, 'EUR'), 30);
    assert.equal(toMinor(578, 'NOK'), 57800);
    assert.equal(toMinor('12.34', 'EUR'), 1234);
    assert.equal(toMinor(1e3, 'EUR'), 100000);
  });

  it('keeps the float error of 0.1 + 0.2 out: it is refused, not rounded', () => {
    assert.equal(toMinor(0.1, 'EUR') + toMinor(0.2, 'EUR'), 30);
    assert.throws(
      () => toMinor(0.1 + 0.2, 'EUR'),
      (e) => isTillError(e, 'amount-precision'),
    );
  });

  it('follows each currency exponent: JPY and CLP whole, KWD three decimals', () => {
    assert.equal(toMinor(1500, 'JPY'), 1500);
    assert.equal(toMinor(29990, 'CLP'), 29990);
    assert.equal(toMinor(1.234, 'KWD'), 1234);
    assert.throws(
      () => toMinor(1.5, 'JPY'),
      (e) => isTillError(e, 'amount-precision') && e.field === 'amount',
    );
    assert.throws(
      () => toMinor(1.2345, 'KWD'),
      (e) => isTillError(e, 'amount-precision'),
    );
  });

  it('accepts trailing zeros beyond the exponent', () => {
    assert.equal(toMinor('87.000', 'EUR'), 8700);
    assert.equal(toMinor('1500.00', 'JPY'), 1500);
  });

  it('refuses what is not a finite amount', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, '', 'abc', '1,5', '0x10', '1e9999']) {
      assert.throws(
        () => toMinor(bad, 'EUR'),
        (e) => isTillError(e),
        String(bad),
      );
    }
    assert.throws(
      () => toMinor(1e300, 'EUR'),
      (e) => isTillError(e, 'amount-invalid'),
    );
  });

  it('reads exponent notation exactly', () => {
    assert.deepEqual(parseDecimal(1e21, 'x'), { digits: 10n ** 21n, scale: 0 });
    assert.deepEqual(parseDecimal(1.5e-7, 'x'), { digits: 15n, scale: 8 });
    assert.deepEqual(parseDecimal('-2.50', 'x'), { digits: -25n, scale: 1 });
  });
});

describe('fromMinor and toDecimalString', () => {
  it('write the API two-decimal (or exponent-decimal) number', () => {
    assert.equal(toDecimalString(8700, 'EUR'), '87.00');
    assert.equal(toDecimalString(5, 'EUR'), '0.05');
    assert.equal(toDecimalString(-5, 'EUR'), '-0.05');
    assert.equal(toDecimalString(1500, 'JPY'), '1500');
    assert.equal(toDecimalString(1234, 'KWD'), '1.234');
    assert.equal(fromMinor(314, 'EUR'), 3.14);
    assert.equal(JSON.stringify(fromMinor(8700, 'EUR')), '87');
  });

  it('refuses fractional minor units', () => {
    assert.throws(
      () => toDecimalString(1.5, 'EUR'),
      (e) => isTillError(e, 'amount-invalid'),
    );
  });

  it('round-trips every safe amount in every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'),
        (amount, currency) => {
          assert.equal(toMinor(fromMinor(amount, currency), currency), amount);
          assert.equal(toMinor(toDecimalString(amount, currency), currency), amount);
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it('formats for the locale and currency', () => {
    assert.equal(formatMoney({ amount: 8700, currency: 'EUR' }, 'en-US'), '€87.00');
    assert.equal(formatMoney({ amount: 123456, currency: 'NOK' }, 'nb-NO'), '1\u00a0234,56\u00a0kr');
    assert.equal(formatMoney({ amount: 1500, currency: 'JPY' }, 'ja-JP'), '￥1,500');
    const kwd = formatMoney({ amount: 1234, currency: 'KWD' }, 'ar-KW');
    assert.match(kwd, /١٫٢٣٤/);
    assert.match(kwd, /د\.ك/);
  });

  it('is exact beyond double precision', () => {
    assert.equal(formatMoney({ amount: 9007199254740991, currency: 'EUR' }, 'en-US'), '€90,071,992,547,409.91');
  });
});
