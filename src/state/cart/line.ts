import { lineKey, type OrderSummary, type Product } from '../../core/index.ts';

/** A sub-product chosen with a line, as it was when added. */
export interface CartSubProduct {
  readonly id: string;
  readonly name: string;
  readonly price: number;
  readonly discount?: number;
  readonly vat?: number;
  readonly ref?: string | null;
}

/**
 * One line of the cart: a snapshot of the product when it was added (money in minor units), its
 * quantity and the sub-products chosen with it. A line is also a `PricingLine`, so the summary
 * prices the lines as they are, with no copying.
 */
export interface CartLine {
  /** Identifies the line: the product and its chosen sub-products (core's `lineKey`). */
  readonly key: string;
  readonly productId: string;
  readonly name: string;
  readonly price: number;
  readonly discount: number;
  readonly vat: number;
  readonly currency: string;
  readonly image: string | null;
  /** The product's id in another system (a Bootic variant id), when it has one. */
  readonly ref: string | null;
  readonly quantity: number;
  readonly subProducts: readonly CartSubProduct[];
}

/** The cart as it is charged: deep-frozen, so nothing can change what a payment sees. */
export interface CartSnapshot {
  readonly lines: readonly CartLine[];
  readonly summary: OrderSummary;
}

/** A new line: `quantity` of `product` with the sub-products chosen, copied as they are now. */
export const newLine = (product: Product, quantity: number, subProducts: readonly Product[]): CartLine => ({
  key: lineKey(
    product.id,
    subProducts.map((s) => s.id),
  ),
  productId: product.id,
  name: product.name,
  price: product.price,
  discount: product.discount,
  vat: product.vat,
  currency: product.currency,
  image: product.image ?? null,
  ref: product.ref ?? null,
  quantity,
  subProducts: subProducts.map(({ id, name, price, discount, vat, ref }) => ({
    id,
    name,
    price,
    discount,
    vat,
    ref: ref ?? null,
  })),
});

/** Freezes the lines and the summary the customer saw, down to every sub-product. */
export function snapshotOf(lines: readonly CartLine[], summary: OrderSummary): CartSnapshot {
  const frozenLines = lines.map((l) =>
    Object.freeze({ ...l, subProducts: Object.freeze(l.subProducts.map((s) => Object.freeze({ ...s }))) }),
  );
  return Object.freeze({
    lines: Object.freeze(frozenLines),
    summary: Object.freeze({ ...summary, lines: Object.freeze(summary.lines.map((l) => Object.freeze(l))) }),
  });
}
