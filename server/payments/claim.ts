import { CURRENCY_MISMATCH, isPayableStatus } from 'tillkit/core';
import type { Database } from '../db/database.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { objectId } from '../http/ids.ts';
import { holdCoupons } from '../model/coupons.ts';
import { lockOrders, markProcessing } from '../model/order-payments.ts';
import { closedOrder, type OrderRow } from '../model/orders.ts';
import type { PaymentMethodRow } from '../model/payment-methods.ts';
import { failedChargeKey, insertCharge, insertPayment, type PaymentRow } from '../model/payments.ts';

/** What a payment is to be: the caller's orders, as given, and the card to charge. */
export interface PaymentRequest {
  readonly company: string;
  /** The user paying: the orders and the card must be theirs. */
  readonly userId: string;
  /** The order ids as the body listed them (positions name the field of an error). */
  readonly orderIds: readonly string[];
  readonly method: PaymentMethodRow;
  /** The processor's name, recorded with the charge. */
  readonly processor: string;
}

/** A payment claimed: its orders are PROCESSING, and a pending charge records the call about to be made. */
export interface Claim {
  readonly payment: PaymentRow;
  /** The orders paid, locked and checked, in id order. */
  readonly orders: readonly OrderRow[];
  /** Their ids, sorted and without repeats. */
  readonly orderIds: readonly string[];
  readonly chargeId: string;
  /** Sent to the processor, so that a retried call can never charge twice. */
  readonly idempotencyKey: string;
}

/** A retry within this long after a failure with an unknown outcome reuses that charge's key. */
const RETRY_WINDOW_MS = 23 * 60 * 60 * 1000;

/**
 * Step 1 of `POST /payments`, in one transaction: locks the orders (in id order, so two payments can not
 * deadlock), checks they are the caller's, payable and in one currency, moves them to PROCESSING and
 * records the payment and a pending charge. A concurrent payment for any of them finds PROCESSING (or
 * SUCCESS) and gets 409. Throws the 400, 404 and 409 answers; on a throw nothing is written.
 */
export function claimOrders(db: Database, request: PaymentRequest, at: number): Promise<Claim> {
  const { company, userId, method } = request;
  const orderIds = [...new Set(request.orderIds)].sort();
  const orderKey = orderIds.join(',');
  return db.transaction(async (tx) => {
    const orders = await lockOrders(tx, company, orderIds);
    const byId = new Map(orders.map((r) => [r.id, r]));
    request.orderIds.forEach((id, i) => {
      const row = byId.get(id);
      if (!row || row.user_id !== userId) throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
    });
    for (const row of orders) {
      if (!isPayableStatus(row.order_status)) {
        const refusal = closedOrder(row.order_status);
        throw new HttpError(
          409,
          refusal.code,
          `${refusal.message} (order ${row.human_id})`,
          `orders[${request.orderIds.indexOf(row.id)}]`,
        );
      }
    }
    const currency = orders[0]!.currency;
    if (orders.some((r) => r.currency !== currency)) throw badRequest('currency-mismatch', CURRENCY_MISMATCH, 'orders');
    const amount = orders.reduce((sum, r) => sum + r.total_amount, 0);
    if (amount <= 0) throw badRequest('amount-invalid', 'There is nothing to pay for these orders', 'orders');
    if (!Number.isSafeInteger(amount))
      throw badRequest('amount-invalid', 'These orders together are too large to pay at once', 'orders');

    await holdCoupons(tx, orders, at);
    await markProcessing(tx, orderIds, at);
    const payment = await insertPayment(
      tx,
      {
        id: objectId(at),
        company_id: company,
        user_id: userId,
        payment_method_id: method.id,
        order_key: orderKey,
        amount,
        currency,
      },
      orderIds,
      at,
    );
    const charge = { company, orderKey, methodId: method.id, amount, currency, processor: request.processor };
    const idempotencyKey = (await failedChargeKey(tx, charge, at - RETRY_WINDOW_MS)) ?? `tillkit-charge-${payment.id}`;
    const chargeId = objectId(at);
    await insertCharge(
      tx,
      {
        id: chargeId,
        payment_id: payment.id,
        processor: request.processor,
        amount,
        currency,
        idempotency_key: idempotencyKey,
      },
      company,
      at,
    );
    return { payment, orders, orderIds, chargeId, idempotencyKey };
  });
}
