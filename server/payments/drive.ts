import { pendingCall, type CallRow } from '../model/payment-calls.ts';
import { paymentMethodById, type PaymentMethodRow } from '../model/payment-methods.ts';
import { releaseLease } from '../model/payment-state.ts';
import type { PaymentRow } from '../model/payments.ts';
import { observe, record, type Recorded } from './record.ts';
import { send } from './send.ts';
import type { Lease, PaymentDeps } from './steps.ts';

/** More steps than any payment takes (create, confirm, a repeat or two): past them, let it go. */
const MAX_STEPS = 8;

const reload = async (deps: PaymentDeps, id: string) =>
  (await deps.db.query<PaymentRow>(`SELECT * FROM payments WHERE id = $1`, [id]))[0]!;

/**
 * Carries a payment forward under the caller's lease: sends its written call (or, `fresh` false, finds
 * out what an earlier send of it did), records the answer, and goes on with the call that follows (a
 * create's confirm) until the payment waits for someone (a decline, an authentication, a success) or
 * the processor can not be reached. Then the lease is let go: an unknown outcome is the next caller's, or
 * the reconciler's, to settle by asking. Returns the payment as it now is. `card`: the payment method
 * the request named, when it has it (a Charge needs the card; read otherwise).
 */
export async function drive(
  deps: PaymentDeps,
  payment: PaymentRow,
  call: CallRow,
  lease: Lease,
  fresh: boolean,
  card?: PaymentMethodRow,
): Promise<PaymentRow> {
  let p = payment;
  let current: CallRow | null = call;
  let isFresh = fresh;
  for (let step = 0; current && step < MAX_STEPS; step++) {
    // Only a Charge needs the card itself (an intent has it).
    const method =
      current.kind !== 'charge' || !current.payment_method_id
        ? undefined
        : card?.id === current.payment_method_id
          ? card
          : await paymentMethodById(deps.db, p.company_id, current.payment_method_id, true);
    const outcome = await send(deps.db, deps.processor, p, current, method, isFresh);
    if (outcome.kind === 'unknown') {
      console.error(`payment ${p.id}: no answer to ${current.kind} ${current.idempotency_key}: ${outcome.reason}`);
      break;
    }
    const recorded: Recorded = await record(deps, p, current, outcome, lease);
    if (recorded.reported) deps.reporter?.wake();
    p = recorded.payment;
    current = recorded.next;
    isFresh = true;
    // Settled (the lease was let go with it) or waiting for the customer: this is the payment as it is.
    if (!current && p.current_state !== 'processing') return p;
  }
  await releaseLease(deps.db, p.id, lease.token);
  return reload(deps, p.id);
}

/**
 * Settles a payment whose outcome is unknown (a call written, its answer lost): its pending call is asked
 * about and carried on. Under the caller's lease.
 */
export async function resolve(deps: PaymentDeps, payment: PaymentRow, lease: Lease): Promise<PaymentRow> {
  const call = await pendingCall(deps.db, payment.id);
  if (call) return drive(deps, payment, call, lease, false);
  // Nothing pending (a payment settled meanwhile, or written by an older server): ask the intent.
  if (payment.kind === 'intent' && payment.intent_id) return check(deps, payment, lease);
  await releaseLease(deps.db, payment.id, lease.token);
  return reload(deps, payment.id);
}

/**
 * Asks the processor how the payment's intent is, and records it: an authentication completed (then the
 * server confirms, as the customer wanted), failed (declined), or still pending. Under the caller's lease.
 */
export async function check(deps: PaymentDeps, payment: PaymentRow, lease: Lease): Promise<PaymentRow> {
  let recorded: Recorded;
  try {
    recorded = await observe(deps, payment, await deps.processor.retrieveIntent(payment.intent_id!), lease);
  } catch (error) {
    console.error(
      `payment ${payment.id}: the processor could not be asked: ${error instanceof Error ? error.message : String(error)}`,
    );
    await releaseLease(deps.db, payment.id, lease.token);
    return reload(deps, payment.id);
  }
  if (recorded.reported) deps.reporter?.wake();
  if (recorded.next) return drive(deps, recorded.payment, recorded.next, lease, true);
  await releaseLease(deps.db, payment.id, lease.token);
  return reload(deps, payment.id);
}
