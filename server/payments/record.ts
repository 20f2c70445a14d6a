import type { OrderStatus } from 'tillkit/core';
import { reportPaid } from '../button/outbox.ts';
import type { Queryable } from '../db/database.ts';
import { redeemCoupons } from '../model/coupons.ts';
import { releaseOrders, settleOrders } from '../model/order-payments.ts';
import { completeCall, type CallAnswer, type CallRow } from '../model/payment-calls.ts';
import { paymentMethodById } from '../model/payment-methods.ts';
import { changeState, type StateChange } from '../model/payment-state.ts';
import { lockPayment, type PaymentRow } from '../model/payments.ts';
import type { IntentState } from './processor.ts';
import type { Outcome } from './send.ts';
import { startAttempt, startCall, type Lease, type PaymentDeps } from './steps.ts';

/** What a recorded answer left to do: the call to make next (still under the lease), if any. */
export interface Recorded {
  readonly payment: PaymentRow;
  readonly next: CallRow | null;
  /** Button reports queued (the sender is woken). */
  readonly reported: number;
}

const TERMINAL = new Set(['succeeded', 'canceled', 'failed']);

/**
 * Records what a call did, in one transaction: the call's answer (once: a call another process recorded
 * first is left as it is), the payment's state, its orders' statuses, and when it succeeded, the Button
 * reports and coupon redemptions, so that all of it happens exactly once with the success. A create's
 * answer writes the attempt's confirm; a create or confirm that must be made again writes its successor.
 */
export function record(
  deps: PaymentDeps,
  payment: PaymentRow,
  call: CallRow,
  outcome: Outcome,
  lease: Lease,
): Promise<Recorded> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const p = (await lockPayment(tx, payment.id))!;
    if (TERMINAL.has(p.current_state)) return { payment: p, next: null, reported: 0 };
    if (outcome.kind === 'unknown') return { payment: p, next: null, reported: 0 };
    if (!(await completeCall(tx, call.id, callAnswer(call, outcome), at)))
      return { payment: p, next: null, reported: 0 };
    if (outcome.kind === 'again') {
      const { payment: q, call: next } = await startCall(
        tx,
        p,
        (seq) => ({ ...call, seq, idempotency_key: rekey(call, seq) }),
        lease,
        at,
      );
      return { payment: q, next, reported: 0 };
    }
    if (outcome.kind === 'charged') {
      const r = outcome.result;
      if (r.outcome === 'succeeded') return succeed(deps, tx, p, r.id, at);
      return settle(
        tx,
        p,
        {
          state: 'declined',
          chargeId: r.id,
          error: { code: r.code, decline_code: r.declineCode, message: r.message, payment_method: null },
        },
        'DECLINED',
        at,
      );
    }
    if (outcome.kind === 'refused') {
      // A create refused leaves no intent: the payment is over. A confirm refused leaves it as it was.
      if (call.kind === 'create') return settle(tx, p, { state: 'failed', error: outcome.error }, 'FAILED', at, true);
      return settle(tx, p, { state: 'declined', error: outcome.error }, 'DECLINED', at);
    }
    if (call.kind === 'create') {
      const intent = outcome.intent;
      await changeState(tx, p.id, { state: 'processing', intentId: intent.id, clientSecret: intent.client_secret }, at);
      const method = (await paymentMethodById(tx, p.company_id, p.payment_method_id, true))!;
      const started = await startAttempt(tx, { ...p, intent_id: intent.id }, method, lease, at);
      return { payment: started.payment, next: started.call, reported: 0 };
    }
    return applyIntent(
      deps,
      tx,
      p,
      outcome.intent,
      lease,
      at,
      (call.params as { cancellation_reason?: string }).cancellation_reason,
    );
  });
}

/** The intent as the processor shows it (retrieved, or told by a webhook), with no call of ours to record. */
export function observe(deps: PaymentDeps, payment: PaymentRow, intent: IntentState, lease: Lease): Promise<Recorded> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const p = (await lockPayment(tx, payment.id))!;
    if (TERMINAL.has(p.current_state) || unchanged(p, intent)) return { payment: p, next: null, reported: 0 };
    return applyIntent(deps, tx, p, intent, lease, at, undefined);
  });
}

/** The intent says what the payment already records (a repeated webhook, a second look): nothing to write. */
const unchanged = (p: PaymentRow, intent: IntentState) =>
  (p.current_state === 'requires_action' && intent.status === 'requires_action') ||
  (p.current_state === 'declined' &&
    intent.status === 'requires_payment_method' &&
    p.charge_id === intent.latest_charge);

/** A payment's state from its intent's; an authenticated intent (manual confirmation) is confirmed. */
async function applyIntent(
  deps: PaymentDeps,
  tx: Queryable,
  p: PaymentRow,
  intent: IntentState,
  lease: Lease,
  at: number,
  cancelReason: string | undefined,
): Promise<Recorded> {
  switch (intent.status) {
    case 'succeeded':
      return succeed(deps, tx, p, intent.latest_charge, at);
    case 'requires_action':
      return settle(
        tx,
        p,
        {
          state: 'requires_action',
          nextAction: intent.next_action,
          error: null,
          intentId: intent.id,
          clientSecret: intent.client_secret,
        },
        null,
        at,
      );
    case 'requires_payment_method': {
      const error = intent.last_error ?? {
        code: 'card_declined',
        decline_code: null,
        message: 'Your card was declined.',
        payment_method: null,
      };
      return settle(
        tx,
        p,
        { state: 'declined', chargeId: intent.latest_charge, error, nextAction: null },
        'DECLINED',
        at,
      );
    }
    case 'canceled':
      // Given up because the customer did not finish: payable again, after a failed payment (DECLINED).
      return settle(
        tx,
        p,
        { state: 'canceled', nextAction: null },
        cancelReason === 'requested_by_customer' ? null : 'DECLINED',
        at,
        true,
      );
    case 'requires_confirmation': {
      // The customer authenticated and the server has not confirmed yet: this is the confirm they wanted.
      const method = (await paymentMethodById(tx, p.company_id, p.payment_method_id, true))!;
      const started = await startAttempt(tx, p, method, lease, at, true);
      return { payment: started.payment, next: started.call, reported: 0 };
    }
    default:
      // processing (not for cards): still unknown; asked again later.
      return {
        payment: await changeState(tx, p.id, { state: 'processing', lease: null }, at),
        next: null,
        reported: 0,
      };
  }
}

/** A settled attempt: the payment's new state and its orders' (null: back as they were). */
async function settle(
  tx: Queryable,
  p: PaymentRow,
  change: Omit<StateChange, 'lease'>,
  orders: OrderStatus | null,
  at: number,
  release = false,
): Promise<Recorded> {
  const payment = await changeState(tx, p.id, { ...change, lease: null }, at);
  await settleOrders(tx, p.id, orders, at, null);
  if (release) await releaseOrders(tx, p.id);
  return { payment, next: null, reported: 0 };
}

/** Paid: once, with the orders SUCCESS, the Button reports and the coupon redemptions in the same transaction. */
async function succeed(
  deps: PaymentDeps,
  tx: Queryable,
  p: PaymentRow,
  chargeId: string | null,
  at: number,
): Promise<Recorded> {
  const payment = await changeState(
    tx,
    p.id,
    { state: 'succeeded', chargeId, error: null, nextAction: null, lease: null },
    at,
  );
  const paid = (await settleOrders(tx, p.id, 'SUCCESS', at, chargeId)).sort((a, b) => a.id.localeCompare(b.id));
  await releaseOrders(tx, p.id);
  const reported = await reportPaid(tx, deps.config, paid, { id: p.id, userId: p.user_id, at });
  await redeemCoupons(tx, paid, p.id, at);
  return { payment, next: null, reported };
}

/** What the call's row records of its outcome. */
function callAnswer(call: CallRow, outcome: Exclude<Outcome, { kind: 'unknown' }>): CallAnswer {
  switch (outcome.kind) {
    case 'again':
      return { status: 'abandoned', message: 'No answer could be had under this key; made again under a new one' };
    case 'refused':
      return {
        status: 'failed',
        code: outcome.error.code,
        declineCode: outcome.error.decline_code,
        message: outcome.error.message,
      };
    case 'charged': {
      const r = outcome.result;
      return r.outcome === 'succeeded'
        ? { status: 'succeeded', processorId: r.id }
        : { status: 'declined', processorId: r.id, code: r.code, declineCode: r.declineCode, message: r.message };
    }
    case 'intent': {
      const i = outcome.intent;
      if (call.kind === 'create') return { status: 'created', processorId: i.id };
      const status =
        i.status === 'requires_payment_method'
          ? 'declined'
          : i.status === 'requires_action' || i.status === 'succeeded' || i.status === 'canceled'
            ? i.status
            : 'abandoned';
      const error = status === 'declined' ? i.last_error : null;
      return {
        status,
        processorId: i.latest_charge,
        code: error?.code ?? null,
        declineCode: error?.decline_code ?? null,
        message: error?.message ?? null,
      };
    }
  }
}

/** A call's key under a new `seq` (its successor after an answer lost for good). */
function rekey(call: CallRow, seq: number): string {
  if (call.kind === 'charge') return `tillkit-charge-${call.payment_id}-${seq}`;
  return `tillkit-pi-${call.payment_id}-${seq}-${call.kind}`;
}
