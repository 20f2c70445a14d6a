import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CURRENCIES, currencyExponent, isCurrencyCode, isTillError } from '../../src/core/index.ts';

describe('currency', () => {
  it('knows the minor unit of the currencies the docs use', () => {
    assert.equal(currencyExponent('EUR'), 2);
    assert.equal(currencyExponent('NOK'), 2);
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('CLP'), 0);
    assert.equal(currencyExponent('KWD'), 3);
    assert.equal(currencyExponent('CLF'), 4);
  });

  it('lists every code once, each three capital letters', () => {
    assert.ok(CURRENCIES.length > 150);
    assert.equal(new Set(CURRENCIES).size, CURRENCIES.length);
    for (const code of CURRENCIES) assert.match(code, /^[A-Z]{3}$/);
  });

  it('agrees with Intl on every code Intl and ISO agree are ordinary', () => {
    // Intl (CLDR) rounds some currencies for cash display; ISO 4217 is authoritative. Spot-check codes
    // where both are documented to match.
    for (const code of ['USD', 'GBP', 'SEK', 'KRW', 'BHD', 'TND', 'VND']) {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits;
      assert.equal(currencyExponent(code), digits, code);
    }
  });

  it('refuses an unknown code with a clear error', () => {
    assert.throws(
      () => currencyExponent('EURO'),
      (e) => isTillError(e, 'currency-unknown') && /EURO/.test(e.message),
    );
    assert.throws(
      () => currencyExponent('eur'),
      (e) => isTillError(e, 'currency-unknown'),
    );
    assert.throws(
      () => currencyExponent('XAU'),
      (e) => isTillError(e, 'currency-unknown'),
    );
    assert.equal(isCurrencyCode('ABC'), false);
    assert.equal(isCurrencyCode('EUR'), true);
  });
});
