import { uuid } from '../../api/http.ts';
import type { Order, Payment, PaymentMethod } from '../../api/types.ts';
import type { AuthenticationOutcome, CardProvider } from '../../payments/provider.ts';
import { cart } from '../cart.ts';
import { apiClient } from '../client.ts';
import { answer, recover, settle, type Answer } from './answers.ts';
import { completeCheckout } from './complete.ts';
import { fail, report } from './errors.ts';
import { authenticationError, isAuthenticationFailure, paymentError } from './payment-errors.ts';
import { returnUrl } from './return-url.ts';
import { saveSession } from './session.ts';
import { update, type CheckoutError, type PaidCard } from './store.ts';

/** One of the checkout's own errors (a plain value with its stage), rather than an exception to describe. */
const isCheckoutError = (error: unknown): error is CheckoutError =>
  typeof error === 'object' && error !== null && 'stage' in error && 'message' in error;

/** The brand and last four digits a receipt shows, from the saved payment method (Link: its brand, no digits). */
export const paidCard = (method: PaymentMethod | null): PaidCard | null =>
  method?.card?.last4 || method?.card?.brand === 'link' ? { brand: method.card.brand, last4: method.card.last4 } : null;

/** Where the payment stands: its order, the card paying, the call to send again, the payment once known. */
interface Attempt {
  readonly order: Order;
  readonly methodId: string | null;
  readonly card: PaidCard | null;
  /** The last payment call, under its Idempotency-Key: sent again as it was when its answer is lost. */
  resend: (() => Promise<Payment>) | null;
  paymentId: string | null;
  /** How the customer's last authentication ended, once they were asked to authenticate. */
  outcome: AuthenticationOutcome | null;
}

/**
 * Pays the order with a saved payment method: `POST /payments` under one Idempotency-Key (with this
 * page as the `return_url` for Stripe), then whatever the answer asks for (see `follow`).
 */
export async function charge(provider: CardProvider | null, order: Order, method: PaymentMethod): Promise<void> {
  const key = uuid();
  // Stripe.js may take the customer to their bank's page and back here (the test card's page stays in
  // the checkout's dialog, so it is given none: it would load the shop inside that dialog).
  const input = {
    orders: [order.id],
    paymentMethod: method.id,
    ...(provider?.kind === 'stripe' ? { returnUrl: returnUrl() } : {}),
  };
  const send = () => apiClient().createPayment(input, { idempotencyKey: key });
  const attempt: Attempt = {
    order,
    methodId: method.id,
    card: paidCard(method),
    resend: send,
    paymentId: null,
    outcome: null,
  };
  await follow(provider, attempt, await answer(send));
}

/**
 * Back from a bank's redirect (or a reload while the customer authenticated): confirms the payment
 * waiting for it, as after the dialog, and follows the answer.
 */
export async function confirmReturned(
  provider: CardProvider | null,
  order: Order,
  paymentId: string,
  intent: { intentId?: string; clientSecret?: string },
): Promise<void> {
  const attempt: Attempt = { order, methodId: null, card: null, resend: null, paymentId, outcome: 'complete' };
  await follow(provider, attempt, await confirm(attempt, paymentId, intent));
}

/** `POST /payments/:id/confirm` under a key of its own, kept for sending it again. */
function confirm(attempt: Attempt, paymentId: string, intent: { intentId?: string; clientSecret?: string }) {
  const key = uuid();
  attempt.resend = () => apiClient().confirmPayment(paymentId, intent, { idempotencyKey: key });
  attempt.paymentId = paymentId;
  return answer(attempt.resend);
}

/**
 * Follows the shop's answers until the payment is over: paid (the confirmation, the cart let go of
 * what was paid), or not (told at the card, the order payable with another card, nothing charged).
 * An answer that was lost is asked for again under the same key, then read from the shop; one being
 * processed is waited for; an authentication the bank asks for is shown (Stripe.js's window, or the
 * test page in the checkout's dialog), then confirmed. Nothing is said while a charge may go through.
 */
async function follow(provider: CardProvider | null, attempt: Attempt, first: Answer): Promise<void> {
  const context = () => ({ orderId: attempt.order.id, paymentId: attempt.paymentId, methodId: attempt.methodId });
  for (let now = first; ;) {
    switch (now.kind) {
      case 'lost':
        if (!attempt.resend) return unknown(attempt, now.kind);
        now = await recover(attempt.resend, context());
        if (now.kind === 'lost') return unknown(attempt, now.error.kind);
        continue;
      case 'processing':
        update({ paying: 'processing' });
        now = await settle(now.paymentId, attempt.resend, context());
        attempt.resend = null;
        if (now.kind === 'processing') return unknown(attempt, 'pending');
        continue;
      case 'action': {
        // Asked again after the customer authenticated: the bank did not take it.
        if (attempt.outcome) return stop(attempt, authenticationError(attempt.outcome));
        const { paymentId, intentId, clientSecret, nextAction } = now.action;
        update({ paying: 'authenticating', pendingPaymentId: paymentId });
        saveSession();
        attempt.outcome = provider ? await provider.handleNextAction({ clientSecret, intentId, nextAction }) : 'error';
        update({ paying: 'confirming' });
        now = await confirm(attempt, paymentId, { intentId, clientSecret });
        continue;
      }
      case 'paid':
        return paid(attempt, now.payment);
      case 'declined':
        if (attempt.outcome && isAuthenticationFailure(now.error.code ?? now.error.declineCode)) {
          return stop(attempt, authenticationError(attempt.outcome === 'cancel' ? 'cancel' : 'fail'));
        }
        return stop(attempt, now.error);
      case 'canceled':
        return stop(attempt, paymentError('authentication-expired'));
      case 'untouched':
        return unknown(attempt, 'untouched');
      case 'refused':
        return stop(attempt, now.error);
    }
  }
}

/** Paid: the order as the shop has it now (paid), in the confirmation. */
async function paid(attempt: Attempt, payment: Payment | null): Promise<void> {
  const order = await apiClient()
    .getOrder(attempt.order.id)
    .catch(() => ({ ...attempt.order, status: 'SUCCESS' as const }));
  completeCheckout(order.status === 'SUCCESS' ? order : { ...order, status: 'SUCCESS' }, payment, attempt.card);
}

/** Not paid: the cart can change again, the order is read again (DECLINED, payable), and the card says why. */
async function stop(attempt: Attempt, error: unknown): Promise<void> {
  cart.release({ paid: false });
  const current = await apiClient()
    .getOrder(attempt.order.id)
    .catch(() => null);
  update({ paying: null, pendingPaymentId: null, ...(current ? { order: current } : {}) });
  saveSession();
  if (current?.status === 'SUCCESS') return completeCheckout(current, null, attempt.card);
  if (isCheckoutError(error)) return report(error);
  fail(error, 'payment');
}

const UNTOUCHED =
  'The connection was lost while paying, and the order is not paid. You can try again: you will not be charged twice.';
const UNREACHABLE =
  'We could not reach the shop to confirm the payment. Check your connection and try again: you will not be charged twice.';

/**
 * The outcome is not known (the shop could not be reached, or the charge is still being settled), or
 * the request never reached a charge: said as such, never as a failure. Paying again is safe: the
 * shop charges an order at most once, and a payment still being settled is settled first.
 */
function unknown(attempt: Attempt, why: string): Promise<void> {
  if (why === 'pending') return stop(attempt, paymentError('payment-pending'));
  return stop(attempt, { message: why === 'untouched' ? UNTOUCHED : UNREACHABLE, code: why, stage: 'payment' });
}
