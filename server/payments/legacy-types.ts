/**
 * Seed 000's cards: a Stripe token (`tok_…`) attached to the user's customer as a card, charged through
 * the Charges API. The processor interface itself is in `processor.ts`.
 */

/** The card's details, as Stripe's Card object writes them (seed 000's `card`). */
export interface CardDetails {
  readonly object: 'card';
  readonly id: string;
  readonly brand: string;
  readonly last4: string;
  readonly exp_month: number;
  readonly exp_year: number;
  readonly funding: string;
  readonly country: string | null;
  readonly fingerprint: string | null;
  readonly cvc_check: string | null;
  readonly name: string | null;
  readonly address_city: string | null;
  readonly address_country: string | null;
  readonly address_line1: string | null;
  readonly address_line1_check: string | null;
  readonly address_line2: string | null;
  readonly address_state: string | null;
  readonly address_zip: string | null;
  readonly address_zip_check: string | null;
  readonly dynamic_last4: string | null;
  readonly tokenization_method: string | null;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface AttachRequest {
  readonly token: string;
  /** The user's customer at the processor, when one was made before. */
  readonly customerId: string | null;
  readonly email: string | null;
  readonly userId: string;
}

export interface AttachResult {
  readonly customerId: string;
  readonly card: CardDetails;
}

export interface ChargeRequest {
  /** Minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  readonly customerId: string;
  readonly card: CardDetails;
  /** The token the payment method was made from (the test processor's decisions hang on it). */
  readonly token: string;
  /** Sent to the processor so that a retried call can never charge twice. */
  readonly idempotencyKey: string;
  readonly description: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export type ChargeResult =
  | { readonly outcome: 'succeeded'; readonly id: string }
  | {
      readonly outcome: 'declined';
      readonly id: string | null;
      /** Stripe's error `code`: card_declined, expired_card, incorrect_cvc, processing_error... */
      readonly code: string;
      /** Stripe's `decline_code`: generic_decline, insufficient_funds, expired_card... */
      readonly declineCode: string | null;
      readonly message: string;
    };

/**
 * A refusal to store a payment method: a bad token or PaymentMethod (400), one of another customer (403),
 * or a card refused when attached or set up (402).
 * Anything else a processor throws is taken as the processor being unreachable or broken.
 */
export class PaymentMethodError extends Error {
  override readonly name = 'PaymentMethodError';
  readonly status: 400 | 402 | 403;
  readonly code: string;
  readonly declineCode: string | null;
  constructor(status: 400 | 402 | 403, code: string, message: string, declineCode: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.declineCode = declineCode;
  }
}

/** A card object with every optional Stripe field present and null, as the seed shows it. */
export function cardObject(
  fields: Pick<CardDetails, 'id' | 'brand' | 'last4' | 'exp_month' | 'exp_year' | 'funding'> & Partial<CardDetails>,
): CardDetails {
  return {
    object: 'card',
    country: null,
    fingerprint: null,
    cvc_check: null,
    name: null,
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: null,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: null,
    dynamic_last4: null,
    tokenization_method: null,
    metadata: {},
    ...fields,
  };
}
