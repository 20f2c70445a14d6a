import { PaymentMethodError } from './legacy-types.ts';
import {
  LINK_METHOD,
  PAYMENT_METHOD_TYPES,
  type CancelParams,
  type ConfirmParams,
  type CustomerRequest,
  type IntentAnswer,
  type IntentParams,
  type PaymentMethodCard,
  type PaymentMethodState,
  type SetupState,
} from './processor.ts';
import { answerOrThrow, attemptError, intentIn, intentState, Stripe } from './stripe-sdk.ts';

/**
 * SetupIntents, PaymentMethods and PaymentIntents at Stripe, through the official SDK. A call Stripe
 * answered with an error is still an answer: a card error carries the intent as it now is, a refusal
 * (400) says nothing happened; the rest throws `ProcessorUnavailable` (see stripe-sdk.ts).
 */

export async function ensureCustomer(stripe: Stripe, { customerId, email, userId }: CustomerRequest): Promise<string> {
  if (customerId) return customerId;
  const customer = await stripe.customers.create(
    { ...(email ? { email } : {}), metadata: { tillkit_user: userId } },
    // One customer per user, however often this is retried.
    { idempotencyKey: `tillkit-customer-${userId}` },
  );
  return customer.id;
}

const setupState = (si: Stripe.SetupIntent): SetupState => ({
  id: si.id,
  status: si.status,
  client_secret: si.client_secret,
  customer: typeof si.customer === 'string' ? si.customer : (si.customer?.id ?? null),
  payment_method: typeof si.payment_method === 'string' ? si.payment_method : (si.payment_method?.id ?? null),
  next_action: si.next_action ? (JSON.parse(JSON.stringify(si.next_action)) as Record<string, unknown>) : null,
  last_error: si.last_setup_error
    ? {
        code: si.last_setup_error.code ?? 'setup_failed',
        decline_code: si.last_setup_error.decline_code ?? null,
        message: si.last_setup_error.message ?? 'The card could not be saved.',
        payment_method: si.last_setup_error.payment_method?.id ?? null,
      }
    : null,
});

export async function createSetupIntent(
  stripe: Stripe,
  customer: string,
  metadata: Readonly<Record<string, string>>,
  key: string,
): Promise<SetupState> {
  const si = await stripe.setupIntents.create(
    {
      customer,
      usage: 'on_session',
      allowed_payment_method_types: [...PAYMENT_METHOD_TYPES],
      metadata: { ...metadata },
    },
    { idempotencyKey: key },
  );
  return setupState(si);
}

/** Confirms a SetupIntent with a PaymentMethod; a refused card is a `PaymentMethodError` (402), a bad id a 400. */
export async function confirmSetupIntent(
  stripe: Stripe,
  id: string,
  params: ConfirmParams,
  key: string,
): Promise<SetupState> {
  try {
    return setupState(await stripe.setupIntents.confirm(id, { ...params }, { idempotencyKey: key }));
  } catch (caught) {
    const error = answerOrThrow(caught);
    const status = error instanceof Stripe.errors.StripeCardError ? 402 : 400;
    throw new PaymentMethodError(status, error.code ?? 'card_declined', error.message, error.decline_code ?? null);
  }
}

export async function retrieveSetupIntent(stripe: Stripe, id: string): Promise<SetupState> {
  return setupState(await stripe.setupIntents.retrieve(id));
}

export async function retrievePaymentMethod(stripe: Stripe, id: string): Promise<PaymentMethodState> {
  try {
    const pm = await stripe.paymentMethods.retrieve(id);
    const card = pm.type === 'link' ? LINK_METHOD : pm.card ? cardOf(pm.card) : null;
    if (!card) throw new PaymentMethodError(400, 'payment-method-invalid', 'The PaymentMethod is not a card or Link');
    return { id: pm.id, customer: typeof pm.customer === 'string' ? pm.customer : (pm.customer?.id ?? null), card };
  } catch (caught) {
    if (caught instanceof PaymentMethodError) throw caught;
    const error = answerOrThrow(caught);
    throw new PaymentMethodError(400, error.code ?? 'resource_missing', error.message);
  }
}

function cardOf(card: Stripe.PaymentMethod.Card): PaymentMethodCard {
  return {
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding,
    country: card.country ?? null,
    fingerprint: card.fingerprint ?? null,
    checks: {
      address_line1_check: card.checks?.address_line1_check ?? null,
      address_postal_code_check: card.checks?.address_postal_code_check ?? null,
      cvc_check: card.checks?.cvc_check ?? null,
    },
    three_d_secure_usage: { supported: card.three_d_secure_usage?.supported ?? false },
    wallet: null,
    generated_from: null,
  };
}

/** Runs one call on a PaymentIntent and reads its answer, a declined or refused one included. */
async function intentCall(
  call: () => Promise<Stripe.PaymentIntent>,
  paymentMethod: string | null,
): Promise<IntentAnswer> {
  try {
    return { kind: 'intent', intent: intentState(await call()) };
  } catch (caught) {
    const error = answerOrThrow(caught);
    const intent = intentIn(error);
    if (intent) return { kind: 'intent', intent: intentState(intent) };
    return { kind: 'refused', error: attemptError(error, paymentMethod) };
  }
}

export const createIntent = (stripe: Stripe, params: IntentParams, key: string) =>
  intentCall(
    () =>
      stripe.paymentIntents.create(
        {
          ...params,
          allowed_payment_method_types: [...params.allowed_payment_method_types],
          metadata: { ...params.metadata },
        },
        { idempotencyKey: key },
      ),
    null,
  );

export const confirmIntent = (stripe: Stripe, id: string, params: ConfirmParams, key: string) =>
  intentCall(
    () => stripe.paymentIntents.confirm(id, { ...params }, { idempotencyKey: key }),
    params.payment_method ?? null,
  );

export const cancelIntent = (stripe: Stripe, id: string, params: CancelParams, key: string) =>
  intentCall(() => stripe.paymentIntents.cancel(id, { ...params }, { idempotencyKey: key }), null);
