// Changing a PaymentIntent: update (amount, currency and card only while it can still be paid; metadata
// and description always, as Stripe allows), and cancel from any non-terminal status.
import type Stripe from 'stripe';
import { closeChallenges } from './authentication.ts';
import { resolvePaymentMethod } from './charging.ts';
import { emit, type Ctx } from './context.ts';
import { noSuch, unexpectedState } from './errors.ts';
import { amount as readAmount, currency as readCurrency } from './params.ts';
import { find } from './payment-intents.ts';

type Intent = Stripe.PaymentIntent;
const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export function updatePaymentIntent(ctx: Ctx): Intent {
  const p = ctx.params.only(
    'amount',
    'currency',
    'customer',
    'description',
    'metadata',
    'payment_method',
    'receipt_email',
    'setup_future_usage',
    'statement_descriptor_suffix',
  );
  const intent = find(ctx);
  const locked = ['succeeded', 'canceled', 'processing'].includes(intent.status);
  for (const field of ['amount', 'currency', 'payment_method', 'customer', 'setup_future_usage']) {
    if (p.has(field) && locked) {
      throw unexpectedState(
        'payment_intent_unexpected_state',
        `This PaymentIntent's ${field} could not be updated because it has a status of ${intent.status}. You may only update the ${field} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
        { payment_intent: structuredClone(intent) },
      );
    }
  }
  let reconfirm = false;
  if (p.has('currency')) intent.currency = readCurrency(p);
  if (p.has('amount')) {
    intent.amount = readAmount(p, intent.currency);
    reconfirm = true;
  }
  if (p.has('customer')) {
    const customer = p.required('customer');
    if (!ctx.store.find(ctx.store.customers, customer, ctx.account)) throw noSuch('customer', customer, 'customer');
    intent.customer = customer;
  }
  if (p.has('payment_method')) {
    intent.payment_method = resolvePaymentMethod(ctx, p.required('payment_method'), 'payment_method').id;
    reconfirm = true;
  }
  if (p.has('setup_future_usage')) {
    intent.setup_future_usage = p.oneOf('setup_future_usage', ['off_session', 'on_session']) ?? null;
  }
  if (p.has('description')) intent.description = p.string('description') || null;
  if (p.has('receipt_email')) intent.receipt_email = p.string('receipt_email') || null;
  intent.metadata = p.metadata(intent.metadata);
  // Assumed: a changed amount or card voids a pending authentication; the intent needs confirming again.
  if (reconfirm && intent.payment_method && intent.status !== 'requires_payment_method') {
    closeChallenges(ctx.store, intent.id);
    intent.next_action = null;
    intent.status = 'requires_confirmation';
  } else if (reconfirm && intent.payment_method) {
    intent.status = 'requires_confirmation';
  }
  return intent;
}

export function cancelPaymentIntent(ctx: Ctx): Intent {
  const p = ctx.params.only('cancellation_reason');
  const intent = find(ctx);
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      { payment_intent: structuredClone(intent) },
    );
  }
  closeChallenges(ctx.store, intent.id);
  intent.status = 'canceled';
  intent.canceled_at = ctx.store.clock.seconds();
  intent.cancellation_reason =
    p.oneOf('cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']) ?? null;
  intent.next_action = null;
  emit(ctx.store, ctx, 'payment_intent.canceled', intent);
  return intent;
}
