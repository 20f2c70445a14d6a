import type { Product } from '../../src/core/index.ts';

/** Products of the Orders documentation's worked example, in minor units. */
export const productA: Product = {
  id: 'productA',
  name: 'Product A',
  price: 4000,
  discount: 0.1,
  vat: 0.25,
  currency: 'EUR',
  subProducts: [],
};
export const productB: Product = {
  id: 'productB',
  name: 'Product B',
  price: 1000,
  discount: 0,
  vat: 0.25,
  currency: 'EUR',
  subProducts: ['subProductB1'],
};
export const subProductB1: Product = {
  id: 'subProductB1',
  name: 'Sub Product B1',
  price: 500,
  discount: 0,
  vat: 0.25,
  currency: 'EUR',
  mainProduct: false,
};
export const kronerProduct: Product = {
  id: 'nok',
  name: 'Norwegian DVD',
  price: 9900,
  discount: 0,
  vat: 0.25,
  currency: 'NOK',
};
