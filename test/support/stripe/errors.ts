// Errors as Stripe's v1 API answers them: `{"error": {type, code, decline_code, message, param, ...}}`
// with Stripe's HTTP statuses (400 invalid_request_error and idempotency_error, 401, 402 card_error,
// 404 resource_missing, 409 for a key still in use, 429 rate_limit, 500 api_error).
import type Stripe from 'stripe';

const DOCS = 'https://docs.stripe.com/error-codes';

/**
 * A refusal thrown by a handler. `saved` follows Stripe's idempotency rule: a result is stored under the
 * request's idempotency key only once the endpoint has begun executing, so a request refused while its
 * parameters were being validated (or that conflicted with another) can be retried with the same key.
 */
export class StripeFailure extends Error {
  readonly status: number;
  readonly raw: Stripe.StripeRawError;
  readonly saved: boolean;
  constructor(status: number, raw: Stripe.StripeRawError, saved: boolean) {
    super(raw.message ?? raw.type ?? 'error');
    this.status = status;
    this.raw = raw;
    this.saved = saved;
  }
  get body(): { error: Stripe.StripeRawError } {
    return { error: this.raw };
  }
}

/** A parameter refused before the endpoint runs: nothing happened, nothing is saved under the key. */
export function invalidParam(message: string, param?: string, code?: string): StripeFailure {
  return new StripeFailure(
    400,
    { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) },
    false,
  );
}

export const unknownParam = (param: string) => invalidParam(`Received unknown parameter: ${param}`, param);
export const missingParam = (param: string) =>
  invalidParam(`Missing required param: ${param}.`, param, 'parameter_missing');

/** An id in the path that names nothing (404), or in a parameter (400); both `resource_missing`. */
export function noSuch(kind: string, id: string, param?: string): StripeFailure {
  return new StripeFailure(
    param ? 400 : 404,
    {
      type: 'invalid_request_error',
      code: 'resource_missing',
      doc_url: `${DOCS}/resource-missing`,
      message: `No such ${kind}: '${id}'`,
      ...(param ? { param } : {}),
    },
    false,
  );
}

/** A request that is valid but refused by the object's state: the endpoint ran, so the answer is saved. */
export function unexpectedState(
  code: 'payment_intent_unexpected_state' | 'setup_intent_unexpected_state',
  message: string,
  attach: Pick<Stripe.StripeRawError, 'payment_intent' | 'setup_intent'> = {},
): StripeFailure {
  const anchor = code.replaceAll('_', '-');
  return new StripeFailure(
    400,
    { type: 'invalid_request_error', code, doc_url: `${DOCS}#${anchor}`, message, ...attach },
    true,
  );
}

/** Refused after the endpoint ran (the answer is saved under the key). */
export function refused(message: string, param?: string, code?: string): StripeFailure {
  return new StripeFailure(
    400,
    { type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) },
    true,
  );
}

export interface Decline {
  readonly code: string;
  readonly decline_code?: string | undefined;
  readonly message: string;
}

/** A 402 card_error, saved under the key like any answer of an endpoint that ran. */
export function cardError(decline: Decline, extra: Omit<Stripe.StripeRawError, 'type' | 'code'> = {}): StripeFailure {
  return new StripeFailure(
    402,
    {
      type: 'card_error',
      code: decline.code,
      ...(decline.decline_code ? { decline_code: decline.decline_code } : {}),
      doc_url: `${DOCS}/${decline.code.replaceAll('_', '-')}`,
      message: decline.message,
      ...extra,
    },
    true,
  );
}

export const idempotencyMismatch = (key: string) =>
  new StripeFailure(
    400,
    {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    false,
  );

export const idempotencyOtherEndpoint = (key: string, first: string, now: string) =>
  new StripeFailure(
    400,
    {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${first}' vs '${now}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    false,
  );

export const idempotencyInUse = (key: string) =>
  new StripeFailure(
    409,
    {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      doc_url: `${DOCS}/idempotency-key-in-use`,
      message: `There is currently another in-progress request using this idempotency key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    },
    false,
  );

export const unauthorized = (message: string) =>
  new StripeFailure(401, { type: 'invalid_request_error', message }, false);

export const apiError = (status: number) =>
  new StripeFailure(
    status,
    status === 429
      ? {
          type: 'invalid_request_error',
          code: 'rate_limit',
          doc_url: `${DOCS}/rate-limit`,
          message:
            'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.',
        }
      : { type: 'api_error', message: 'An unknown error occurred' },
    false,
  );
