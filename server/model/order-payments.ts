import type { OrderStatus } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { PAYABLE_SQL, type OrderRow } from './orders.ts';
import type { PaymentRow } from './payments.ts';

/**
 * Orders as a payment holds and settles them (`payment_orders`). While a payment is open it holds its
 * orders (`holds`), and a partial unique index lets one payment only hold an order at a time: that is the
 * rule "an order is held by at most one open PaymentIntent", kept by the schema.
 */

/**
 * Locks the company's orders among `ids`, in id order (so two payments can not deadlock), each with the
 * payment holding it (`holder_id`) as the statement's snapshot saw it. That snapshot is taken before
 * the lock is waited for: a holder another transaction committed meanwhile may be missing (that payment
 * left the order PROCESSING, or its hold is refused by the index `payment_orders_one_open`): `holdersOf`
 * reads them anew.
 */
export function lockOrders(
  tx: Queryable,
  company: string,
  ids: readonly string[],
): Promise<(OrderRow & { readonly holder_id: string | null })[]> {
  const q = new Params();
  return tx.query<OrderRow & { holder_id: string | null }>(
    `SELECT o.*, (SELECT po.payment_id FROM payment_orders po WHERE po.order_id = o.id AND po.holds) AS holder_id
       FROM orders o
      WHERE o.company_id = ${q.add(company)} AND o.id = ANY(${q.texts(ids)})
      ORDER BY o.id FOR UPDATE OF o`,
    q.values,
  );
}

/** The unique index of an order's one open payment. */
export const ONE_OPEN_PAYMENT = 'payment_orders_one_open';

/** The open payments holding any of these orders, locked. */
export function holdersOf(tx: Queryable, orderIds: readonly string[]): Promise<PaymentRow[]> {
  const q = new Params();
  return tx.query<PaymentRow>(
    `SELECT * FROM payments WHERE id IN (
        SELECT payment_id FROM payment_orders WHERE holds AND order_id = ANY(${q.texts(orderIds)}))
      ORDER BY id FOR UPDATE`,
    q.values,
  );
}

/** The ids of the orders a payment is for, sorted. */
export async function orderIdsOf(tx: Queryable, paymentId: string): Promise<string[]> {
  const rows = await tx.query<{ order_id: string }>(
    `SELECT order_id FROM payment_orders WHERE payment_id = $1 ORDER BY order_id`,
    [paymentId],
  );
  return rows.map((r) => r.order_id);
}

/**
 * An attempt starts: the payment's orders become PROCESSING, each remembering the status it had (which a
 * pending authentication gives back).
 */
export async function markProcessing(tx: Queryable, paymentId: string, at: number): Promise<void> {
  await tx.query(
    `UPDATE payment_orders po SET prior_status = o.order_status FROM orders o
      WHERE po.payment_id = $1 AND o.id = po.order_id AND o.order_status IN ${PAYABLE_SQL}`,
    [paymentId],
  );
  await tx.query(
    `UPDATE orders SET order_status = 'PROCESSING', modified = $2
      WHERE id IN (SELECT order_id FROM payment_orders WHERE payment_id = $1) AND order_status IN ${PAYABLE_SQL}`,
    [paymentId, at],
  );
}

/**
 * The orders' status once the payment's attempt ended: `status`, or (null) the status each had before it
 * (a pending authentication leaves the order payable as it was). Orders PROCESSING change, and for a
 * status also payable ones (a failed authentication makes a CREATED order DECLINED; an order set back
 * by hand is paid all the same); paid or cancelled ones never. Returns the orders changed.
 */
export function settleOrders(
  tx: Queryable,
  paymentId: string,
  status: OrderStatus | null,
  at: number,
  chargeId: string | null,
): Promise<OrderRow[]> {
  const q = new Params();
  return tx.query<OrderRow>(settleOrdersSql(q, paymentId, status, at, chargeId), q.values);
}

/** The UPDATE of `settleOrders` (its parameters added to `q`), `RETURNING o.*`; `where` narrows it. */
export function settleOrdersSql(
  q: Params,
  paymentId: string,
  status: OrderStatus | null,
  at: number,
  chargeId: string | null,
  where = 'TRUE',
): string {
  const from = status === null ? `('PROCESSING')` : `('PROCESSING', ${PAYABLE_SQL.slice(1)}`;
  const to = q.add(status);
  return `UPDATE orders o SET order_status = COALESCE(${to}::text, po.prior_status, 'CREATED'), modified = ${q.add(at)}::bigint,
            stripe_charge_id = CASE WHEN ${to}::text = 'SUCCESS' THEN ${q.add(chargeId)}::text ELSE o.stripe_charge_id END
       FROM payment_orders po
      WHERE po.payment_id = ${q.add(paymentId)} AND o.id = po.order_id AND o.order_status IN ${from} AND ${where}
      RETURNING o.*`;
}

/** The UPDATE of `releaseOrders` (its parameters added to `q`); `where` narrows it. */
export const releaseOrdersSql = (q: Params, paymentId: string, where = 'TRUE') =>
  `UPDATE payment_orders SET holds = FALSE WHERE payment_id = ${q.add(paymentId)} AND holds AND ${where}`;

/** The payment is over (paid, canceled, failed): it holds its orders no more. */
export async function releaseOrders(tx: Queryable, paymentId: string): Promise<void> {
  const q = new Params();
  await tx.query(releaseOrdersSql(q, paymentId), q.values);
}

/** The payment ids of each order, oldest first. */
export async function paymentsOf(db: Queryable, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const byOrder = new Map<string, string[]>();
  if (orderIds.length === 0) return byOrder;
  const q = new Params();
  const rows = await db.query<{ order_id: string; payment_id: string }>(
    `SELECT po.order_id, po.payment_id FROM payment_orders po JOIN payments p ON p.id = po.payment_id
      WHERE po.order_id = ANY(${q.texts(orderIds)}) ORDER BY p.created, p.id`,
    q.values,
  );
  for (const { order_id, payment_id } of rows)
    (byOrder.get(order_id) ?? byOrder.set(order_id, []).get(order_id)!).push(payment_id);
  return byOrder;
}
