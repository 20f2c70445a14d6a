import { randomUUID } from 'node:crypto';
import { CURRENCY_MISMATCH } from 'tillkit/core';
import type { Params, Queryable } from '../db/database.ts';
import { HttpError, badRequest, conflict } from '../http/errors.ts';
import { humanId, objectId } from '../http/ids.ts';
import { holdCoupons } from '../model/coupons.ts';
import { HumanIdTaken, insertPaymentWithCall } from '../model/new-payment.ts';
import { uniqueViolation } from '../db/unique.ts';
import { ONE_OPEN_PAYMENT, holdersOf, lockOrders, releaseOrders } from '../model/order-payments.ts';
import { closedOrder } from '../model/orders.ts';
import type { CallRow } from '../model/payment-calls.ts';
import type { PaymentMethodRow } from '../model/payment-methods.ts';
import { changeState, takeLease } from '../model/payment-state.ts';
import type { NewPayment, PaymentRow } from '../model/payments.ts';
import { chargeCall, createCall, descriptionOf } from './calls.ts';
import { startAttempt, startCancel, type Lease, type PaymentDeps } from './steps.ts';

/** A payment to make: the caller's orders, as given, and the card. */
export interface PayRequest {
  readonly company: string;
  /** The user paying: the orders and the card must be theirs. */
  readonly userId: string;
  /** The order ids as the body listed them (positions name the field of an error). */
  readonly orderIds: readonly string[];
  readonly method: PaymentMethodRow;
  /** Where the customer's browser goes back to after authenticating (Stripe's return_url). */
  readonly returnUrl: string | null;
}

/** What to do next, decided under the orders' locks; every kind but `busy` holds the payment's lease. */
export type Claimed =
  | { readonly kind: 'attempt'; readonly payment: PaymentRow; readonly call: CallRow; readonly lease: Lease }
  | { readonly kind: 'check'; readonly payment: PaymentRow; readonly lease: Lease }
  | { readonly kind: 'resolve'; readonly payment: PaymentRow; readonly lease: Lease }
  | { readonly kind: 'cancel'; readonly payment: PaymentRow; readonly call: CallRow; readonly lease: Lease }
  | { readonly kind: 'busy'; readonly payment: PaymentRow };

/** Writes the request's Idempotency-Key with the payment it is about (idempotency.ts). */
export interface KeyCommit {
  /** In `tx`, by itself. */
  alone(tx: Queryable, paymentId: string): Promise<void>;
  /** Its INSERT for a statement's `WITH idempotency_key AS (…)`, or undefined with no key to keep. */
  part(q: Params, paymentId: string): string | undefined;
  /** After that statement: how many keys it kept (none: another request kept it first; throws). */
  kept(count: number): void;
}

/** Tries of a claim whose new payment drew a `human_id` already taken. */
const HUMAN_ID_TRIES = 8;

/**
 * One transaction that decides how to pay: it locks the orders (in id order), checks they are the
 * caller's, open and in one currency, and looks at the open payment holding any of them (there is at most
 * one per order, by the schema). None: a new payment, holding them, with its first call written. The same
 * orders, amount and kind of card: another attempt on that payment (a retry never makes a second intent).
 * Something else: that payment is given up first (canceled at the processor; for a token's card, whose
 * Charges are over once declined, closed here), unless its outcome is unknown (settle it first) or someone
 * is working on it (409 payment-in-progress). Throws the 400, 404 and 409 answers, having written nothing.
 */
export async function claimPayment(deps: PaymentDeps, request: PayRequest, commit: KeyCommit): Promise<Claimed> {
  for (let tries = 1; ; tries++) {
    try {
      return await claimOnce(deps, request, commit);
    } catch (error) {
      // A human_id drawn twice, or a hold another claim committed while this one waited for the orders'
      // locks (its snapshot did not show it): nothing was written; claim again.
      const again = error instanceof HumanIdTaken || uniqueViolation(error, ONE_OPEN_PAYMENT);
      if (!again || tries >= HUMAN_ID_TRIES) throw error;
    }
  }
}

function claimOnce(deps: PaymentDeps, request: PayRequest, commit: KeyCommit): Promise<Claimed> {
  const at = deps.now();
  const lease: Lease = { token: randomUUID(), until: at + deps.config.paymentLeaseMs };
  const orderIds = [...new Set(request.orderIds)].sort();
  const { method } = request;
  return deps.db.transaction(async (tx): Promise<Claimed> => {
    const orders = await checkedOrders(tx, request, orderIds);
    const amount = orders.reduce((sum, r) => sum + r.total_amount, 0);
    const currency = orders[0]!.currency;
    const problem = deps.processor.currencyProblem(currency);
    if (problem) throw badRequest('currency-unsupported', problem, 'orders');
    const kind = method.token ? 'charge' : 'intent';
    if (kind === 'intent' && (!method.source || method.setup_intent?.status !== 'succeeded')) {
      throw badRequest(
        'payment-method-not-ready',
        'This payment method is not set up yet: PUT /payment_methods/:id with the confirmed PaymentMethod (pm_…) first',
        'payment_method',
      );
    }
    // The orders' holders came with their locks: the payments holding them are read and locked only when
    // there are, or may be (an order PROCESSING is held by a payment at work).
    const held = orders.some((o) => o.holder_id !== null || o.order_status === 'PROCESSING');
    for (const holder of held ? await holdersOf(tx, orderIds) : []) {
      if (holder.current_state === 'processing') {
        if (!(await takeLease(tx, holder, lease.token, lease.until, at))) return { kind: 'busy', payment: holder };
        return { kind: 'resolve', payment: holder, lease };
      }
      const same =
        holder.order_key === orderIds.join(',') &&
        holder.amount === amount &&
        holder.currency === currency &&
        holder.kind === kind;
      if (!(await takeLease(tx, holder, lease.token, lease.until, at))) return { kind: 'busy', payment: holder };
      if (same) {
        if (holder.current_state === 'requires_action' && holder.payment_method_id === method.id) {
          await commit.alone(tx, holder.id);
          return { kind: 'check', payment: holder, lease };
        }
        if (request.returnUrl && request.returnUrl !== holder.return_url) {
          await tx.query(`UPDATE payments SET return_url = $2 WHERE id = $1`, [holder.id, request.returnUrl]);
        }
        const started = await startAttempt(
          tx,
          { ...holder, return_url: request.returnUrl ?? holder.return_url },
          method,
          lease,
          at,
          false,
          orders,
        );
        await commit.alone(tx, holder.id);
        return { kind: 'attempt', ...started, lease };
      }
      if (holder.kind === 'charge') {
        // A token's declined Charges are over: nothing can take money for it any more.
        await changeState(tx, holder.id, { state: 'canceled', lease: null }, at);
        await releaseOrders(tx, holder.id);
        continue;
      }
      const started = await startCancel(tx, holder, 'requested_by_customer', lease, at);
      return { kind: 'cancel', ...started, lease };
    }
    // An order PROCESSING that no payment holds was left so by a server before this one: not ours to take.
    const stuck = orders.find((o) => o.order_status === 'PROCESSING');
    if (stuck) throw closedOrder('PROCESSING');
    // A new payment holding the orders, its first call, the orders PROCESSING and the request's key: one
    // statement (coupons are held first: a refusal writes nothing).
    await holdCoupons(tx, orders, at);
    const fresh: NewPayment = {
      id: objectId(at),
      company_id: request.company,
      user_id: request.userId,
      payment_method_id: method.id,
      order_key: orderIds.join(','),
      amount,
      currency,
      kind,
      processor: deps.processor.name,
      return_url: request.returnUrl,
      lease_until: lease.until,
      lease_token: lease.token,
    };
    const description = descriptionOf(orders);
    const first =
      kind === 'charge'
        ? chargeCall(fresh, 1, method, description)
        : createCall(fresh, 1, method.customer_id, description);
    const written = await insertPaymentWithCall(tx, fresh, humanId(), orders, first, at, (q) =>
      commit.part(q, fresh.id),
    );
    commit.kept(written.kept);
    return { kind: 'attempt', payment: written.payment, call: written.call, lease };
  });
}

/** The request's orders, locked: the caller's, not paid nor cancelled, one currency, something to pay. */
async function checkedOrders(tx: Queryable, request: PayRequest, orderIds: readonly string[]) {
  const orders = await lockOrders(tx, request.company, orderIds);
  const byId = new Map(orders.map((r) => [r.id, r]));
  request.orderIds.forEach((id, i) => {
    const row = byId.get(id);
    if (!row || row.user_id !== request.userId)
      throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
  });
  for (const row of orders) {
    if (row.order_status === 'SUCCESS' || row.order_status === 'CANCELLED') {
      const refusal = closedOrder(row.order_status);
      throw new HttpError(
        409,
        refusal.code,
        `${refusal.message} (order ${row.human_id})`,
        `orders[${request.orderIds.indexOf(row.id)}]`,
      );
    }
  }
  if (orders.some((r) => r.currency !== orders[0]!.currency)) {
    throw badRequest('currency-mismatch', CURRENCY_MISMATCH, 'orders');
  }
  const amount = orders.reduce((sum, r) => sum + r.total_amount, 0);
  if (amount <= 0) throw badRequest('amount-invalid', 'There is nothing to pay for these orders', 'orders');
  if (!Number.isSafeInteger(amount)) {
    throw badRequest('amount-invalid', 'These orders together are too large to pay at once', 'orders');
  }
  return orders;
}

/** The 409 for an order another payment is working on. */
export function inProgress(payment: PaymentRow): HttpError {
  const error = conflict(
    'payment-in-progress',
    'A payment for this order is in progress; ask for it (GET /payments/:id) or try again shortly',
    'orders',
  );
  return new HttpError(409, error.code, error.message, error.field, { payment: payment.id });
}
