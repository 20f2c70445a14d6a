import { knownCharges, type CallRow } from '../model/payment-calls.ts';
import type { PaymentMethodRow } from '../model/payment-methods.ts';
import type { PaymentRow } from '../model/payments.ts';
import type { ChargeResult } from './legacy-types.ts';
import {
  ProcessorUnavailable,
  type AttemptError,
  type CancelParams,
  type ConfirmParams,
  type IntentAnswer,
  type IntentParams,
  type IntentState,
  type PaymentProcessor,
} from './processor.ts';
import type { Queryable } from '../db/database.ts';

/** What became of a call, as far as the processor told. */
export type Outcome =
  | { readonly kind: 'intent'; readonly intent: IntentState }
  | { readonly kind: 'refused'; readonly error: AttemptError }
  | { readonly kind: 'charged'; readonly result: ChargeResult }
  /** The call never took effect and its key can only get an error back: make it again under a new key. */
  | { readonly kind: 'again' }
  | { readonly kind: 'unknown'; readonly reason: string };

const fromAnswer = (answer: IntentAnswer): Outcome =>
  answer.kind === 'intent' ? { kind: 'intent', intent: answer.intent } : { kind: 'refused', error: answer.error };

/** Runs a processor call; no answer is `unknown`, an answered server error `again` when that is safe. */
async function ask(run: () => Promise<Outcome>, answeredErrorMeansAgain: boolean): Promise<Outcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProcessorUnavailable) {
      return error.answered && answeredErrorMeansAgain ? { kind: 'again' } : { kind: 'unknown', reason: error.message };
    }
    return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sends a written call, or (`fresh` false: it was sent before and its answer was lost) finds out what it
 * did, by asking the processor: the same request again under the same key (Stripe answers from its
 * memory, or runs it if it never arrived), or the PaymentIntent itself. Never anything that could make a
 * second charge: a create is unconfirmed (no money moves), a new confirm goes to the same intent (which
 * succeeds at most once), and a Charge is only given up once the processor shows it was not made.
 */
export async function send(
  db: Queryable,
  processor: PaymentProcessor,
  payment: PaymentRow,
  call: CallRow,
  method: PaymentMethodRow | undefined,
  fresh: boolean,
): Promise<Outcome> {
  const key = call.idempotency_key;
  switch (call.kind) {
    case 'create':
      // An unconfirmed intent with manual confirmation can never charge: one whose creation is in doubt
      // is simply left, and another made.
      return ask(
        async () => fromAnswer(await processor.createIntent(call.params as unknown as IntentParams, key)),
        true,
      );
    case 'confirm':
    case 'cancel': {
      const run = async () => {
        const params = call.params as unknown as ConfirmParams & CancelParams;
        const intent = payment.intent_id!;
        const answer =
          call.kind === 'confirm'
            ? await processor.confirmIntent(intent, params, key)
            : await processor.cancelIntent(intent, params, key);
        return fromAnswer(answer);
      };
      if (fresh) return ask(run, false);
      const seen = await ask(
        async () => ({ kind: 'intent', intent: await processor.retrieveIntent(payment.intent_id!) }),
        false,
      );
      if (seen.kind !== 'intent') return seen;
      if (await tookEffect(db, payment, call, seen.intent)) return seen;
      // The intent shows the call never took effect: the identical request again, or a new one if its
      // key only remembers an error (the intent itself still succeeds at most once).
      return ask(run, true);
    }
    case 'charge':
      return sendCharge(processor, call, method!, fresh);
  }
}

/** Whether the intent as it now is shows the effect of `call` (made earlier, its answer lost). */
async function tookEffect(db: Queryable, payment: PaymentRow, call: CallRow, intent: IntentState): Promise<boolean> {
  if (call.kind === 'cancel') return intent.status === 'canceled' || intent.status === 'succeeded';
  switch (intent.status) {
    case 'requires_confirmation':
      return false;
    case 'requires_action':
      // Asking for authentication of this attempt's card, not of an earlier one's.
      return (
        intent.payment_method === ((call.params as { payment_method?: string }).payment_method ?? intent.payment_method)
      );
    case 'requires_payment_method':
      // Declined by this attempt, if its charge is one no earlier attempt of the payment got.
      return intent.latest_charge !== null && !(await knownCharges(db, payment.id)).has(intent.latest_charge);
    default:
      return true;
  }
}

async function sendCharge(
  processor: PaymentProcessor,
  call: CallRow,
  method: PaymentMethodRow,
  fresh: boolean,
): Promise<Outcome> {
  const p = call.params as { amount: number; description: string; metadata: Record<string, string> };
  const request = {
    amount: p.amount,
    currency: call.currency,
    customerId: method.customer_id,
    card: method.card,
    token: method.token ?? '',
    idempotencyKey: call.idempotency_key,
    description: p.description,
    metadata: p.metadata,
  };
  try {
    return { kind: 'charged', result: await processor.charge(request) };
  } catch (error) {
    const answered = error instanceof ProcessorUnavailable && error.answered;
    if (fresh || !answered) return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
  // Asked again, the key only gives back a server error: the processor kept it. A Charge has no intent
  // to ask, so look for the charge itself among the customer's; not there means it was not made.
  try {
    const found = await processor.findCharge(method.customer_id, call.idempotency_key);
    return {
      kind: 'charged',
      result: found ?? {
        outcome: 'declined',
        id: null,
        code: 'processing_error',
        declineCode: null,
        message: 'The payment processor could not make this charge. Please try again.',
      },
    };
  } catch (error) {
    return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
}
