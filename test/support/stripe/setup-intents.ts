// SetupIntents: saving a card for later. Confirming one with a card succeeds (the card is attached to
// the intent's customer and counts as set up), asks for authentication first (requires_action), or is
// refused: issuer-decline test cards can't be saved, so they answer 402 card_error carrying the intent.
import type Stripe from 'stripe';
import { nextAction, openChallenge, closeChallenges } from './authentication.ts';
import { attach, claimPaymentMethod, facts, refuseIncompatible, resolvePaymentMethod } from './charging.ts';
import { emit, type Ctx } from './context.ts';
import { cardError, invalidParam, noSuch, unexpectedState } from './errors.ts';
import { clientSecret, paymentMethodsOf, REDIRECTS_NEED_RETURN_URL, TYPE_LISTS } from './payment-intent-object.ts';
import { newId, type Store } from './store.ts';

type Intent = Stripe.SetupIntent;
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

function find(ctx: Ctx): Intent {
  const intent = ctx.store.find(ctx.store.setupIntents, ctx.path.id!, ctx.account);
  if (!intent) throw noSuch('setup_intent', ctx.path.id!);
  return intent;
}

export function createSetupIntent(ctx: Ctx): Intent {
  const p = ctx.params.only(
    'customer',
    'description',
    'metadata',
    'usage',
    'automatic_payment_methods',
    ...TYPE_LISTS,
    'payment_method',
    'confirm',
    'return_url',
  );
  const customer = p.string('customer') ?? null;
  if (customer && !ctx.store.find(ctx.store.customers, customer, ctx.account)) {
    throw noSuch('customer', customer, 'customer');
  }
  const confirm = p.boolean('confirm') ?? false;
  if (p.has('return_url') && !confirm)
    throw invalidParam('You can only pass return_url when confirm is true.', 'return_url');
  const methods = paymentMethodsOf(p);
  const id = newId('seti');
  const intent: Intent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: methods.allowed_payment_method_types,
    application: null,
    automatic_payment_methods: methods.automatic_payment_methods,
    cancellation_reason: null,
    client_secret: clientSecret(id),
    created: ctx.store.clock.seconds(),
    customer,
    customer_account: null,
    description: p.string('description') ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: p.metadata(),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: methods.automatic_payment_methods
      ? { id: 'pmc_standin_default', parent: null }
      : null,
    payment_method_options: {
      card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: methods.payment_method_types,
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: p.oneOf('usage', ['off_session', 'on_session']) ?? 'off_session',
  };
  const pm = p.string('payment_method');
  if (pm !== undefined) {
    intent.payment_method = resolvePaymentMethod(ctx, pm, 'payment_method').id;
    intent.status = 'requires_confirmation';
  }
  ctx.store.setupIntents.set(id, intent);
  ctx.store.own(id, ctx.account);
  emit(ctx.store, ctx, 'setup_intent.created', intent);
  return confirm ? confirmIntent(ctx, intent) : intent;
}

export function retrieveSetupIntent(ctx: Ctx): Intent {
  ctx.params.only('client_secret');
  return find(ctx);
}

export function confirmSetupIntent(ctx: Ctx): Intent {
  ctx.params.only('payment_method', 'return_url', 'mandate_data', 'client_secret', 'use_stripe_sdk');
  return confirmIntent(ctx, find(ctx));
}

function confirmIntent(ctx: Ctx, intent: Intent): Intent {
  const p = ctx.params;
  if (!CONFIRMABLE.includes(intent.status)) {
    const message =
      intent.status === 'succeeded'
        ? 'You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`;
    throw unexpectedState('setup_intent_unexpected_state', message, { setup_intent: structuredClone(intent) });
  }
  const returnUrl = p.string('return_url') ?? ctx.store.returnUrls.get(intent.id) ?? null;
  if (intent.automatic_payment_methods?.enabled && intent.automatic_payment_methods.allow_redirects !== 'never') {
    if (returnUrl === null)
      throw invalidParam(REDIRECTS_NEED_RETURN_URL.replace('PaymentIntent', 'SetupIntent'), 'return_url');
  }
  const pmId = p.string('payment_method');
  if (pmId !== undefined) intent.payment_method = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
  if (!intent.payment_method) {
    throw unexpectedState(
      'setup_intent_unexpected_state',
      "You cannot confirm this SetupIntent because it's missing a payment method. To confirm a SetupIntent, either provide a payment_method or update the SetupIntent with one first.",
      { setup_intent: structuredClone(intent) },
    );
  }
  const pm = ctx.store.paymentMethods.get(intent.payment_method as string)!;
  refuseIncompatible(intent, pm);
  claimPaymentMethod(ctx.store, pm, intent.id, intent.customer as string | null);
  if (returnUrl !== null) ctx.store.returnUrls.set(intent.id, returnUrl);
  intent.last_setup_error = null;
  intent.latest_attempt = newId('setatt');
  const card = facts(ctx.store, pm).card;
  if (!card.attachable) {
    closeChallenges(ctx.store, intent.id);
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.next_action = null;
    intent.last_setup_error = {
      type: 'card_error',
      code: card.decline!.code,
      ...(card.decline!.decline_code ? { decline_code: card.decline!.decline_code } : {}),
      message: card.decline!.message,
      payment_method: structuredClone(pm),
    };
    emit(ctx.store, ctx, 'setup_intent.setup_failed', intent);
    throw cardError(card.decline!, { setup_intent: structuredClone(intent), payment_method: structuredClone(pm) });
  }
  if (card.authOnSetup) {
    const challenge = openChallenge(ctx.store, intent.id, returnUrl);
    intent.status = 'requires_action';
    intent.next_action = nextAction(ctx.baseUrl, challenge);
    emit(ctx.store, ctx, 'setup_intent.requires_action', intent);
    return intent;
  }
  return succeed(ctx, ctx.store, intent);
}

function succeed(events: Pick<Ctx, 'requestId' | 'idempotencyKey'> | null, store: Store, intent: Intent): Intent {
  const pm = store.paymentMethods.get(intent.payment_method as string)!;
  closeChallenges(store, intent.id);
  if (intent.customer) attach(events, store, pm, intent.customer as string, intent.id);
  facts(store, pm).setUp = true;
  intent.status = 'succeeded';
  intent.next_action = null;
  emit(store, events, 'setup_intent.succeeded', intent);
  return intent;
}

export function cancelSetupIntent(ctx: Ctx): Intent {
  const p = ctx.params.only('cancellation_reason');
  const intent = find(ctx);
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      'setup_intent_unexpected_state',
      `You cannot cancel this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CONFIRMABLE.join(', ')}.`,
      { setup_intent: structuredClone(intent) },
    );
  }
  closeChallenges(ctx.store, intent.id);
  intent.status = 'canceled';
  intent.next_action = null;
  intent.cancellation_reason =
    p.oneOf('cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer']) ?? null;
  emit(ctx.store, ctx, 'setup_intent.canceled', intent);
  return intent;
}

/** The customer finished (or failed) the challenge of a SetupIntent: no second confirmation needed. */
export function settleSetupAuthentication(store: Store, intent: Intent, outcome: 'complete' | 'fail'): void {
  if (outcome === 'complete') {
    succeed(null, store, intent);
    return;
  }
  const pm = store.paymentMethods.get(intent.payment_method as string) ?? null;
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.next_action = null;
  intent.last_setup_error = {
    type: 'invalid_request_error',
    code: 'setup_intent_authentication_failure',
    doc_url: 'https://docs.stripe.com/error-codes/setup-intent-authentication-failure',
    message:
      'The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method to attempt to fulfill this SetupIntent again.',
    ...(pm ? { payment_method: structuredClone(pm) } : {}),
  };
  emit(store, null, 'setup_intent.setup_failed', intent);
}
