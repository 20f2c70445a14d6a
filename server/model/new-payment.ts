import { Params, type Queryable } from '../db/database.ts';
import { objectId } from '../http/ids.ts';
import type { OrderRow } from './orders.ts';
import type { CallRow, NewCall } from './payment-calls.ts';
import type { NewPayment, PaymentRow } from './payments.ts';

/**
 * A new payment, written whole in one statement in the claim's transaction (which holds its orders'
 * locks): the payment (`processing`, under the caller's lease), its holds on the orders (each with the
 * status it had), its first call (written before it is made), the orders PROCESSING, and the request's
 * Idempotency-Key when `key` gives its INSERT.
 */

/** Another payment of the company drew the same `human_id`: the claim's transaction starts over. */
export class HumanIdTaken extends Error {
  override readonly name = 'HumanIdTaken';
}

export async function insertPaymentWithCall(
  tx: Queryable,
  p: NewPayment,
  humanId: string,
  orders: readonly OrderRow[],
  call: NewCall,
  at: number,
  key: (q: Params) => string | undefined,
): Promise<{ payment: PaymentRow; call: CallRow; kept: number }> {
  const q = new Params();
  const v = (value: unknown, type = 'text') => q.typed(value, type);
  const keySql = key(q);
  const parts = keySql ? [`idempotency_key AS (${keySql})`] : [];
  parts.push(
    `payment AS (
       INSERT INTO payments (id, company_id, user_id, human_id, payment_method_id, order_key, amount, currency,
                             current_state, kind, processor, return_url, lease_until, lease_token, created, modified)
       VALUES (${v(p.id)}, ${v(p.company_id)}, ${v(p.user_id)}, ${v(humanId)}, ${v(p.payment_method_id)}, ${v(p.order_key)},
               ${v(p.amount, 'bigint')}, ${v(p.currency)}, 'processing', ${v(p.kind)}, ${v(p.processor)}, ${v(p.return_url)},
               ${v(p.lease_until, 'bigint')}, ${v(p.lease_token)}, ${v(at, 'bigint')}, ${v(at, 'bigint')})
       ON CONFLICT (company_id, human_id) DO NOTHING RETURNING *)`,
    `held AS (
       INSERT INTO payment_orders (payment_id, order_id, holds, prior_status)
       SELECT payment.id, h.order_id, TRUE, h.prior_status
         FROM payment, jsonb_to_recordset(${q.json(orders.map((o) => ({ order_id: o.id, prior_status: o.order_status })))})
              AS h(order_id text, prior_status text))`,
    `call AS (
       INSERT INTO charges (id, company_id, payment_id, processor, kind, seq, idempotency_key, params, payment_method_id,
                            amount, currency, status, created, modified)
       SELECT ${v(objectId(at))}, payment.company_id, payment.id, ${v(call.processor)}, ${v(call.kind)}, ${v(call.seq, 'int')},
              ${v(call.idempotency_key)}, ${v(call.params, 'jsonb')}, ${v(call.payment_method_id)},
              ${v(call.amount, 'bigint')}, ${v(call.currency)}, 'pending', ${v(at, 'bigint')}, ${v(at, 'bigint')}
         FROM payment RETURNING *)`,
    `processing AS (
       UPDATE orders SET order_status = 'PROCESSING', modified = ${v(at, 'bigint')}
        WHERE id = ANY(${q.texts(orders.map((o) => o.id))})
          AND EXISTS (SELECT 1 FROM payment))`,
  );
  const [row] = await tx.query<{ payment: PaymentRow | null; call: CallRow | null; kept: number }>(
    `WITH ${parts.join(',\n')}
     SELECT (SELECT to_jsonb(p) FROM payment p) AS payment, (SELECT to_jsonb(c) FROM call c) AS call,
            ${keySql ? '(SELECT count(*) FROM idempotency_key)::int' : '1'} AS kept`,
    q.values,
  );
  if (!row?.payment || !row.call) throw new HumanIdTaken(`payment human_id ${humanId} is taken`);
  return { payment: row.payment, call: row.call, kept: row.kept };
}
