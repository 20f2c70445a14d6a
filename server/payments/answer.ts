import { send, type AppContext } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { callsOf } from '../model/payment-calls.ts';
import { nextActionJson, paymentJson } from '../model/payment-json.ts';
import type { PaymentRow } from '../model/payments.ts';

/** The request's origin, on which this server's own pages (the test authentication) are linked. */
export const originOf = (c: AppContext) => new URL(c.req.url).origin;

export const ACTION_REQUIRED = 'Action required before charging customer.';

/**
 * A payment as the answer to a request that paid, confirmed or asked about it, by its state:
 *
 * - succeeded: 200, the payment;
 * - processing: 202, the payment (the processor's answer was lost; `GET /payments/:id` tells the outcome);
 * - requires_action: 422 `PaymentRequiresFurtherInformation`, as BuiltOn's SDK knows it, with Stripe's
 *   `next_action`;
 * - declined (and failed, which the processor refused): 402 with Stripe's codes and the payment's id;
 * - canceled: 409 `payment-canceled`.
 */
export async function paymentAnswer(
  c: AppContext,
  db: Queryable,
  payment: PaymentRow,
  headers: Record<string, string> = {},
) {
  const origin = originOf(c);
  switch (payment.current_state) {
    case 'requires_action':
      return send(
        c,
        {
          code: 422,
          message: ACTION_REQUIRED,
          description: ACTION_REQUIRED,
          error: {
            type: 'PaymentRequiresFurtherInformation',
            exception_description: 'requires additional information',
            params: {
              intent_client_secret: payment.client_secret,
              payment_id: payment.id,
              payment_intent_id: payment.intent_id,
              next_action: nextActionJson(payment.next_action, origin),
            },
          },
        },
        422,
        headers,
      );
    case 'declined':
    case 'failed':
      return send(
        c,
        {
          message: payment.error_message ?? 'Your card was declined.',
          field: 'payment_method',
          code: payment.error_code ?? 'card_declined',
          decline_code: payment.decline_code,
          payment: payment.id,
        },
        402,
        headers,
      );
    case 'canceled':
      return send(
        c,
        {
          message:
            'This payment was canceled (its authentication was not completed in time, or the orders were paid otherwise); pay the orders again',
          field: null,
          code: 'payment-canceled',
          payment: payment.id,
        },
        409,
        headers,
      );
    default: {
      // The payment's orders, sorted: its order_key.
      const orders = payment.order_key.split(',');
      const admin = c.get('caller').kind === 'admin';
      const calls = admin ? ((await callsOf(db, [payment.id])).get(payment.id) ?? []) : undefined;
      return send(
        c,
        paymentJson(payment, orders, origin, calls),
        payment.current_state === 'processing' ? 202 : 200,
        headers,
      );
    }
  }
}
