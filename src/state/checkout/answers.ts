import { ApiError, isApiError } from '../../api/http.ts';
import type { Payment, PaymentAction } from '../../api/types.ts';
import { apiClient } from '../client.ts';

/**
 * What the shop said of a payment, whichever call said it (`POST /payments`, `/confirm`, a read):
 *
 * - `paid`: it succeeded (the payment, when the answer carried it);
 * - `action`: the bank wants the customer to authenticate (a 422, or a payment read as `requires_action`);
 * - `processing`: its outcome is not known yet (a 202, or a 409 naming the payment being worked on);
 * - `declined`: the card was refused (402; the orders stay payable with another card);
 * - `canceled`: the payment was given up (409 `payment-canceled`: its authentication was not completed in time);
 * - `lost`: no answer (the connection, a time-out) after the client's own retries;
 * - `untouched`: the request never made it to a charge (the order has no payment with this card);
 * - `refused`: any other refusal (400, 409 `order-paid` aside, a coupon used up at the claim…).
 */
export type Answer =
  | { readonly kind: 'paid'; readonly payment: Payment | null }
  | { readonly kind: 'action'; readonly action: PaymentAction }
  | { readonly kind: 'processing'; readonly paymentId: string }
  | { readonly kind: 'declined'; readonly error: ApiError }
  | { readonly kind: 'canceled'; readonly paymentId: string | null }
  | { readonly kind: 'lost'; readonly error: ApiError }
  | { readonly kind: 'untouched' }
  | { readonly kind: 'refused'; readonly error: unknown };

/** A payment as read (`GET /payments/:id`, or a 200/202 answer), by its state. */
export function answerOf(payment: Payment): Answer {
  switch (payment.currentState) {
    case 'succeeded':
      return { kind: 'paid', payment };
    case 'requires_action':
      return payment.intentId && payment.clientSecret
        ? {
            kind: 'action',
            action: {
              paymentId: payment.id,
              intentId: payment.intentId,
              clientSecret: payment.clientSecret,
              nextAction: payment.nextAction,
            },
          }
        : { kind: 'processing', paymentId: payment.id };
    case 'declined':
    case 'failed':
      return {
        kind: 'declined',
        error: new ApiError({
          kind: 'http',
          status: 402,
          message: payment.errorMessage ?? 'Your card was declined.',
          code: payment.errorCode ?? 'card_declined',
          declineCode: payment.errorCode ?? undefined,
          payment: payment.id,
        }),
      };
    case 'canceled':
      return { kind: 'canceled', paymentId: payment.id };
    default:
      return { kind: 'processing', paymentId: payment.id };
  }
}

/** The answer of a payment call (paying, confirming), its failures included. */
export async function answer(call: () => Promise<Payment>): Promise<Answer> {
  try {
    return answerOf(await call());
  } catch (error) {
    if (!isApiError(error)) return { kind: 'refused', error };
    if (error.kind === 'network' || error.kind === 'timeout') return { kind: 'lost', error };
    if (error.action) return { kind: 'action', action: error.action };
    if (error.status === 402) return { kind: 'declined', error };
    if (error.status === 409 && error.code === 'payment-canceled') {
      return { kind: 'canceled', paymentId: error.payment ?? null };
    }
    if (error.status === 409 && error.code === 'payment-in-progress' && error.payment) {
      return { kind: 'processing', paymentId: error.payment };
    }
    if (error.status === 409 && error.code === 'order-paid') return { kind: 'paid', payment: null };
    return { kind: 'refused', error };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The shop's own account of a payment whose answer was lost: the payment when its id is known, else
 * the order's newest payment made with this card; no payment with it means the request never reached a
 * charge. `lost` again when the shop can not be asked.
 */
async function read(orderId: string, paymentId: string | null, methodId: string | null): Promise<Answer> {
  try {
    const client = apiClient();
    if (paymentId) return answerOf(await client.getPayment(paymentId));
    const payments = await client.listPayments(orderId);
    const newest = payments.at(-1);
    if (newest?.currentState === 'succeeded') return answerOf(newest);
    if (!newest || (methodId && newest.paymentMethod !== methodId)) return { kind: 'untouched' };
    return answerOf(newest);
  } catch (error) {
    return isApiError(error) && (error.kind === 'network' || error.kind === 'timeout')
      ? { kind: 'lost', error }
      : { kind: 'refused', error };
  }
}

/** How long a payment being processed is waited for, and the longest pause between two looks. */
export const PATIENCE = { total: 5 * 60_000, step: 10_000 };

/**
 * A call whose answer was lost: sent again under the same Idempotency-Key (so the shop answers what
 * that request did, or settles it, rather than paying anew), a few times, then the shop is asked what
 * became of the payment. Never a guess: `lost` when nothing could be learnt.
 */
export async function recover(
  resend: () => Promise<Payment>,
  context: { orderId: string; paymentId: string | null; methodId: string | null },
): Promise<Answer> {
  for (let attempt = 0; attempt < 2; attempt++) {
    await sleep(500 * 2 ** attempt);
    const again = await answer(resend);
    if (again.kind !== 'lost') return again;
  }
  return read(context.orderId, context.paymentId, context.methodId);
}

/**
 * A payment being processed (its charge's answer was lost between the shop and the processor): asked
 * about with backoff, `GET /payments/:id`, until the shop knows (its retry, its reconciler or a webhook
 * settles it). The first look sends the request again under its key, which settles it at once. After
 * `PATIENCE.total` it is still `processing`: the caller says so, never that it failed.
 */
export async function settle(
  paymentId: string,
  resend: (() => Promise<Payment>) | null,
  context: { orderId: string; methodId: string | null },
): Promise<Answer> {
  const start = Date.now();
  for (let round = 0; Date.now() - start < PATIENCE.total; round++) {
    await sleep(Math.min(250 * 2 ** round, PATIENCE.step));
    const next =
      round === 0 && resend ? await answer(resend) : await read(context.orderId, paymentId, context.methodId);
    if (next.kind !== 'processing' && next.kind !== 'lost') return next;
  }
  return { kind: 'processing', paymentId };
}
