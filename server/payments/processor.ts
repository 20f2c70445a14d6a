/**
 * What the server needs of a payment processor, in Stripe's terms. `test` answers like Stripe's test mode,
 * offline, keeping its objects in the database; `stripe` calls Stripe through the official SDK.
 *
 * Two ways to pay. PaymentIntents (cards saved as PaymentMethods through a SetupIntent): an intent is
 * created unconfirmed, with manual confirmation, so that only this server can ever make it charge, and is
 * confirmed once per attempt; it succeeds at most once. Seed 000's `tok_…` cards: the Charges API.
 *
 * Every method that makes something happen takes an idempotency key. A method resolves with the
 * processor's answer (a decline or a refusal is an answer) and throws `ProcessorUnavailable` when there is
 * none, so that the caller knows the outcome is unknown.
 */
import type { AttachRequest, AttachResult, ChargeRequest, ChargeResult } from './legacy-types.ts';

export * from './legacy-types.ts';

/** No answer from the processor: the call may or may not have happened. */
export class ProcessorUnavailable extends Error {
  override readonly name = 'ProcessorUnavailable';
  /**
   * True when the processor did answer, with a server error (5xx): its idempotency layer may have kept
   * that error for the key, so resending the same request can only get it back.
   */
  readonly answered: boolean;
  constructor(message: string, answered = false) {
    super(message);
    this.answered = answered;
  }
}

/** A card as Stripe's PaymentMethod object writes it. */
export interface PaymentMethodCard {
  readonly brand: string;
  readonly last4: string;
  readonly exp_month: number;
  readonly exp_year: number;
  readonly funding: string;
  readonly country: string | null;
  readonly fingerprint: string | null;
  readonly checks: {
    readonly address_line1_check: string | null;
    readonly address_postal_code_check: string | null;
    readonly cvc_check: string | null;
  };
  readonly three_d_secure_usage: { readonly supported: boolean };
  readonly wallet: null;
  readonly generated_from: null;
}

/**
 * A Link PaymentMethod (`type: "link"`) as a saved payment method shows it: Link's brand and none of a
 * card's details, which Link keeps (its email stays at the processor too).
 */
export interface PaymentMethodLink {
  readonly brand: 'link';
  readonly last4: null;
  readonly exp_month: null;
  readonly exp_year: null;
  readonly funding: null;
  readonly country: null;
  readonly fingerprint: null;
  readonly wallet: null;
}

export const LINK_METHOD: PaymentMethodLink = {
  brand: 'link',
  last4: null,
  exp_month: null,
  exp_year: null,
  funding: null,
  country: null,
  fingerprint: null,
  wallet: null,
};

/**
 * The PaymentMethod types SetupIntents and PaymentIntents allow: cards (Apple Pay and Google Pay pay
 * with one) and Link. Calls written before Link was allowed keep their `['card']`, sent as written.
 */
export type PaymentMethodType = 'card' | 'link';
export const PAYMENT_METHOD_TYPES: readonly PaymentMethodType[] = ['card', 'link'];

/** Stripe's `next_action` object, as the processor gave it. */
export type NextAction = Readonly<Record<string, unknown>>;

/** Why a payment attempt did not go through: Stripe's error `code`, `decline_code` and message. */
export interface AttemptError {
  readonly code: string;
  readonly decline_code: string | null;
  readonly message: string;
  /** The PaymentMethod the failed attempt used, when known. */
  readonly payment_method: string | null;
}

export type IntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'succeeded'
  | 'canceled';

/** A PaymentIntent as the processor last told it. */
export interface IntentState {
  readonly id: string;
  readonly status: IntentStatus;
  readonly amount: number;
  readonly currency: string;
  readonly client_secret: string | null;
  readonly next_action: NextAction | null;
  readonly payment_method: string | null;
  readonly latest_charge: string | null;
  readonly last_error: AttemptError | null;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A SetupIntent as the processor last told it. */
export interface SetupState {
  readonly id: string;
  readonly status: string;
  readonly client_secret: string | null;
  readonly customer: string | null;
  readonly payment_method: string | null;
  readonly next_action: NextAction | null;
  readonly last_error: AttemptError | null;
}

/** A PaymentMethod: whose it is and its card (Link's brand for a Link one). */
export interface PaymentMethodState {
  readonly id: string;
  readonly customer: string | null;
  readonly card: PaymentMethodCard | PaymentMethodLink;
}

/** A processor's answer to a call on a PaymentIntent: the intent as it now is, or a refusal. */
export type IntentAnswer =
  | { readonly kind: 'intent'; readonly intent: IntentState }
  | { readonly kind: 'refused'; readonly error: AttemptError };

/** The parameters of a new PaymentIntent, exactly as sent (and recorded before sending). */
export interface IntentParams {
  readonly amount: number;
  readonly currency: string;
  readonly customer: string;
  readonly confirmation_method: 'manual';
  readonly allowed_payment_method_types: readonly PaymentMethodType[];
  readonly description: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ConfirmParams {
  /** Another attempt's card; left out to confirm an intent the customer authenticated (its card stays). */
  readonly payment_method?: string;
  readonly return_url?: string;
}

export interface CancelParams {
  readonly cancellation_reason: 'abandoned' | 'requested_by_customer';
}

export interface CustomerRequest {
  /** The user's customer at the processor, when one was made before. */
  readonly customerId: string | null;
  readonly email: string | null;
  readonly userId: string;
}

export interface PaymentProcessor {
  readonly name: string;
  /** Why this processor can not take payments in `currency` (null when it can). */
  currencyProblem(currency: string): string | null;

  // Seed 000's cards: a token attached as a card, charged through the Charges API.
  attach(request: AttachRequest): Promise<AttachResult>;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The charge made with this idempotency key for this customer (the answer to a lost `charge`), if any. */
  findCharge(customerId: string, key: string): Promise<ChargeResult | null>;

  // Cards saved through a SetupIntent.
  ensureCustomer(request: CustomerRequest): Promise<string>;
  createSetupIntent(
    customer: string,
    metadata: Readonly<Record<string, string>>,
    idempotencyKey: string,
  ): Promise<SetupState>;
  /** Confirms with a PaymentMethod; throws `PaymentMethodError` (402) when the card is refused. */
  confirmSetupIntent(id: string, params: ConfirmParams, idempotencyKey: string): Promise<SetupState>;
  retrieveSetupIntent(id: string): Promise<SetupState>;
  retrievePaymentMethod(id: string): Promise<PaymentMethodState>;

  // PaymentIntents.
  createIntent(params: IntentParams, idempotencyKey: string): Promise<IntentAnswer>;
  confirmIntent(id: string, params: ConfirmParams, idempotencyKey: string): Promise<IntentAnswer>;
  cancelIntent(id: string, params: CancelParams, idempotencyKey: string): Promise<IntentAnswer>;
  retrieveIntent(id: string): Promise<IntentState>;
}
