import { PAYABLE_STATUSES, type DiscountedTotals, type OrderStatus, type OrderSummary } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { likePattern, pagedQuery, sortClause } from '../db/paged.ts';
import { type HttpError, conflict, notFound } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import type { Json } from '../http/json.ts';
import type { CouponSnapshot } from './coupons.ts';
import type { ItemSnapshot } from './order-items.ts';

/** Seed 001's delivery statuses, and `ACCEPTED`, which its examples and the official SDK use. */
export const DELIVERY_STATUSES = [
  'CREATED',
  'ACCEPTED',
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
  /** The coupon the order names, the terms it was priced with, and what they took off (migration 004). */
  readonly coupon_id: string | null;
  readonly coupon: CouponSnapshot | null;
  readonly discount_amount: number;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** Who the order routes act for: one user, or (admin) every user of the company. */
export interface Scope {
  readonly company: string;
  /** null for an admin. */
  readonly userId: string | null;
}

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

const JSON_COLUMNS = new Set(['delivery_address', 'billing_address', 'pickup_address', 'resources', 'items', 'coupon']);

/** `column = $n` for each field; JSON columns as JSONB. */
function assignments(q: Params, fields: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(fields).map(([column, value]) =>
    JSON_COLUMNS.has(column) && value !== null ? `${column} = ${q.json(value)}` : `${column} = ${q.add(value)}`,
  );
}

/**
 * Held by a payment at work: a call in flight or unsettled, or the customer authenticating. The order can
 * not change then (the amount being paid must stay the order's total) nor be cancelled; after a decline
 * it can, and the next payment attempt gives up the declined intent for a new one.
 */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM payment_orders po JOIN payments p ON p.id = po.payment_id
   WHERE po.order_id = orders.id AND po.holds AND p.current_state IN ('processing', 'requires_action'))`;

/** One order the caller may see: their own, or any of the company's for an admin; `open`: still payable. */
function whereOrder(q: Params, scope: Scope, id: string, open = false): string {
  return (
    `company_id = ${q.add(scope.company)} AND id = ${q.add(id)}` +
    (open ? ` AND order_status IN ${PAYABLE_SQL} AND ${NOT_HELD}` : '') +
    (scope.userId === null ? '' : ` AND user_id = ${q.add(scope.userId)}`)
  );
}

export async function findOrder(db: Queryable, scope: Scope, id: string): Promise<OrderRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const q = new Params();
  const [row] = await db.query<OrderRow>(`SELECT * FROM orders WHERE ${whereOrder(q, scope, id)}`, q.values);
  return row;
}

const ORDER_SORTS: Readonly<Record<string, string>> = {
  created: 'o.created',
  modified: 'o.modified',
  delivery_time: 'o.delivery_time',
  total_amount: 'o.total_amount',
  human_id: 'o.human_id',
  order_status: 'o.order_status',
};

export interface OrderFilter {
  /** An admin's `?user=`: one user's orders. */
  readonly user: string | undefined;
  readonly dateColumn: 'created' | 'delivery';
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly orderStatus: string | undefined;
  readonly deliveryStatus: string | undefined;
  /** A search: the human id or id exactly, or part of the customer's name or email. */
  readonly text: string | undefined;
  /** `created`, `-total_amount`, …: 400 for another. */
  readonly sort: string;
}

/** A page of the orders the scope sees, and how many there are. */
export function listOrders(
  db: Queryable,
  scope: Scope,
  f: OrderFilter,
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: OrderRow[]; total: number }> {
  const q = new Params();
  const where = [`o.company_id = ${q.add(scope.company)}`];
  if (scope.userId !== null) where.push(`o.user_id = ${q.add(scope.userId)}`);
  else if (f.user) where.push(`o.user_id = ${q.add(f.user)}`);
  const column = f.dateColumn === 'delivery' ? 'o.delivery_time' : 'o.created';
  if (f.from !== undefined) where.push(`${column} >= ${q.add(f.from)}`);
  if (f.to !== undefined) where.push(`${column} <= ${q.add(f.to)}`);
  if (f.orderStatus) where.push(`o.order_status = ${q.add(f.orderStatus)}`);
  if (f.deliveryStatus) where.push(`o.delivery_status = ${q.add(f.deliveryStatus)}`);
  if (f.text !== undefined) {
    const pattern = q.add(likePattern(f.text));
    const exact = q.add(f.text);
    where.push(`(o.human_id = upper(${exact}) OR o.id = lower(${exact})
      OR u.first_name ILIKE ${pattern} OR u.last_name ILIKE ${pattern} OR u.email ILIKE ${pattern}
      OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${pattern})`);
  }
  const orderBy = sortClause(f.sort, ORDER_SORTS, 'o.id');
  return pagedQuery<OrderRow>(
    db,
    q,
    { select: 'o.*', from: 'orders o JOIN users u ON u.id = o.user_id', where: where.join(' AND '), orderBy },
    page,
  );
}

/**
 * Sets `fields` of an order the scope may change and that is still payable; when nothing matched, says
 * why: 404 (not the caller's) or 409 (paid, cancelled, being paid).
 */
export async function updateOpenOrder(
  db: Queryable,
  scope: Scope,
  id: string,
  fields: Readonly<Record<string, unknown>>,
): Promise<OrderRow> {
  const q = new Params();
  const sets = assignments(q, fields).join(', ');
  const [row] = await db.query<OrderRow>(
    `UPDATE orders SET ${sets} WHERE ${whereOrder(q, scope, id, true)} RETURNING *`,
    q.values,
  );
  if (row) return row;
  const found = await findOrder(db, scope, id);
  if (!found) throw notFound('Order');
  throw closedOrder(found.order_status);
}

/** One order of the company, locked for the transaction's changes. */
export async function lockOrder(tx: Queryable, company: string, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.query<OrderRow>(`SELECT * FROM orders WHERE company_id = $1 AND id = $2 FOR UPDATE`, [
    company,
    id,
  ]);
  return row;
}

/** A paid order's items after a partial return, re-totalled by core (its coupon's terms kept: `totals`). */
export async function replaceItems(
  tx: Queryable,
  id: string,
  items: readonly ItemSnapshot[],
  summary: OrderSummary,
  totals: DiscountedTotals,
  at: number,
): Promise<OrderRow> {
  const [row] = await tx.query<OrderRow>(
    `UPDATE orders SET items = $2::jsonb, total_amount = $3, total_vat = $4, total_quantity = $5, units = $6, modified = $7,
            discount_amount = $8
      WHERE id = $1 RETURNING *`,
    [id, JSON.stringify(items), totals.total, totals.vat, summary.totalQuantity, summary.units, at, totals.discount],
  );
  return row!;
}

/** An order's delivery status, whatever its order status (an admin's: delivery follows payment). */
export async function setDeliveryStatus(
  db: Queryable,
  company: string,
  id: string,
  status: string,
  at: number,
): Promise<OrderRow | undefined> {
  const [row] = await db.query<OrderRow>(
    `UPDATE orders SET delivery_status = $3, modified = $4 WHERE company_id = $1 AND id = $2 RETURNING *`,
    [company, id, status, at],
  );
  return row;
}

/** A paid order returned in full: CANCELLED. */
export async function cancelPaidOrder(tx: Queryable, id: string, at: number): Promise<OrderRow> {
  const [row] = await tx.query<OrderRow>(
    `UPDATE orders SET order_status = 'CANCELLED', modified = $2 WHERE id = $1 RETURNING *`,
    [id, at],
  );
  return row!;
}
