/** The widget's view of BuiltOn's payment methods and payments (see `types.ts`). */

export interface Card {
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly funding: string;
  readonly country: string | null;
}

/**
 * What the customer must do before a SetupIntent or PaymentIntent goes on (Stripe's `next_action`):
 * its `type`, and for `redirect_to_url` the page to show (the test processor's authentication page, or
 * a bank's). Stripe.js handles every type from the intent's client secret.
 */
export interface NextAction {
  readonly type: string;
  /** `redirect_to_url.url`: the page where the customer authenticates; null for other types. */
  readonly url: string | null;
}

/** A card being saved through a SetupIntent: its id, the secret Stripe.js confirms it with, and its state. */
export interface SetupIntent {
  readonly id: string;
  readonly clientSecret: string;
  /** `requires_payment_method`, `requires_action` (the bank asks to authenticate), `succeeded`, … */
  readonly status: string;
  readonly nextAction: NextAction | null;
}

export interface PaymentMethod {
  readonly id: string;
  readonly method: string;
  readonly card: Card | null;
  /** The Stripe PaymentMethod (`pm_…`) once the card is saved through a SetupIntent; null before, or for a token's card. */
  readonly source: string | null;
  /** The SetupIntent of a card saved that way (`POST /payment_methods` without a token); null for a token's card. */
  readonly setupIntent: SetupIntent | null;
}

export interface Payment {
  readonly id: string;
  readonly humanId: string;
  /** The amount charged, in minor units. */
  readonly amount: number;
  readonly currency: string;
  /** `processing`, `requires_action`, `declined`, `succeeded`, `canceled` or `failed`. */
  readonly currentState: string;
  readonly orders: readonly string[];
  readonly paymentMethod: string;
  readonly paymentDate: Date | null;
  /** Why an attempt failed (`card_declined`, ...), and the processor's words; null when it did not. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The PaymentIntent (`metadata.intent_id`) and its client secret; null for a token's Charges. */
  readonly intentId: string | null;
  readonly clientSecret: string | null;
  /** While `requires_action`: what the customer must do. */
  readonly nextAction: NextAction | null;
  readonly created: Date | null;
}

/**
 * A 422 `PaymentRequiresFurtherInformation`: the bank wants the customer to authenticate the payment
 * (`next_action`) before it is confirmed with `POST /payments/:id/confirm`.
 */
export interface PaymentAction {
  readonly paymentId: string;
  readonly intentId: string;
  readonly clientSecret: string;
  readonly nextAction: NextAction | null;
}
