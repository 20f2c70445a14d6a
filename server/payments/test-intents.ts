import { PaymentMethodError } from './legacy-types.ts';
import type { AttemptError, ConfirmParams, IntentParams, IntentState, NextAction, SetupState } from './processor.ts';
import { testPaymentMethod, TEST_PAYMENT_METHODS, type TestCard } from './test-cards.ts';
import { testId, type TestTx } from './test-store.ts';

/**
 * The `test` processor's SetupIntents and PaymentIntents, with Stripe's rules for its test cards: a
 * `pm_card_…` id makes a new PaymentMethod each time it is used; cards that simulate issuer declines can
 * not be saved; 3-D Secure is asked for as each card documents, through a page of this server
 * (`/test-processor/authenticate/<id>`); with manual confirmation an authenticated intent waits in
 * `requires_confirmation` for the server; an intent succeeds at most once.
 */

export interface TestPaymentMethod {
  readonly id: string;
  /** The name after `pm_card_`. */
  readonly card: string;
  customer: string | null;
  setUp: boolean;
  /** An unattached PaymentMethod is used by one intent only. */
  usedBy: string | null;
}

export interface TestIntent extends IntentState {
  readonly customer: string;
  authenticated: boolean;
}

export interface TestSetup extends SetupState {
  readonly metadata: Readonly<Record<string, string>>;
}

/** A 3-D Secure challenge, answered on the test authentication page. */
export interface TestChallenge {
  readonly id: string;
  readonly intent: string;
  status: 'pending' | 'completed' | 'failed' | 'superseded';
  readonly return_url: string | null;
}

export const AUTHENTICATION_PATH = '/test-processor/authenticate/';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `pm_card_visa` (a new PaymentMethod) or one made before; 400 otherwise, as Stripe's resource_missing. */
async function resolvePaymentMethod(tx: TestTx, id: string): Promise<TestPaymentMethod> {
  const test = testPaymentMethod(id);
  if (test) {
    const pm: TestPaymentMethod = {
      id: testId('pm'),
      card: id.slice('pm_card_'.length),
      customer: null,
      setUp: false,
      usedBy: null,
    };
    await tx.put('payment_method', pm);
    return pm;
  }
  const pm = await tx.get<TestPaymentMethod>('payment_method', id);
  if (!pm) {
    throw new PaymentMethodError(
      400,
      'resource_missing',
      `No such PaymentMethod: '${id}'. The test processor takes Stripe's test PaymentMethods (pm_card_visa, pm_card_authenticationRequired, ...).`,
    );
  }
  return pm;
}

/** A PaymentMethod may be used for `customer`'s intent `by`: attached to that customer, or unattached and unused. */
function claim(pm: TestPaymentMethod, customer: string | null, by: string): void {
  if (pm.customer && pm.customer !== customer) {
    throw new PaymentMethodError(
      400,
      'payment_method_invalid',
      `The PaymentMethod ${pm.id} belongs to another customer.`,
    );
  }
  if (!pm.customer) {
    if (pm.usedBy && pm.usedBy !== by) {
      throw new PaymentMethodError(
        400,
        'payment_method_invalid',
        `The PaymentMethod ${pm.id} was used before and is not attached to a customer.`,
      );
    }
    pm.usedBy = by;
  }
}

async function challenge(tx: TestTx, intent: string, returnUrl: string | null): Promise<NextAction> {
  for (const open of await tx.find<TestChallenge>('challenge', 'intent', intent)) {
    if (open.status === 'pending') await tx.put('challenge', { ...open, status: 'superseded' });
  }
  const c: TestChallenge = { id: testId('tpa'), intent, status: 'pending', return_url: returnUrl };
  await tx.put('challenge', c);
  return { type: 'redirect_to_url', redirect_to_url: { url: AUTHENTICATION_PATH + c.id, return_url: returnUrl } };
}

export async function closeChallenges(tx: TestTx, intent: string): Promise<void> {
  for (const open of await tx.find<TestChallenge>('challenge', 'intent', intent)) {
    if (open.status === 'pending') await tx.put('challenge', { ...open, status: 'superseded' });
  }
}

const asksForAuthentication = (card: TestCard, pm: TestPaymentMethod) =>
  card.auth === 'always' || (card.auth === 'unless_set_up' && !pm.setUp);

export function newSetup(customer: string, metadata: Readonly<Record<string, string>>): TestSetup {
  const id = testId('seti');
  return {
    id,
    status: 'requires_payment_method',
    client_secret: `${id}_secret_${testId('s').slice(7)}`,
    customer,
    payment_method: null,
    next_action: null,
    last_error: null,
    metadata,
  };
}

export async function confirmSetup(tx: TestTx, setup: Mutable<TestSetup>, params: ConfirmParams): Promise<TestSetup> {
  const pm = await resolvePaymentMethod(tx, params.payment_method ?? '');
  claim(pm, setup.customer, setup.id);
  const card = TEST_PAYMENT_METHODS[pm.card]!;
  await closeChallenges(tx, setup.id);
  setup.last_error = null;
  if (!card.attachable) {
    const decline = card.decline!;
    Object.assign(setup, { status: 'requires_payment_method', payment_method: null, next_action: null });
    setup.last_error = {
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
      payment_method: pm.id,
    };
    await tx.put('payment_method', pm);
    await tx.put('setup_intent', setup);
    throw new PaymentMethodError(402, decline.code, decline.message, decline.declineCode);
  }
  setup.payment_method = pm.id;
  if (card.authOnSetup) {
    setup.status = 'requires_action';
    setup.next_action = await challenge(tx, setup.id, params.return_url ?? null);
  } else {
    Object.assign(pm, { customer: setup.customer, setUp: true });
    Object.assign(setup, { status: 'succeeded', next_action: null });
  }
  await tx.put('payment_method', pm);
  await tx.put('setup_intent', setup);
  return setup;
}

export function newIntent(params: IntentParams): TestIntent {
  const id = testId('pi');
  return {
    id,
    status: 'requires_payment_method',
    amount: params.amount,
    currency: params.currency,
    customer: params.customer,
    client_secret: `${id}_secret_${testId('s').slice(7)}`,
    next_action: null,
    payment_method: null,
    latest_charge: null,
    last_error: null,
    metadata: params.metadata,
    authenticated: false,
  };
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** A confirmation: asks for authentication, or charges (succeeded, or declined back to requires_payment_method). */
export async function confirmIntent(
  tx: TestTx,
  intent: Mutable<TestIntent>,
  params: ConfirmParams,
): Promise<TestIntent> {
  if (!CONFIRMABLE.includes(intent.status)) return intent; // Stripe's 400 payment_intent_unexpected_state carries it
  const pmId = params.payment_method ?? intent.payment_method;
  if (!pmId) {
    throw new PaymentMethodError(
      400,
      'payment_intent_unexpected_state',
      'This PaymentIntent has no payment method to confirm with.',
    );
  }
  const pm = await resolvePaymentMethod(tx, pmId);
  claim(pm, intent.customer, intent.id);
  if (pm.id !== intent.payment_method) intent.authenticated = false;
  intent.payment_method = pm.id;
  intent.last_error = null;
  await tx.put('payment_method', pm);
  const card = TEST_PAYMENT_METHODS[pm.card]!;
  const authenticated = intent.authenticated && intent.status === 'requires_confirmation';
  if (!authenticated && asksForAuthentication(card, pm)) {
    intent.status = 'requires_action';
    intent.next_action = await challenge(tx, intent.id, params.return_url ?? null);
    intent.authenticated = false;
    await tx.put('payment_intent', intent);
    return intent;
  }
  await closeChallenges(tx, intent.id);
  const charge = {
    id: testId('ch'),
    intent: intent.id,
    amount: intent.amount,
    status: card.decline ? 'failed' : 'succeeded',
  };
  await tx.put('charge', charge);
  intent.latest_charge = charge.id;
  intent.next_action = null;
  intent.authenticated = false;
  if (card.decline) {
    const d = card.decline;
    const error: AttemptError = {
      code: d.code,
      decline_code: d.declineCode,
      message: d.message,
      payment_method: pm.id,
    };
    Object.assign(intent, { status: 'requires_payment_method', payment_method: null, last_error: error });
  } else {
    intent.status = 'succeeded';
  }
  await tx.put('payment_intent', intent);
  return intent;
}

/** The customer answered a challenge on the test page. */
export async function settleChallenge(
  tx: TestTx,
  c: TestChallenge,
  outcome: 'complete' | 'fail',
): Promise<IntentState | SetupState> {
  await tx.put('challenge', { ...c, status: outcome === 'complete' ? 'completed' : 'failed' });
  if (c.intent.startsWith('seti_')) {
    const setup = (await tx.get<Mutable<TestSetup>>('setup_intent', c.intent))!;
    const pm = (await tx.get<TestPaymentMethod>('payment_method', setup.payment_method!))!;
    setup.next_action = null;
    if (outcome === 'complete') {
      Object.assign(pm, { customer: setup.customer, setUp: true });
      await tx.put('payment_method', pm);
      setup.status = 'succeeded';
    } else {
      Object.assign(setup, { status: 'requires_payment_method', payment_method: null });
      setup.last_error = {
        code: 'setup_intent_authentication_failure',
        decline_code: null,
        message: 'The latest attempt to set up the payment method has failed because authentication failed.',
        payment_method: pm.id,
      };
    }
    await tx.put('setup_intent', setup);
    return setup;
  }
  const intent = (await tx.get<Mutable<TestIntent>>('payment_intent', c.intent))!;
  intent.next_action = null;
  if (outcome === 'complete') {
    // Manual confirmation: the server confirms the authenticated intent.
    Object.assign(intent, { status: 'requires_confirmation', authenticated: true });
  } else {
    intent.last_error = {
      code: 'payment_intent_authentication_failure',
      decline_code: null,
      message:
        'The provided PaymentMethod has failed authentication. You can provide a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: intent.payment_method,
    };
    Object.assign(intent, { status: 'requires_payment_method', payment_method: null, authenticated: false });
  }
  await tx.put('payment_intent', intent);
  return intent;
}
