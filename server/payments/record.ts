import type { OrderStatus } from 'tillkit/core';
import { reportPaid, reportingEnabled } from '../button/outbox.ts';
import type { Queryable } from '../db/database.ts';
import { redeemCoupons } from '../model/coupons.ts';
import type { OrderRow } from '../model/orders.ts';
import { completeCall, type CallAnswer, type CallRow } from '../model/payment-calls.ts';
import { paymentMethodById } from '../model/payment-methods.ts';
import { settleAlone, settlePayment, type Settlement } from '../model/payment-settle.ts';
import { changeState } from '../model/payment-state.ts';
import { TERMINAL_STATES, lockPaymentWithOrders, type PaymentRow } from '../model/payments.ts';
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

/**
 * Records what a call did, in one transaction: the call's answer (once: a call another process recorded
 * first is left as it is), the payment's state, its orders' statuses, and when it succeeded, the Button
 * reports and coupon redemptions, so that all of it happens exactly once with the success. An answer
 * that ends the attempt is written in one statement: alone when it is all there is to write
 * (`settleAlone`, which takes the same locks), else after the locks (`settlePayment`). A create's
 * answer writes the attempt's confirm; a create or confirm that must be made again writes its successor.
 */
export async function record(
  deps: PaymentDeps,
  payment: PaymentRow,
  call: CallRow,
  outcome: Outcome,
  lease: Lease,
): Promise<Recorded> {
  const at = deps.now();
  const answer = outcome.kind === 'unknown' ? undefined : { id: call.id, answer: callAnswer(call, outcome) };
  const ending = outcome.kind === 'unknown' ? undefined : endingOf(call, outcome);
  if (ending) {
    // Most answers end the attempt with nothing else to write: one statement, no transaction. When it
    // writes nothing (a coupon or a Button report to write too, or the payment recorded meanwhile), the
    // transaction below does the same, or finds why not.
    const settlement = { ...ending.settlement, call: answer };
    const done = await settleAlone(deps.db, payment.id, settlement, at, reportingEnabled(deps.config));
    if (done) return { payment: done.payment, next: null, reported: 0 };
  }
  return deps.db.transaction(async (tx) => {
    const locked = (await lockPaymentWithOrders(tx, payment.id))!;
    const p = locked.payment;
    if (TERMINAL_STATES.has(p.current_state)) return { payment: p, next: null, reported: 0 };
    if (!answer) return { payment: p, next: null, reported: 0 };
    if (ending) return finish(deps, tx, p, ending, answer, at);
    if (!(await completeCall(tx, call.id, answer.answer, at))) return { payment: p, next: null, reported: 0 };
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
    if (outcome.kind === 'intent' && call.kind === 'create') {
      const intent = outcome.intent;
      await changeState(tx, p.id, { state: 'processing', intentId: intent.id, clientSecret: intent.client_secret }, at);
      const method = (await paymentMethodById(tx, p.company_id, p.payment_method_id, true))!;
      const started = await startAttempt(tx, { ...p, intent_id: intent.id }, method, lease, at, false, locked.orders);
      return { payment: started.payment, next: started.call, reported: 0 };
    }
    if (outcome.kind === 'intent' && outcome.intent.status === 'requires_confirmation')
      return carryOn(tx, p, lease, at, locked.orders);
    return stillUnknown(tx, p, at);
  });
}

/** The intent as the processor shows it (retrieved, or told by a webhook), with no call of ours to record. */
export function observe(deps: PaymentDeps, payment: PaymentRow, intent: IntentState, lease: Lease): Promise<Recorded> {
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const locked = (await lockPaymentWithOrders(tx, payment.id))!;
    const p = locked.payment;
    if (TERMINAL_STATES.has(p.current_state) || unchanged(p, intent)) return { payment: p, next: null, reported: 0 };
    const ending = intentEnding(intent, undefined);
    if (ending) return finish(deps, tx, p, ending, undefined, at);
    if (intent.status === 'requires_confirmation') return carryOn(tx, p, lease, at, locked.orders);
    return stillUnknown(tx, p, at);
  });
}

/** The intent says what the payment already records (a repeated webhook, a second look): nothing to write. */
const unchanged = (p: PaymentRow, intent: IntentState) =>
  (p.current_state === 'requires_action' && intent.status === 'requires_action') ||
  (p.current_state === 'declined' &&
    intent.status === 'requires_payment_method' &&
    p.charge_id === intent.latest_charge);

/** How an answer ends the attempt, if it does; the payment's state, its orders', and whether it paid. */
interface Ending {
  readonly settlement: Omit<Settlement, 'call'>;
  readonly paid: boolean;
}

const paid = (chargeId: string | null): Ending => ({
  settlement: {
    change: { state: 'succeeded', chargeId, error: null, nextAction: null },
    orders: 'SUCCESS',
    chargeId,
    release: true,
  },
  paid: true,
});

const ended = (change: Settlement['change'], orders: OrderStatus | null, release = false): Ending => ({
  settlement: { change, orders, release },
  paid: false,
});

/** What a call's answer ends: a Charge's outcome, a refusal, or an intent's state (`intentEnding`). */
function endingOf(call: CallRow, outcome: Outcome): Ending | undefined {
  switch (outcome.kind) {
    case 'charged': {
      const r = outcome.result;
      if (r.outcome === 'succeeded') return paid(r.id);
      const error = { code: r.code, decline_code: r.declineCode, message: r.message, payment_method: null };
      return ended({ state: 'declined', chargeId: r.id, error }, 'DECLINED');
    }
    case 'refused':
      // A create refused leaves no intent: the payment is over. A confirm refused leaves it as it was.
      if (call.kind === 'create') return ended({ state: 'failed', error: outcome.error }, 'FAILED', true);
      return ended({ state: 'declined', error: outcome.error }, 'DECLINED');
    case 'intent':
      if (call.kind === 'create') return undefined;
      return intentEnding(outcome.intent, (call.params as { cancellation_reason?: string }).cancellation_reason);
    default:
      return undefined;
  }
}

/** A payment's state from its intent's, when that ends the attempt (else undefined: carry on or ask later). */
function intentEnding(intent: IntentState, cancelReason: string | undefined): Ending | undefined {
  switch (intent.status) {
    case 'succeeded':
      return paid(intent.latest_charge);
    case 'requires_action': {
      const change = {
        state: 'requires_action',
        nextAction: intent.next_action,
        error: null,
        intentId: intent.id,
        clientSecret: intent.client_secret,
      } as const;
      return ended(change, null);
    }
    case 'requires_payment_method': {
      const error = intent.last_error ?? {
        code: 'card_declined',
        decline_code: null,
        message: 'Your card was declined.',
        payment_method: null,
      };
      return ended({ state: 'declined', chargeId: intent.latest_charge, error, nextAction: null }, 'DECLINED');
    }
    case 'canceled':
      // Given up because the customer did not finish: payable again, after a failed payment (DECLINED).
      return ended(
        { state: 'canceled', nextAction: null },
        cancelReason === 'requested_by_customer' ? null : 'DECLINED',
        true,
      );
    default:
      return undefined;
  }
}

/**
 * Writes an ending in one statement (with the call's answer, when there is one), and for a success the
 * Button reports and coupon redemptions in the same transaction: once, with it.
 */
async function finish(
  deps: PaymentDeps,
  tx: Queryable,
  p: PaymentRow,
  ending: Ending,
  call: Settlement['call'],
  at: number,
): Promise<Recorded> {
  const done = await settlePayment(tx, p.id, { ...ending.settlement, call }, at);
  if (!done) return { payment: p, next: null, reported: 0 };
  if (!ending.paid) return { payment: done.payment, next: null, reported: 0 };
  // The orders paid, in id order.
  const reported = await reportPaid(tx, deps.config, done.orders, { id: p.id, userId: p.user_id, at });
  await redeemCoupons(tx, done.orders, p.id, at);
  return { payment: done.payment, next: null, reported };
}

/** The customer authenticated and the server has not confirmed yet: this is the confirm they wanted. */
async function carryOn(tx: Queryable, p: PaymentRow, lease: Lease, at: number, orders: readonly OrderRow[]) {
  const method = (await paymentMethodById(tx, p.company_id, p.payment_method_id, true))!;
  const started = await startAttempt(tx, p, method, lease, at, true, orders);
  return { payment: started.payment, next: started.call, reported: 0 };
}

/** processing (not for cards): still unknown; asked again later. */
async function stillUnknown(tx: Queryable, p: PaymentRow, at: number): Promise<Recorded> {
  return { payment: await changeState(tx, p.id, { state: 'processing', lease: null }, at), next: null, reported: 0 };
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
