import type { OrderStatus } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { releaseOrdersSql, settleOrdersSql } from './order-payments.ts';
import type { OrderRow } from './orders.ts';
import { completeCallSql, type CallAnswer } from './payment-calls.ts';
import { stateChangeSql, type StateChange } from './payment-state.ts';
import { TERMINAL_STATES, type PaymentRow } from './payments.ts';

/** How an attempt of a payment ended, as one write: the payment's state, its orders', the call's answer. */
export interface Settlement {
  /** The payment's new state; its lease is let go with it. */
  readonly change: Omit<StateChange, 'lease'>;
  /** The orders' new status, or null: back to what each had before the attempt. */
  readonly orders: OrderStatus | null;
  /** The processor's successful charge, kept on the orders (SUCCESS). */
  readonly chargeId?: string | null;
  /** The payment is over: it holds its orders no more. */
  readonly release: boolean;
  /** The call this answers: recorded only while still pending, and nothing else is written otherwise. */
  readonly call?: { readonly id: string; readonly answer: CallAnswer };
}

/**
 * Writes a settlement in ONE statement, in the caller's transaction (which holds the orders' and the
 * payment's locks): the call's answer, the payment's state, the orders' statuses, the holds let go, each
 * gated on the one before, so that a call another process recorded first changes nothing. Returns the
 * payment as stored and the orders it changed, or undefined when nothing was written.
 */
export function settlePayment(
  tx: Queryable,
  paymentId: string,
  s: Settlement,
  at: number,
): Promise<{ payment: PaymentRow; orders: OrderRow[] } | undefined> {
  return settle(tx, new Params(), [], 'TRUE', paymentId, s, at);
}

/**
 * The same settlement in ONE statement and no transaction of its own, for an ending with nothing else to
 * write. It takes the locks `lockPaymentWithOrders` would (the payment's orders in id order, then the
 * payment) before it writes, and writes only if the payment is not over yet and, when it succeeded, none
 * of its orders has more to write with the success (a coupon to redeem; a Button report to queue, when
 * `reporting`). Undefined when nothing was written: the caller then takes the transaction's way, which
 * finds out why.
 */
export function settleAlone(
  db: Queryable,
  paymentId: string,
  s: Settlement,
  at: number,
  reporting: boolean,
): Promise<{ payment: PaymentRow; orders: OrderRow[] } | undefined> {
  const q = new Params();
  const id = q.add(paymentId);
  const quiet =
    s.orders === 'SUCCESS'
      ? `AND NOT EXISTS (SELECT 1 FROM locked WHERE coupon_id IS NOT NULL OR (btn_ref IS NOT NULL AND ${q.add(reporting)}::boolean))`
      : '';
  const locks = [
    `locked AS MATERIALIZED (
       SELECT id, coupon_id, btn_ref FROM orders
        WHERE id IN (SELECT order_id FROM payment_orders WHERE payment_id = ${id}) ORDER BY id FOR UPDATE)`,
    `open AS MATERIALIZED (
       SELECT id FROM payments
        WHERE id = ${id} AND current_state NOT IN ${TERMINAL_SQL} AND (SELECT count(*) FROM locked) >= 0 ${quiet}
          FOR UPDATE)`,
  ];
  return settle(db, q, locks, 'EXISTS (SELECT 1 FROM open)', paymentId, s, at);
}

/** A payment is over in these states: nothing more is written for it. */
const TERMINAL_SQL = `(${[...TERMINAL_STATES].map((state) => `'${state}'`).join(', ')})`;

/** The settlement's statement, its parts each gated on the one before, the first on `gate`. */
async function settle(
  db: Queryable,
  q: Params,
  parts: string[],
  first: string,
  paymentId: string,
  s: Settlement,
  at: number,
): Promise<{ payment: PaymentRow; orders: OrderRow[] } | undefined> {
  let gate = first;
  if (s.call) {
    parts.push(`call AS (${completeCallSql(q, s.call.id, s.call.answer, at, gate)})`);
    gate = 'EXISTS (SELECT 1 FROM call)';
  }
  parts.push(`state AS (${stateChangeSql(q, paymentId, { ...s.change, lease: null }, at, gate)})`);
  const settled = 'EXISTS (SELECT 1 FROM state)';
  parts.push(`settled AS (${settleOrdersSql(q, paymentId, s.orders, at, s.chargeId ?? null, settled)})`);
  if (s.release) parts.push(`released AS (${releaseOrdersSql(q, paymentId, settled)})`);
  const [row] = await db.query<{ payment: PaymentRow | null; orders: OrderRow[] | null }>(
    `WITH ${parts.join(',\n')}
     SELECT (SELECT to_jsonb(s) FROM state s) AS payment,
            (SELECT jsonb_agg(to_jsonb(o) ORDER BY o.id) FROM settled o) AS orders`,
    q.values,
  );
  return row?.payment ? { payment: row.payment, orders: row.orders ?? [] } : undefined;
}
