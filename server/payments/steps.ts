import type { Deps } from '../context.ts';
import { Params, type Queryable } from '../db/database.ts';
import { holdCoupons } from '../model/coupons.ts';
import { markProcessing, orderIdsOf } from '../model/order-payments.ts';
import { insertCall, nextSeq, type CallRow, type NewCall } from '../model/payment-calls.ts';
import type { PaymentMethodRow } from '../model/payment-methods.ts';
import { changeState } from '../model/payment-state.ts';
import type { PaymentRow } from '../model/payments.ts';
import type { OrderRow } from '../model/orders.ts';
import { cancelCall, chargeCall, confirmCall, descriptionOf } from './calls.ts';

/** What the payment path needs of the server. */
export type PaymentDeps = Pick<Deps, 'db' | 'processor' | 'config' | 'now' | 'reporter'>;

/** A process's hold on a payment while it calls the processor (payment-state.ts). */
export interface Lease {
  readonly token: string;
  readonly until: number;
}

/**
 * Writes the next call of a payment, before it is made, in the caller's transaction: the payment is
 * `processing` (under the caller's lease) and its orders PROCESSING until the answer is recorded.
 */
export async function startCall(
  tx: Queryable,
  payment: PaymentRow,
  make: (seq: number) => NewCall,
  lease: Lease,
  at: number,
  paymentMethodId?: string,
): Promise<{ payment: PaymentRow; call: CallRow }> {
  const call = await insertCall(tx, payment.company_id, make(await nextSeq(tx, payment.id)), at);
  const changed = await changeState(
    tx,
    payment.id,
    { state: 'processing', lease, ...(paymentMethodId ? { paymentMethodId } : {}) },
    at,
  );
  await markProcessing(tx, payment.id, at);
  return { payment: changed, call };
}

/** The orders of a payment, locked (in id order), for a call that charges them. */
async function lockedOrders(tx: Queryable, payment: PaymentRow): Promise<OrderRow[]> {
  const ids = await orderIdsOf(tx, payment.id);
  const q = new Params();
  return tx.query<OrderRow>(`SELECT * FROM orders WHERE id = ANY(${q.texts(ids)}) ORDER BY id FOR UPDATE`, q.values);
}

/**
 * One attempt to pay with `method`: a confirm of the payment's intent, or for a token's card a Charge.
 * `locked`: the payment's orders when the transaction locked them already.
 */
export async function startAttempt(
  tx: Queryable,
  payment: PaymentRow,
  method: PaymentMethodRow,
  lease: Lease,
  at: number,
  authenticated = false,
  locked?: readonly OrderRow[],
): Promise<{ payment: PaymentRow; call: CallRow }> {
  const orders = locked ?? (await lockedOrders(tx, payment));
  await holdCoupons(tx, orders, at);
  const description = descriptionOf(orders);
  return startCall(
    tx,
    payment,
    (seq) =>
      payment.kind === 'charge'
        ? chargeCall(payment, seq, method, description)
        : confirmCall(payment, seq, method, authenticated),
    lease,
    at,
    method.id,
  );
}

/** Gives up the payment's intent at the processor (`abandoned`: the customer did not finish; or replaced). */
export function startCancel(
  tx: Queryable,
  payment: PaymentRow,
  reason: 'abandoned' | 'requested_by_customer',
  lease: Lease,
  at: number,
) {
  return startCall(tx, payment, (seq) => cancelCall(payment, seq, reason), lease, at);
}
