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
import { Params, type Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import type { ProductRow } from './products.ts';

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
 * The company's products among `ids` (not deleted), each with the sub-products it offers (not deleted,
 * in the order they were offered), in one statement.
 */
async function productsOffering(
  db: Queryable,
  company: string,
  ids: readonly string[],
): Promise<Map<string, ProductRow & { readonly offered: string[] }>> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (valid.length === 0) return new Map();
  const q = new Params();
  const rows = await db.query<ProductRow & { offered: string[] }>(
    `SELECT p.*, COALESCE((SELECT jsonb_agg(l.sub_id ORDER BY l.created, l.sub_id)
                             FROM product_links l JOIN products s ON s.id = l.sub_id
                            WHERE l.parent_id = p.id AND NOT s.deleted), '[]'::jsonb) AS offered
       FROM products p
      WHERE p.company_id = ${q.add(company)} AND p.id = ANY(${q.texts(valid)})
        AND NOT p.deleted`,
    q.values,
  );
  return new Map(rows.map((r) => [r.id, r]));
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
  const products = await productsOffering(
    db,
    company,
    requests.flatMap((r) => [r.product, ...r.subs]),
  );
  const lines: PricingLine[] = [];
  const chosen: { row: ProductRow; subs: readonly ProductRow[]; discount: string }[] = [];
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
        ref(row, row.offered),
        subs.map((s) => ref(s, s.offered)),
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
