import {
  PaymentMethodError,
  cardObject,
  type AttachRequest,
  type AttachResult,
  type CardDetails,
  type ChargeRequest,
  type ChargeResult,
} from './legacy-types.ts';
import { answerOrThrow, Stripe } from './stripe-sdk.ts';

/**
 * Seed 000's cards at Stripe: the token attached to the user's customer as a card source, charged through
 * the Charges API with the call's idempotency key. Used for `tok_…` cards only.
 */

export async function attachToken(
  stripe: Stripe,
  { token, customerId, email, userId }: AttachRequest,
): Promise<AttachResult> {
  try {
    const customer =
      customerId ??
      (
        await stripe.customers.create(
          { ...(email ? { email } : {}), metadata: { tillkit_user: userId } },
          // A retried attach for the same user and token makes one customer, not two.
          { idempotencyKey: `tillkit-customer-${userId}-${token}` },
        )
      ).id;
    const source = await stripe.customers.createSource(customer, { source: token });
    if (source.object !== 'card') throw new PaymentMethodError(400, 'token-invalid', 'The token is not for a card');
    return { customerId: customer, card: toCard(source) };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      throw new PaymentMethodError(402, error.code ?? 'card_declined', error.message, error.decline_code ?? null);
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      throw new PaymentMethodError(400, 'token-invalid', error.message);
    }
    throw error;
  }
}

const chargeResult = (charge: Stripe.Charge): ChargeResult =>
  charge.status === 'failed'
    ? {
        outcome: 'declined',
        id: charge.id,
        code: charge.failure_code ?? 'card_declined',
        declineCode: charge.outcome?.reason ?? null,
        message: charge.failure_message ?? 'Your card was declined.',
      }
    : { outcome: 'succeeded', id: charge.id };

export async function chargeCard(stripe: Stripe, request: ChargeRequest): Promise<ChargeResult> {
  try {
    const charge = await stripe.charges.create(
      {
        amount: request.amount,
        currency: request.currency.toLowerCase(),
        customer: request.customerId,
        source: request.card.id,
        description: request.description,
        metadata: { ...request.metadata },
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return chargeResult(charge);
  } catch (caught) {
    const error = answerOrThrow(caught);
    if (error instanceof Stripe.errors.StripeCardError) {
      const raw = error.raw as { charge?: unknown } | undefined;
      return {
        outcome: 'declined',
        id: typeof raw?.charge === 'string' ? raw.charge : null,
        code: error.code ?? 'card_declined',
        declineCode: error.decline_code ?? null,
        message: error.message,
      };
    }
    // Stripe refused this charge as asked (an amount over its limit, a removed card): asking again would
    // fail again, so it is an answer, not an outage.
    return {
      outcome: 'declined',
      id: null,
      code: error.code ?? 'invalid_request',
      declineCode: null,
      message: error.message,
    };
  }
}

/** The customer's charge made with this key (we put the key in its metadata), from the newest 100. */
export async function findCharge(stripe: Stripe, customer: string, key: string): Promise<ChargeResult | null> {
  const list = await stripe.charges.list({ customer, limit: 100 });
  const charge = list.data.find((c) => c.metadata.tillkit_call === key);
  return charge ? chargeResult(charge) : null;
}

function toCard(card: Stripe.Card): CardDetails {
  return cardObject({
    id: card.id,
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding,
    country: card.country ?? null,
    fingerprint: card.fingerprint ?? null,
    cvc_check: card.cvc_check ?? null,
    name: card.name ?? null,
    address_city: card.address_city ?? null,
    address_country: card.address_country ?? null,
    address_line1: card.address_line1 ?? null,
    address_line1_check: card.address_line1_check ?? null,
    address_line2: card.address_line2 ?? null,
    address_state: card.address_state ?? null,
    address_zip: card.address_zip ?? null,
    address_zip_check: card.address_zip_check ?? null,
    dynamic_last4: card.dynamic_last4 ?? null,
    tokenization_method: card.tokenization_method ?? null,
    metadata: { ...(card.metadata ?? {}) },
  });
}
