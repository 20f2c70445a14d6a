import { randomUUID } from 'node:crypto';
import { badRequest } from '../http/errors.ts';
import { takeLease } from '../model/payment-state.ts';
import { lockPayment, type PaymentRow } from '../model/payments.ts';
import { inProgress, type KeyCommit } from './claim.ts';
import { check, resolve } from './drive.ts';
import type { Lease, PaymentDeps } from './steps.ts';

/** What the browser sends after the customer authenticated (the SDK's `payments.confirm`). */
export interface ConfirmRequest {
  readonly paymentIntentId: string | undefined;
  readonly clientSecret: string | undefined;
}

/**
 * `POST /payments/:id/confirm`: after the customer authenticated, asks the processor how the intent is
 * and confirms it when authenticated (the intent has manual confirmation: only this server can make it
 * charge). Answers the payment: succeeded, declined (the bank declined after authenticating, or the
 * authentication failed), still waiting (422 again), or processing. A payment already settled is
 * answered as it is; one whose outcome is unknown is settled first.
 */
export async function confirmPayment(
  deps: PaymentDeps,
  payment: PaymentRow,
  request: ConfirmRequest,
  commit: KeyCommit,
): Promise<PaymentRow> {
  if (request.paymentIntentId !== undefined && request.paymentIntentId !== payment.intent_id) {
    throw badRequest(
      'payment-intent-mismatch',
      'payment_intent_id is not this payment’s PaymentIntent',
      'payment_intent_id',
    );
  }
  if (request.clientSecret !== undefined && request.clientSecret !== payment.client_secret) {
    throw badRequest('client-secret-mismatch', 'payment_client_secret is not this payment’s', 'payment_client_secret');
  }
  const at = deps.now();
  const lease: Lease = { token: randomUUID(), until: at + deps.config.paymentLeaseMs };
  const step = await deps.db.transaction(async (tx) => {
    const p = (await lockPayment(tx, payment.id))!;
    if (p.current_state !== 'processing' && p.current_state !== 'requires_action')
      return { kind: 'settled', p } as const;
    if (!(await takeLease(tx, p, lease.token, lease.until, at))) return { kind: 'busy', p } as const;
    if (p.current_state === 'requires_action') await commit.alone(tx, p.id);
    return { kind: p.current_state === 'processing' ? 'resolve' : 'check', p } as const;
  });
  switch (step.kind) {
    case 'settled':
      return step.p;
    case 'busy':
      throw inProgress(step.p);
    case 'resolve':
      return resolve(deps, step.p, lease);
    case 'check':
      return check(deps, step.p, lease);
  }
}
