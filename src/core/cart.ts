import { TillError } from './errors.ts';
import { CURRENCY_MISMATCH } from './pricing.ts';

/**
 * The rules a cart line must keep before any request is made: one currency per order, and the four
 * rules of main and sub-products from BuiltOn's Products documentation:
 *
 *   1. Main products can have many sub-products.
 *   2. A sub-product can have many main (parent) products.
 *   3. A sub-product can not have any sub-products of its own.
 *   4. A sub-product can not be purchased without its parent product.
 *
 * The server applies the same functions to the products it reads, so both sides refuse alike.
 */
export interface ProductRef {
  readonly id: string;
  readonly name?: string;
  readonly currency: string;
  /** False for a sub-product. Defaults to true, as in the API. */
  readonly mainProduct?: boolean;
  /** Ids of the sub-products this product offers (`_sub_products`). */
  readonly subProducts?: readonly string[];
}

/** A product as the cart and the pricing rules see it: money in minor units, rates as decimals 0..1. */
export interface Product extends ProductRef {
  readonly name: string;
  readonly price: number;
  readonly discount: number;
  readonly vat: number;
  readonly image?: string | null;
  /** The product's id in another system (`external_reference`): a Bootic variant id, a SKU. */
  readonly ref?: string | null;
}

export function assertSameCurrency(current: string | null | undefined, next: string): void {
  if (current && current !== next) throw new TillError('currency-mismatch', CURRENCY_MISMATCH, 'currency');
}

/** Checks a main product and the sub-products chosen with it. */
export function assertSubProductChoice(product: ProductRef, chosen: readonly ProductRef[]): void {
  const label = product.name ?? product.id;
  if (product.mainProduct === false) {
    // Rule 4: a sub-product is bought only with a parent.
    throw new TillError('sub-product-alone', `${label} can only be bought together with a main product`, 'product');
  }
  const offered = new Set(product.subProducts ?? []);
  const seen = new Set<string>();
  for (const sub of chosen) {
    const subLabel = sub.name ?? sub.id;
    if (sub.mainProduct !== false || (sub.subProducts?.length ?? 0) > 0) {
      // Rule 3: what is chosen as an add-on must itself be a sub-product, with none of its own.
      throw new TillError(
        'sub-product-nested',
        `${subLabel} is not an add-on and can not be chosen as one`,
        'sub_products',
      );
    }
    if (!offered.has(sub.id)) {
      // Rules 1, 2 and 4: the sub-product must be one this parent offers (it may have other parents too).
      throw new TillError('sub-product-not-offered', `${subLabel} is not offered with ${label}`, 'sub_products');
    }
    if (seen.has(sub.id)) {
      throw new TillError('sub-product-duplicate', `${subLabel} is chosen more than once`, 'sub_products');
    }
    seen.add(sub.id);
    if (sub.currency !== product.currency) throw new TillError('currency-mismatch', CURRENCY_MISMATCH, 'currency');
  }
}
