import { conflict } from '../http/errors.ts';
import type { PaymentRow } from '../model/payments.ts';
import { claimPayment, inProgress, type KeyCommit, type PayRequest } from './claim.ts';
import { check, drive, resolve } from './drive.ts';
import type { PaymentDeps } from './steps.ts';

/** How many times a payment request may clear the way (settle or give up another payment) before it pays. */
const ROUNDS = 4;

/**
 * `POST /payments` (and `/payments/:id/pay`): pays the orders, or says why not. Each round claims
 * (`claim.ts`), then acts under the payment's lease: an attempt is made and carried until it has an
 * outcome (`drive.ts`); a payment whose outcome is unknown is settled by asking the processor first; a
 * payment in the way is canceled first; a pending authentication with the same card is looked up (the
 * customer may have completed it). Returns the payment the request made or tried; throws the 4xx.
 */
export async function pay(deps: PaymentDeps, request: PayRequest, commit: KeyCommit): Promise<PaymentRow> {
  for (let round = 0; round < ROUNDS; round++) {
    const claimed = await claimPayment(deps, request, commit);
    switch (claimed.kind) {
      case 'busy':
        throw inProgress(claimed.payment);
      case 'attempt':
        return drive(deps, claimed.payment, claimed.call, claimed.lease, true, request.method);
      case 'check': {
        const payment = await check(deps, claimed.payment, claimed.lease);
        // Authenticated and confirmed, or still waiting: that is the answer. Failed: try again, anew.
        if (payment.current_state !== 'declined') return payment;
        break;
      }
      case 'resolve': {
        const payment = await resolve(deps, claimed.payment, claimed.lease);
        // The same payment asked again after its answer was lost: this is its answer.
        if (payment.current_state === 'succeeded' && sameRequest(payment, request)) return payment;
        if (payment.current_state === 'processing') throw inProgress(payment);
        break;
      }
      case 'cancel': {
        const payment = await drive(deps, claimed.payment, claimed.call, claimed.lease, true);
        if (payment.current_state === 'processing') throw inProgress(payment);
        break;
      }
    }
  }
  throw conflict('payment-in-progress', 'The orders are being paid by another request; try again shortly', 'orders');
}

const sameRequest = (payment: PaymentRow, request: PayRequest) =>
  payment.payment_method_id === request.method.id &&
  payment.order_key === [...new Set(request.orderIds)].sort().join(',');
