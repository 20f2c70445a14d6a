import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertSameCurrency, assertSubProductChoice, isTillError, type ProductRef } from '../../src/core/index.ts';

const dvd: ProductRef = { id: 'dvd', name: 'Alien (1979)', currency: 'EUR', subProducts: ['sleeve', 'wrap'] };
const boxSet: ProductRef = { id: 'box', name: 'Box set', currency: 'EUR', subProducts: ['wrap'] };
const sleeve: ProductRef = { id: 'sleeve', name: "Collector's sleeve", currency: 'EUR', mainProduct: false };
const wrap: ProductRef = { id: 'wrap', name: 'Gift wrap', currency: 'EUR', mainProduct: false };

describe('sub-product rules', () => {
  it('rule 1: a main product takes several of its sub-products', () => {
    assert.doesNotThrow(() => assertSubProductChoice(dvd, [sleeve, wrap]));
  });

  it('rule 2: a sub-product goes with any of its parents', () => {
    assert.doesNotThrow(() => assertSubProductChoice(dvd, [wrap]));
    assert.doesNotThrow(() => assertSubProductChoice(boxSet, [wrap]));
  });

  it('rule 3: a sub-product with sub-products of its own, or a main product, is not an add-on', () => {
    const nested: ProductRef = { ...sleeve, subProducts: ['wrap'] };
    assert.throws(
      () => assertSubProductChoice({ ...dvd, subProducts: ['sleeve'] }, [nested]),
      (e) => isTillError(e, 'sub-product-nested'),
    );
    assert.throws(
      () => assertSubProductChoice({ ...dvd, subProducts: ['box'] }, [boxSet]),
      (e) => isTillError(e, 'sub-product-nested') && e.field === 'sub_products',
    );
  });

  it('rule 4: a sub-product is never bought alone, nor with a product that does not offer it', () => {
    assert.throws(
      () => assertSubProductChoice(sleeve, []),
      (e) => isTillError(e, 'sub-product-alone') && /Collector's sleeve/.test(e.message),
    );
    assert.throws(
      () => assertSubProductChoice(boxSet, [sleeve]),
      (e) => isTillError(e, 'sub-product-not-offered') && /not offered with Box set/.test(e.message),
    );
  });

  it('refuses the same add-on twice and an add-on in another currency', () => {
    assert.throws(
      () => assertSubProductChoice(dvd, [wrap, wrap]),
      (e) => isTillError(e, 'sub-product-duplicate'),
    );
    assert.throws(
      () => assertSubProductChoice(dvd, [{ ...wrap, currency: 'NOK' }]),
      (e) => isTillError(e, 'currency-mismatch'),
    );
  });
});

describe('one currency per order', () => {
  it('accepts the first currency and the same again', () => {
    assert.doesNotThrow(() => assertSameCurrency(null, 'EUR'));
    assert.doesNotThrow(() => assertSameCurrency('EUR', 'EUR'));
  });

  it('refuses another with the documented message', () => {
    assert.throws(
      () => assertSameCurrency('EUR', 'NOK'),
      (e) =>
        isTillError(e, 'currency-mismatch') && e.message === 'An order can not have products with different currencies',
    );
  });
});
