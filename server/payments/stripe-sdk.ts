import Stripe from 'stripe';
import { PaymentMethodError } from './legacy-types.ts';
import { ProcessorUnavailable, type AttemptError, type IntentState, type IntentStatus } from './processor.ts';

/** Where and how to reach Stripe. */
export interface StripeProcessorOptions {
  readonly secretKey: string;
  /** Another base URL for the API (a loopback stand-in in tests), e.g. `http://127.0.0.1:12111`. */
  readonly apiUrl?: string | undefined;
}

/** The official SDK: two retries of a call that got no answer (with the same idempotency key), 20 s each. */
export function stripeClient({ secretKey, apiUrl }: StripeProcessorOptions): Stripe {
  const url = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
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

/** Stripe's PaymentIntent as the server keeps it. */
export function intentState(pi: Stripe.PaymentIntent): IntentState {
  const error = pi.last_payment_error;
  const pm = error?.payment_method;
  return {
    id: pi.id,
    status: pi.status as IntentStatus,
    amount: pi.amount,
    currency: pi.currency,
    client_secret: pi.client_secret,
    next_action: pi.next_action ? (JSON.parse(JSON.stringify(pi.next_action)) as Record<string, unknown>) : null,
    payment_method: typeof pi.payment_method === 'string' ? pi.payment_method : (pi.payment_method?.id ?? null),
    latest_charge: typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null),
    last_error: error
      ? {
          code: error.code ?? 'card_declined',
          decline_code: error.decline_code ?? null,
          message: error.message ?? 'Your card was declined.',
          payment_method: typeof pm === 'string' ? pm : (pm?.id ?? null),
        }
      : null,
    metadata: { ...pi.metadata },
  };
}

/** An error's own fields, as a declined attempt records them. */
export const attemptError = (error: Stripe.errors.StripeError, paymentMethod: string | null): AttemptError => ({
  code: error.code ?? (error.type === 'StripeCardError' ? 'card_declined' : 'invalid_request'),
  decline_code: error.decline_code ?? null,
  message: error.message,
  payment_method: paymentMethod,
});

/** The PaymentIntent a card error or an unexpected-state error carries, if any. */
export function intentIn(error: Stripe.errors.StripeError): Stripe.PaymentIntent | undefined {
  const raw = error.raw as { payment_intent?: Stripe.PaymentIntent } | undefined;
  return raw?.payment_intent && typeof raw.payment_intent === 'object' ? raw.payment_intent : undefined;
}

/**
 * What an error the SDK threw means. A card error or an invalid request is Stripe's answer (nothing was
 * lost); everything else (no connection, a timeout, 5xx, 429, 409 for a key in use, authentication)
 * leaves the outcome unknown, which `ProcessorUnavailable` says.
 */
export function unknownOutcome(error: unknown): ProcessorUnavailable | undefined {
  if (error instanceof Stripe.errors.StripeCardError) return undefined;
  if (error instanceof Stripe.errors.StripeInvalidRequestError) return undefined;
  if (error instanceof PaymentMethodError) return undefined;
  const status = error instanceof Stripe.errors.StripeError ? error.statusCode : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new ProcessorUnavailable(`Stripe: ${message}`, status !== undefined && status >= 500);
}

/** Rethrows what is not an answer as `ProcessorUnavailable`; returns the Stripe error that is one. */
export function answerOrThrow(error: unknown): Stripe.errors.StripeError {
  const unknown = unknownOutcome(error);
  if (unknown) throw unknown;
  return error as Stripe.errors.StripeError;
}

/** Stripe's smallest unit differs from ISO 4217's for these (zero-decimal in ISO, two decimals at Stripe, or the reverse). */
export const SPECIAL_CURRENCIES: ReadonlySet<string> = new Set(['ISK', 'HUF', 'TWD', 'UGX']);

export { Stripe };
