import {
  PAYABLE_STATUSES,
  TillError,
  isJsonObject,
  assertQuantity,
  assertSubProductChoice,
  priceLine,
  summarize,
  type OrderStatus,
  type OrderSummary,
  type PricingLine,
  type ProductRef,
} from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { HttpError, badRequest, conflict } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { date, money, oid, optionalDate, rate, type Json } from '../http/json.ts';
import { idValue } from '../http/validate.ts';
import { loadLinks, productsByIds, rateText, type ProductRow } from './products.ts';

export const DELIVERY_STATUSES = [
  'CREATED',
  'PENDING',
  'PROCESSING',
  'ASSIGNING',
  'PICKUP_STARTED',
  'PICKUP_ARRIVED',
  'DROPOFF_STARTED',
  'DROPOFF_ARRIVED',
  'CANCELLED',
  'DONE',
  'UNKNOWN',
  'QUEUED',
] as const;

/** Core's statuses in which an order may be paid, changed or cancelled, as an SQL list: `('CREATED', …)`. */
export const PAYABLE_SQL = `(${PAYABLE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Why an order that is not payable can not be changed or paid: 409 by its status. */
export function closedOrder(status: string): HttpError {
  switch (status) {
    case 'SUCCESS':
      return conflict('order-paid', 'This order is paid and can no longer be changed', 'order_status');
    case 'CANCELLED':
      return conflict('order-cancelled', 'This order is cancelled', 'order_status');
    default:
      return conflict('payment-in-progress', 'A payment for this order is in progress', 'order_status');
  }
}

/** Locks the company's orders among `ids`, in id order (so two payments can not deadlock). */
export function lockOrders(tx: Queryable, company: string, ids: readonly string[]): Promise<OrderRow[]> {
  const q = new Params();
  return tx.query<OrderRow>(
    `SELECT * FROM orders WHERE company_id = ${q.add(company)} AND id IN (SELECT jsonb_array_elements_text(${q.json(ids)}))
      ORDER BY id FOR UPDATE`,
    q.values,
  );
}

/** Moves the payable ones of `ids` to PROCESSING: a payment holds them. */
export async function markProcessing(tx: Queryable, ids: readonly string[], at: number): Promise<void> {
  const q = new Params();
  await tx.query(
    `UPDATE orders SET order_status = 'PROCESSING', modified = ${q.add(at)}
      WHERE id IN (SELECT jsonb_array_elements_text(${q.json(ids)})) AND order_status IN ${PAYABLE_SQL}`,
    q.values,
  );
}

/** Ends the PROCESSING orders among `ids` in `status`; a paid order keeps the processor's charge id. */
export function settleProcessing(
  tx: Queryable,
  ids: readonly string[],
  status: OrderStatus,
  at: number,
  chargeId: string | null,
): Promise<OrderRow[]> {
  return tx.query<OrderRow>(
    `UPDATE orders SET order_status = $2, modified = $3, stripe_charge_id = CASE WHEN $2 = 'SUCCESS' THEN $4 ELSE stripe_charge_id END
      WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND order_status = 'PROCESSING'
      RETURNING *`,
    [JSON.stringify(ids), status, at, chargeId],
  );
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

export interface OrderRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly human_id: string;
  readonly currency: string;
  readonly items: ItemSnapshot[];
  readonly total_amount: number;
  readonly total_vat: number;
  readonly total_quantity: number;
  readonly units: number;
  readonly order_status: OrderStatus;
  readonly delivery_status: string;
  readonly delivery_address: Json | null;
  readonly billing_address: Json | null;
  readonly pickup_address: Json | null;
  readonly delivery_time: number | null;
  readonly pickup_time: number | null;
  readonly note: string;
  readonly resources: Json[];
  readonly btn_ref: string | null;
  readonly stripe_charge_id: string | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

export const MAX_ITEMS = 100;
const MAX_SUBS = 20;

export interface ItemRequest {
  readonly product: string;
  readonly quantity: number;
  readonly subs: readonly string[];
  readonly discount: string | undefined;
}

export function readItems(value: unknown, admin: boolean): ItemRequest[] {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('items-invalid', 'items must be a non-empty list', 'items');
  if (value.length > MAX_ITEMS) throw badRequest('items-invalid', `An order has at most ${MAX_ITEMS} items`, 'items');
  return value.map((item: unknown, i) => {
    const at = `items[${i}]`;
    if (!isJsonObject(item)) throw badRequest('type-invalid', `${at} must be an object`, at);
    const product = idValue(item.product);
    if (!isObjectId(product)) {
      throw badRequest('product-unknown', `${at}.product must be a product id`, `${at}.product`);
    }
    assertQuantity(item.quantity, `${at}.quantity`);
    const rawSubs = item.sub_products ?? [];
    if (!Array.isArray(rawSubs) || rawSubs.length > MAX_SUBS) {
      throw badRequest(
        'type-invalid',
        `${at}.sub_products must be a list of at most ${MAX_SUBS} product ids`,
        `${at}.sub_products`,
      );
    }
    const subs = rawSubs.map((s: unknown, j) => {
      const id = isJsonObject(s) && s._id !== undefined ? idValue(s._id) : idValue(s);
      if (!isObjectId(id))
        throw badRequest(
          'product-unknown',
          `${at}.sub_products[${j}] must be a product id`,
          `${at}.sub_products[${j}]`,
        );
      return id;
    });
    // Prices and discounts come from the catalogue. Only an admin may give a line its own discount; a
    // customer's client echoing an earlier answer's `discount` back is not an error, and is ignored.
    let discount: string | undefined;
    if (admin && item.discount !== undefined && item.discount !== null) {
      discount = rateText(item.discount, `${at}.discount`);
    }
    return { product, quantity: item.quantity, subs, discount };
  });
}

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
  rawItems: unknown,
  admin: boolean,
): Promise<{ items: ItemSnapshot[]; summary: OrderSummary }> {
  const requests = readItems(rawItems, admin);
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
  rawItems: unknown,
): { items: ItemSnapshot[]; summary: OrderSummary } {
  const requests = readItems(rawItems, true);
  const key = (product: string, subs: readonly string[]) => `${product}+${[...subs].sort().join('+')}`;
  const kept = new Map<number, number>();
  requests.forEach((r, i) => {
    const index = current.findIndex(
      (item, j) =>
        !kept.has(j) &&
        key(
          item.product,
          item.sub_products.map((s) => s.id),
        ) === key(r.product, r.subs),
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

const itemJson = (item: ItemSnapshot): Json => ({
  product: oid(item.product),
  quantity: item.quantity,
  name: item.name,
  price: money(item.price, item.currency),
  final_price: money(item.final_price, item.currency),
  discount: rate(item.discount),
  vat: rate(item.vat),
  currency: item.currency,
  sub_products: item.sub_products.map((s) => ({ _id: oid(s.id), name: s.name, price: money(s.price, item.currency) })),
});

/** Seed 001's order object. `payments` lists the payment attempts made for it. */
export function orderJson(row: OrderRow, payments: readonly string[]): Json {
  return {
    _id: oid(row.id),
    human_id: row.human_id,
    company: oid(row.company_id),
    user: oid(row.user_id),
    currency: row.currency,
    items: row.items.map(itemJson),
    total_amount: money(row.total_amount, row.currency),
    total_quantity: row.total_quantity,
    units: row.units,
    top_up_amount: money(0, row.currency),
    top_up_vat: 0,
    order_status: row.order_status,
    delivery_status: row.delivery_status,
    delivery_address: row.delivery_address,
    billing_address: row.billing_address,
    pickup_address: row.pickup_address ?? undefined,
    delivery_time: optionalDate(row.delivery_time),
    pickup_time: row.pickup_time === null ? undefined : date(row.pickup_time),
    note: row.note,
    resources: row.resources,
    deliveries: [],
    payments: payments.map(oid),
    btn_ref: row.btn_ref ?? undefined,
    stripe_charge_id: row.stripe_charge_id ?? undefined,
    override_company_take: -1,
    deleted: false,
    created: date(row.created),
    modified: date(row.modified),
  };
}

/** The payment ids of each order, oldest first. */
export async function paymentsOf(db: Queryable, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const byOrder = new Map<string, string[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db.query<{ order_id: string; payment_id: string }>(
    `SELECT po.order_id, po.payment_id FROM payment_orders po JOIN payments p ON p.id = po.payment_id
      WHERE po.order_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY p.created, p.id`,
    [JSON.stringify(orderIds)],
  );
  for (const { order_id, payment_id } of rows)
    (byOrder.get(order_id) ?? byOrder.set(order_id, []).get(order_id)!).push(payment_id);
  return byOrder;
}
