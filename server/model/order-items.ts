import {
  TillError,
  assertSubProductChoice,
  lineKey,
  priceLine,
  summarize,
  type OrderSummary,
  type PricingLine,
  type ProductRef,
} from 'tillkit/core';
import type { Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { loadLinks } from './product-links.ts';
import { productsByIds, type ProductRow } from './products.ts';

/** An item of an order as asked for: a product, a quantity, sub-products, and an admin's own discount. */
export interface ItemRequest {
  readonly product: string;
  readonly quantity: number;
  readonly subs: readonly string[];
  readonly discount: string | undefined;
}

/** An order line as stored: a snapshot of the product when the order was made. */
export interface ItemSnapshot {
  readonly product: string;
  readonly quantity: number;
  readonly name: string;
  /** Minor units of `currency`, one unit, before discount, without sub-products. */
  readonly price: number;
  readonly discount: string;
  readonly vat: string;
  readonly currency: string;
  /** `(price + Σ sub prices) × (1 − discount) × quantity`, rounded once (core's `priceLine`). */
  readonly final_price: number;
  readonly sub_products: readonly { readonly id: string; readonly name: string; readonly price: number }[];
}

/** An item snapshot as core prices it (in another quantity for a partial return). */
export const pricingLine = (item: ItemSnapshot, quantity = item.quantity): PricingLine => ({
  price: item.price,
  subProducts: item.sub_products,
  discount: item.discount,
  vat: item.vat,
  quantity,
  currency: item.currency,
});

const ref = (row: ProductRow, subs: readonly string[]): ProductRef => ({
  id: row.id,
  name: row.name,
  currency: row.currency,
  mainProduct: row.main_product,
  subProducts: subs,
});

/** Runs a core check, putting the item's position in front of the field it names. */
function atItem<T>(index: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TillError && error.code !== 'currency-mismatch') {
      throw new TillError(error.code, error.message, `items[${index}].${error.field ?? 'product'}`);
    }
    throw error;
  }
}

/**
 * Prices a list of items against the catalogue: checks every product exists, the sub-product rules and
 * one currency, and returns the snapshots with core's totals. Throws 400s; writes nothing.
 */
export async function snapshotItems(
  db: Queryable,
  company: string,
  requests: readonly ItemRequest[],
): Promise<{ items: ItemSnapshot[]; summary: OrderSummary }> {
  const products = await productsByIds(
    db,
    company,
    requests.flatMap((r) => [r.product, ...r.subs]),
  );
  const mains = requests.map((r) => r.product).filter((id) => products.get(id)?.main_product);
  const links = await loadLinks(db, [...new Set(mains)]);
  const lines: PricingLine[] = [];
  const chosen: { row: ProductRow; subs: ProductRow[]; discount: string }[] = [];
  requests.forEach((r, i) => {
    const row = products.get(r.product);
    if (!row) throw badRequest('product-unknown', `No product with id ${r.product}`, `items[${i}].product`);
    const subs = r.subs.map((id, j) => {
      const sub = products.get(id);
      if (!sub) throw badRequest('product-unknown', `No product with id ${id}`, `items[${i}].sub_products[${j}]`);
      return sub;
    });
    atItem(i, () =>
      assertSubProductChoice(
        ref(row, links.subs.get(row.id) ?? []),
        subs.map((s) => ref(s, links.subs.get(s.id) ?? [])),
      ),
    );
    const discount = r.discount ?? row.discount;
    lines.push({
      price: row.price,
      subProducts: subs.map((s) => ({ price: s.price })),
      discount,
      vat: row.vat,
      quantity: r.quantity,
      currency: row.currency,
    });
    chosen.push({ row, subs, discount });
  });
  const summary = summarize(lines);
  const items = chosen.map(({ row, subs, discount }, i): ItemSnapshot => ({
    product: row.id,
    quantity: lines[i]!.quantity,
    name: row.name,
    price: row.price,
    discount,
    vat: row.vat,
    currency: row.currency,
    final_price: summary.lines[i]!.final,
    sub_products: subs.map((s) => ({ id: s.id, name: s.name, price: s.price })),
  }));
  return { items, summary };
}

/**
 * A partial return of a paid order (admin `PUT /orders/:id/items`): the body lists what the customer
 * keeps, each line naming a line of the order (same product and add-ons) with at most its quantity.
 * Lines left out are returned whole. Prices stay those paid (the snapshot), re-totalled by core.
 * Returning everything is a cancellation (`POST /orders/:id/cancel`), so the list can not be empty.
 */
export function returnItems(
  current: readonly ItemSnapshot[],
  requests: readonly ItemRequest[],
): { items: ItemSnapshot[]; summary: OrderSummary } {
  const kept = new Map<number, number>();
  requests.forEach((r, i) => {
    const index = current.findIndex(
      (item, j) =>
        !kept.has(j) &&
        lineKey(
          item.product,
          item.sub_products.map((s) => s.id),
        ) === lineKey(r.product, r.subs),
    );
    if (index < 0) {
      throw badRequest(
        'return-invalid',
        `items[${i}] is not a line of this order (a return can only keep or reduce its lines)`,
        `items[${i}].product`,
      );
    }
    if (r.quantity > current[index]!.quantity) {
      throw badRequest(
        'return-invalid',
        `items[${i}].quantity can not be more than the ${current[index]!.quantity} bought`,
        `items[${i}].quantity`,
      );
    }
    kept.set(index, r.quantity);
  });
  const items = current.flatMap((item, j): ItemSnapshot[] => {
    const quantity = kept.get(j);
    if (quantity === undefined) return [];
    const { final } = priceLine(pricingLine(item, quantity));
    return [{ ...item, quantity, final_price: final }];
  });
  return { items, summary: summarize(items.map((item) => pricingLine(item))) };
}
