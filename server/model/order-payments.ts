import type { OrderStatus } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { PAYABLE_SQL, type OrderRow } from './orders.ts';

/** Orders as a payment sees them: held while it runs, settled by its outcome, and the payments of each. */

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
