import Stripe from 'stripe';
import {
  PaymentMethodError,
  cardObject,
  type AttachRequest,
  type AttachResult,
  type CardDetails,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProcessor,
} from './processor.ts';

export interface StripeProcessorOptions {
  readonly secretKey: string;
  /** Another base URL for the API (a loopback stand-in in tests), e.g. `http://127.0.0.1:12111`. */
  readonly apiUrl?: string | undefined;
}

/**
 * Stripe through the official SDK, with the Charges API and card sources, which is what a token from
 * Stripe.js's `createToken` (seed 000's flow) is charged with. Amounts are our minor units, which are
 * Stripe's "smallest currency unit" for the currencies a merchant of this demo would use (see README).
 */
export class StripeProcessor implements PaymentProcessor {
  readonly name = 'stripe';
  readonly #stripe: Stripe;

  constructor({ secretKey, apiUrl }: StripeProcessorOptions) {
    const url = apiUrl ? new URL(apiUrl) : undefined;
    this.#stripe = new Stripe(secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: 'Tillkit reference API' },
      ...(url
        ? {
            host: url.hostname,
            port: url.port || (url.protocol === 'http:' ? 80 : 443),
            protocol: url.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    });
  }

  async attach({ token, customerId, email, userId }: AttachRequest): Promise<AttachResult> {
    try {
      const customer =
        customerId ??
        (
          await this.#stripe.customers.create(
            { ...(email ? { email } : {}), metadata: { tillkit_user: userId } },
            // A retried attach for the same user and token makes one customer, not two.
            { idempotencyKey: `tillkit-customer-${userId}-${token}` },
          )
        ).id;
      const source = await this.#stripe.customers.createSource(customer, { source: token });
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

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    try {
      const charge = await this.#stripe.charges.create(
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
      if (charge.status === 'failed') {
        return {
          outcome: 'declined',
          id: charge.id,
          code: charge.failure_code ?? 'card_declined',
          declineCode: charge.outcome?.reason ?? null,
          message: charge.failure_message ?? 'Your card was declined.',
        };
      }
      return { outcome: 'succeeded', id: charge.id };
    } catch (error) {
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
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        // Stripe refused this charge as asked (an amount over its limit, a removed card): asking again
        // would fail again, so it is an answer, not an outage.
        return {
          outcome: 'declined',
          id: null,
          code: error.code ?? 'invalid_request',
          declineCode: null,
          message: error.message,
        };
      }
      throw error;
    }
  }
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
