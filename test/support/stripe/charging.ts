// What paying with a card does, shared by PaymentIntents, SetupIntents and the legacy Charges API:
// test PaymentMethods cloned into real ones, attaching to customers, whether the bank asks for 3-D Secure,
// and making the charge (succeeded or failed) the issuer's answer calls for.
import type Stripe from 'stripe';
import { LINK_CARD, testPaymentMethod, type TestCard } from './cards.ts';
import { emit, type Ctx } from './context.ts';
import { cardError, noSuch, refused, type Decline } from './errors.ts';
import { chargeObject, linkPaymentMethodObject, paymentMethodObject, type ChargeInput } from './objects.ts';
import type { PaymentMethodFacts, Store } from './store.ts';

export const USED_ELSEWHERE =
  'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.';

/** A new PaymentMethod for a test card, as test mode makes one for each use of `pm_card_…`. */
export function newPaymentMethod(ctx: Ctx, card: TestCard): Stripe.PaymentMethod {
  return keep(ctx, paymentMethodObject(card, ctx.store.clock.seconds()), card);
}

/** A new Link PaymentMethod (the one the Payment Element makes when the customer pays with Link). */
export const newLinkPaymentMethod = (ctx: Ctx, email: string | null): Stripe.PaymentMethod =>
  keep(ctx, linkPaymentMethodObject(email, ctx.store.clock.seconds()), LINK_CARD);

function keep(ctx: Ctx, pm: Stripe.PaymentMethod, card: TestCard): Stripe.PaymentMethod {
  ctx.store.paymentMethods.set(pm.id, pm);
  ctx.store.paymentMethodFacts.set(pm.id, { card, setUp: false, usedBy: null });
  ctx.store.own(pm.id, ctx.account);
  return pm;
}

/** `pm_card_visa` (cloned) or an existing `pm_…` of the account; 400/404 resource_missing otherwise. */
export function resolvePaymentMethod(ctx: Ctx, id: string, param?: string): Stripe.PaymentMethod {
  const test = testPaymentMethod(id);
  if (test) return newPaymentMethod(ctx, test);
  const pm = ctx.store.find(ctx.store.paymentMethods, id, ctx.account);
  if (!pm) throw noSuch('PaymentMethod', id, param);
  return pm;
}

export function facts(store: Store, pm: Stripe.PaymentMethod): PaymentMethodFacts {
  return store.paymentMethodFacts.get(pm.id)!;
}

/**
 * Refuses a PaymentMethod whose type the intent does not allow (its `payment_method_types`), as Stripe
 * does: 400 `payment_intent_incompatible_payment_method`; for a SetupIntent the stand-in answers
 * `setup_intent_invalid_parameter` (Stripe's list of codes has no SetupIntent twin of the first).
 */
export function refuseIncompatible(
  intent: Pick<Stripe.PaymentIntent | Stripe.SetupIntent, 'object' | 'payment_method_types'>,
  pm: Stripe.PaymentMethod,
): void {
  if (intent.payment_method_types.includes(pm.type)) return;
  const kind = intent.object === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent';
  throw refused(
    `The PaymentMethod provided (${pm.type}) is not allowed for this ${kind}. Please attach a PaymentMethod of one of the following types: ${intent.payment_method_types.join(', ')}. Alternatively update the allowed payment method types for this ${kind} to include "${pm.type}".`,
    'payment_method',
    intent.object === 'payment_intent'
      ? 'payment_intent_incompatible_payment_method'
      : 'setup_intent_invalid_parameter',
  );
}

/**
 * Checks that `pm` may be used by `intent` for `customer`: a PaymentMethod attached to a customer only
 * with that customer, an unattached one by one intent only.
 */
export function claimPaymentMethod(store: Store, pm: Stripe.PaymentMethod, intent: string, customer: string | null) {
  if (pm.customer && pm.customer !== customer) {
    throw refused(
      `The provided PaymentMethod ${pm.id} is attached to the Customer ${pm.customer as string}, not to the Customer of this intent. Pass that Customer in the customer parameter.`,
      'payment_method',
    );
  }
  const f = facts(store, pm);
  if (!pm.customer) {
    if (f.usedBy && f.usedBy !== intent) throw refused(USED_ELSEWHERE, 'payment_method');
    f.usedBy = intent;
  }
}

/**
 * Attaches `pm` to `customer`: PaymentMethods attach (`by` null), or the intent `by` that used it (a
 * succeeded SetupIntent, a payment with setup_future_usage).
 */
export function attach(
  ctx: Pick<Ctx, 'requestId' | 'idempotencyKey'> | null,
  store: Store,
  pm: Stripe.PaymentMethod,
  customer: string,
  by: string | null,
): void {
  if (pm.customer === customer) return;
  if (pm.customer) {
    throw refused('The payment method you provided has already been attached to a customer.', 'payment_method');
  }
  const f = facts(store, pm);
  if (f.usedBy && f.usedBy !== by) throw refused(USED_ELSEWHERE, 'payment_method');
  pm.customer = customer;
  emit(store, ctx, 'payment_method.attached', pm);
}

/** The refusal an issuer-decline card meets when it is attached or set up. */
export function refuseUnattachable(card: TestCard, extra: Omit<Stripe.StripeRawError, 'type' | 'code'> = {}): void {
  if (!card.attachable) throw cardError(card.decline!, extra);
}

/** Whether a payment with this card asks the customer to authenticate. */
export function asksForAuthentication(f: PaymentMethodFacts, offSession: boolean): boolean {
  switch (f.card.auth) {
    case 'none':
      return false;
    case 'always':
      return true;
    case 'unless_set_up':
      return !f.setUp;
    case 'on_session':
      return !offSession;
  }
}

/** What the issuer answers a charge: a decline a test asked for, the card's own decline, or none. */
export function issuerAnswer(store: Store, card: TestCard): Decline | null {
  return store.issuerDeclines.shift() ?? card.decline ?? null;
}

/** Makes the charge: `succeeded`, or `failed` with the issuer's decline (or `decline` when given). */
export function makeCharge(
  ctx: Pick<Ctx, 'requestId' | 'idempotencyKey'> | null,
  store: Store,
  account: string,
  input: Omit<ChargeInput, 'created' | 'decline'> & { decline?: Decline | null },
): { charge: Stripe.Charge; decline: Decline | null } {
  const decline = input.decline === undefined ? issuerAnswer(store, input.card) : input.decline;
  const charge = chargeObject({ ...input, decline, created: store.clock.seconds() });
  store.charges.set(charge.id, charge);
  store.own(charge.id, account);
  emit(store, ctx, decline ? 'charge.failed' : 'charge.succeeded', charge);
  return { charge, decline };
}
