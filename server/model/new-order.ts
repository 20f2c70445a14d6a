import type { OrderSummary } from 'tillkit/core';
import type { Params } from '../db/database.ts';
import { objectId } from '../http/ids.ts';
import type { ItemSnapshot } from './order-items.ts';
import type { OrderRow } from './orders.ts';

/**
 * A new order, written in one statement with its request's Idempotency-Key (`writeWithKey`): the row is
 * known whole before it is written, so the answer kept with it is the order as stored.
 */

/** Every column of `orders` and its type, in the order `INSERT` lists them. */
const ORDER_COLUMNS = {
  id: 'text',
  company_id: 'text',
  user_id: 'text',
  human_id: 'text',
  currency: 'text',
  items: 'jsonb',
  total_amount: 'bigint',
  total_vat: 'bigint',
  total_quantity: 'int',
  units: 'int',
  order_status: 'text',
  delivery_status: 'text',
  delivery_address: 'jsonb',
  billing_address: 'jsonb',
  pickup_address: 'jsonb',
  delivery_time: 'bigint',
  pickup_time: 'bigint',
  note: 'text',
  resources: 'jsonb',
  btn_ref: 'text',
  stripe_charge_id: 'text',
  coupon_id: 'text',
  coupon: 'jsonb',
  discount_amount: 'bigint',
  created: 'bigint',
  modified: 'bigint',
} as const;

/** The unique index of an order's `human_id` in its company. */
export const ORDER_HUMAN_ID = 'orders_company_id_human_id_key';

/**
 * A new order as it will be stored, every column given (the table's defaults too), priced by core:
 * what `insertOrderSql` writes and what the answer shows, known before it is written.
 */
export function newOrderRow(
  order: { readonly company: string; readonly userId: string; readonly items: readonly ItemSnapshot[] },
  summary: OrderSummary,
  fields: Readonly<Record<string, unknown>>,
  at: number,
  code: string,
): OrderRow {
  const row = {
    id: objectId(at),
    company_id: order.company,
    user_id: order.userId,
    human_id: code,
    currency: summary.currency,
    items: [...order.items],
    total_amount: summary.total,
    total_vat: summary.vat,
    total_quantity: summary.totalQuantity,
    units: summary.units,
    order_status: 'CREATED',
    delivery_status: 'PENDING',
    delivery_address: null,
    billing_address: null,
    pickup_address: null,
    delivery_time: null,
    pickup_time: null,
    note: '',
    resources: [],
    btn_ref: null,
    stripe_charge_id: null,
    coupon_id: null,
    coupon: null,
    discount_amount: 0,
    ...fields,
    created: at,
    modified: at,
  };
  return row as OrderRow;
}

/**
 * The INSERT of a new order (`newOrderRow`) for a statement of its own (`writeWithKey`), when `gate`
 * holds. A plain INSERT: a `human_id` already taken aborts the statement (`ORDER_HUMAN_ID`).
 */
export function insertOrderSql(q: Params, row: OrderRow, gate: string): string {
  const columns = Object.keys(ORDER_COLUMNS) as (keyof typeof ORDER_COLUMNS)[];
  return `INSERT INTO orders (${columns.join(', ')})
     SELECT ${columns.map((column) => q.typed(row[column], ORDER_COLUMNS[column])).join(', ')} WHERE ${gate}
     RETURNING id`;
}
