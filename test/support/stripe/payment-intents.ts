// PaymentIntents as Stripe's lifecycle runs them: requires_payment_method → (confirm) → requires_action
// → succeeded, or back to requires_payment_method with last_payment_error after a decline or a failed
// authentication; canceled from any non-terminal status. An intent succeeds at most once: confirming a
// succeeded intent is a 400 payment_intent_unexpected_state, and each success has its charge.
import type Stripe from 'stripe';
import { AUTHENTICATION_REQUIRED } from './cards.ts';
import { closeChallenges, nextAction, openChallenge } from './authentication.ts';
import {
  asksForAuthentication,
  attach,
  claimPaymentMethod,
  facts,
  issuerAnswer,
  makeCharge,
  refuseIncompatible,
  resolvePaymentMethod,
} from './charging.ts';
import { emit, type Ctx } from './context.ts';
import { cardError, invalidParam, noSuch, unexpectedState, type Decline } from './errors.ts';
import type { Store } from './store.ts';
import { amount as readAmount, currency as readCurrency } from './params.ts';
import {
  paymentIntentObject,
  paymentMethodsOf,
  REDIRECTS_NEED_RETURN_URL,
  TYPE_LISTS,
} from './payment-intent-object.ts';

type Intent = Stripe.PaymentIntent;
type Events = Pick<Ctx, 'requestId' | 'idempotencyKey'> | null;

const CONFIRM_PARAMS = [
  'payment_method',
  'return_url',
  'off_session',
  'error_on_requires_action',
  'setup_future_usage',
];
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function find(ctx: Ctx, id = ctx.path.id!): Intent {
  const intent = ctx.store.find(ctx.store.paymentIntents, id, ctx.account);
  if (!intent) throw noSuch('payment_intent', id);
  return intent;
}

export function createPaymentIntent(ctx: Ctx): Intent {
  const p = ctx.params.only(
    'amount',
    'currency',
    'customer',
    'description',
    'metadata',
    'capture_method',
    'confirmation_method',
    'confirm',
    'automatic_payment_methods',
    ...TYPE_LISTS,
    'receipt_email',
    'statement_descriptor_suffix',
    ...CONFIRM_PARAMS,
  );
  const currency = readCurrency(p);
  const amount = readAmount(p, currency);
  const confirm = p.boolean('confirm') ?? false;
  for (const key of ['return_url', 'off_session', 'error_on_requires_action']) {
    if (p.has(key) && !confirm) throw invalidParam(`You can only pass ${key} when confirm is true.`, key);
  }
  const captureMethod = p.oneOf('capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async';
  if (captureMethod === 'manual') {
    throw invalidParam('The Stripe stand-in does not support capture_method=manual.', 'capture_method');
  }
  const customer = p.string('customer') ?? null;
  if (customer && !ctx.store.find(ctx.store.customers, customer, ctx.account)) {
    throw noSuch('customer', customer, 'customer');
  }
  const pm = p.string('payment_method');
  const intent = paymentIntentObject(ctx.store.clock.seconds(), {
    amount,
    currency,
    customer,
    capture_method: captureMethod,
    confirmation_method: p.oneOf('confirmation_method', ['automatic', 'manual']) ?? 'automatic',
    description: p.string('description') ?? null,
    metadata: p.metadata(),
    receipt_email: p.string('receipt_email') ?? null,
    setup_future_usage: p.oneOf('setup_future_usage', ['off_session', 'on_session']) ?? null,
    statement_descriptor_suffix: p.string('statement_descriptor_suffix') ?? null,
    ...paymentMethodsOf(p),
  });
  if (pm !== undefined) {
    intent.payment_method = resolvePaymentMethod(ctx, pm, 'payment_method').id;
    intent.status = 'requires_confirmation';
  }
  ctx.store.paymentIntents.set(intent.id, intent);
  ctx.store.own(intent.id, ctx.account);
  emit(ctx.store, ctx, 'payment_intent.created', intent);
  return confirm ? confirmIntent(ctx, intent) : intent;
}

export function retrievePaymentIntent(ctx: Ctx): Intent {
  ctx.params.only('client_secret');
  return find(ctx);
}

export function confirmPaymentIntent(ctx: Ctx): Intent {
  ctx.params.only(...CONFIRM_PARAMS, 'client_secret');
  return confirmIntent(ctx, find(ctx));
}

function confirmIntent(ctx: Ctx, intent: Intent): Intent {
  const p = ctx.params;
  if (!CONFIRMABLE.includes(intent.status)) {
    const message =
      intent.status === 'succeeded'
        ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`;
    throw unexpectedState('payment_intent_unexpected_state', message, { payment_intent: structuredClone(intent) });
  }
  const returnUrl = p.string('return_url') ?? ctx.store.returnUrls.get(intent.id) ?? null;
  if (intent.automatic_payment_methods?.enabled && intent.automatic_payment_methods.allow_redirects !== 'never') {
    if (returnUrl === null) throw invalidParam(REDIRECTS_NEED_RETURN_URL, 'return_url');
  }
  const pmId = p.string('payment_method');
  if (pmId !== undefined) {
    // Another card: whatever was authenticated before does not count for it.
    ctx.store.authenticated.delete(intent.id);
    intent.payment_method = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
  }
  if (!intent.payment_method) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm a PaymentIntent, either provide a payment_method or update the PaymentIntent with one first.",
      { payment_intent: structuredClone(intent) },
    );
  }
  const pm = ctx.store.paymentMethods.get(intent.payment_method as string)!;
  refuseIncompatible(intent, pm);
  claimPaymentMethod(ctx.store, pm, intent.id, intent.customer as string | null);
  if (p.has('setup_future_usage')) {
    intent.setup_future_usage = p.oneOf('setup_future_usage', ['off_session', 'on_session']) ?? null;
  }
  if (returnUrl !== null) ctx.store.returnUrls.set(intent.id, returnUrl);
  intent.last_payment_error = null;
  const offSession = p.boolean('off_session') ?? false;
  const alreadyAuthenticated = ctx.store.authenticated.has(intent.id) && intent.status === 'requires_confirmation';
  if (!alreadyAuthenticated && asksForAuthentication(facts(ctx.store, pm), offSession)) {
    if (offSession || p.boolean('error_on_requires_action')) {
      return decline(ctx, ctx.store, ctx.account, intent, AUTHENTICATION_REQUIRED);
    }
    const challenge = openChallenge(ctx.store, intent.id, returnUrl);
    intent.status = 'requires_action';
    intent.next_action = nextAction(ctx.baseUrl, challenge);
    emit(ctx.store, ctx, 'payment_intent.requires_action', intent);
    return intent;
  }
  return pay(ctx, ctx.store, ctx.account, intent, alreadyAuthenticated);
}

/** Charges the intent's card: succeeded, or declined (402 card_error carrying the intent). */
function pay(events: Events, store: Store, account: string, intent: Intent, threeDSecure: boolean): Intent {
  const pm = store.paymentMethods.get(intent.payment_method as string)!;
  const f = facts(store, pm);
  const refusal = issuerAnswer(store, f.card);
  if (refusal) return decline(events, store, account, intent, refusal, threeDSecure);
  const { charge } = makeCharge(events, store, account, chargeInput(store, intent, pm, threeDSecure, null));
  closeChallenges(store, intent.id);
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.latest_charge = charge.id;
  intent.next_action = null;
  if (intent.setup_future_usage && intent.customer) {
    attach(events, store, pm, intent.customer as string, intent.id);
    f.setUp = true;
  }
  emit(store, events, 'payment_intent.succeeded', intent);
  return intent;
}

function decline(
  events: Events,
  store: Store,
  account: string,
  intent: Intent,
  reason: Decline,
  threeDSecure = false,
): never {
  const pm = store.paymentMethods.get(intent.payment_method as string)!;
  const { charge } = makeCharge(events, store, account, chargeInput(store, intent, pm, threeDSecure, reason));
  closeChallenges(store, intent.id);
  intent.status = 'requires_payment_method';
  intent.latest_charge = charge.id;
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: 'card_error',
    charge: charge.id,
    code: reason.code,
    ...(reason.decline_code ? { decline_code: reason.decline_code } : {}),
    doc_url: `https://docs.stripe.com/error-codes/${reason.code.replaceAll('_', '-')}`,
    message: reason.message,
    payment_method: structuredClone(pm),
  };
  emit(store, events, 'payment_intent.payment_failed', intent);
  throw cardError(reason, {
    charge: charge.id,
    payment_intent: structuredClone(intent),
    payment_method: structuredClone(pm),
  });
}

function chargeInput(
  store: Store,
  intent: Intent,
  pm: Stripe.PaymentMethod,
  threeDSecure: boolean,
  reason: Decline | null,
) {
  return {
    amount: intent.amount,
    currency: intent.currency,
    customer: intent.customer as string | null,
    description: intent.description,
    metadata: intent.metadata,
    card: facts(store, pm).card,
    link: pm.type === 'link',
    decline: reason,
    paymentIntent: intent.id,
    paymentMethod: pm.id,
    source: null,
    threeDSecure,
  };
}

/**
 * The customer finished (or failed) the 3-D Secure challenge. With automatic confirmation Stripe goes on
 * to charge; with manual confirmation the intent waits in requires_confirmation for the server.
 */
export function settlePaymentAuthentication(store: Store, intent: Intent, outcome: 'complete' | 'fail'): void {
  const account = store.ownedBy(intent.id)!;
  intent.next_action = null;
  if (outcome === 'fail') {
    const pm = store.paymentMethods.get(intent.payment_method as string) ?? null;
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_payment_error = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://docs.stripe.com/error-codes/payment-intent-authentication-failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      ...(pm ? { payment_method: structuredClone(pm) } : {}),
    };
    emit(store, null, 'payment_intent.payment_failed', intent);
    return;
  }
  if (intent.confirmation_method === 'manual') {
    intent.status = 'requires_confirmation';
    store.authenticated.add(intent.id);
    return;
  }
  try {
    pay(null, store, account, intent, true);
  } catch {
    // A decline after authentication: the intent records it; nobody is waiting for a 402.
  }
}
