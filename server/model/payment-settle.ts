import type { OrderStatus } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { releaseOrdersSql, settleOrdersSql } from './order-payments.ts';
import type { OrderRow } from './orders.ts';
import { completeCallSql, type CallAnswer } from './payment-calls.ts';
import { stateChangeSql, type StateChange } from './payment-state.ts';
import type { PaymentRow } from './payments.ts';

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
export async function settlePayment(
  tx: Queryable,
  paymentId: string,
  s: Settlement,
  at: number,
): Promise<{ payment: PaymentRow; orders: OrderRow[] } | undefined> {
  const q = new Params();
  const parts: string[] = [];
  let gate = 'TRUE';
  if (s.call) {
    parts.push(`call AS (${completeCallSql(q, s.call.id, s.call.answer, at)})`);
    gate = 'EXISTS (SELECT 1 FROM call)';
  }
  parts.push(`state AS (${stateChangeSql(q, paymentId, { ...s.change, lease: null }, at, gate)})`);
  const settled = 'EXISTS (SELECT 1 FROM state)';
  parts.push(`settled AS (${settleOrdersSql(q, paymentId, s.orders, at, s.chargeId ?? null, settled)})`);
  if (s.release) parts.push(`released AS (${releaseOrdersSql(q, paymentId, settled)})`);
  const [row] = await tx.query<{ payment: PaymentRow | null; orders: OrderRow[] | null }>(
    `WITH ${parts.join(',\n')}
     SELECT (SELECT to_jsonb(s) FROM state s) AS payment,
            (SELECT jsonb_agg(to_jsonb(o) ORDER BY o.id) FROM settled o) AS orders`,
    q.values,
  );
  return row?.payment ? { payment: row.payment, orders: row.orders ?? [] } : undefined;
}
