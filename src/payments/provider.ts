import type { NextAction } from '../api/types.ts';
import type { TestCardField, TestCardForm, TestCardKind } from './test-card.ts';

/**
 * Turns a card into a single-use Stripe token (`tok_...`): seed 000's flow, which `pay` still takes
 * from a function of the page's own.
 */
export type TokenResult =
  | { readonly token: string; readonly error?: undefined }
  | { readonly token?: undefined; readonly error: { readonly message: string; readonly code?: string | undefined } };

/** A card refused, or a step that could not be taken, in words for the customer. */
export interface CardError {
  readonly message: string;
  readonly code?: string | undefined;
  /** The bank or Stripe refused the card (a decline): another card may pay. */
  readonly declined?: boolean | undefined;
}

/** The SetupIntent confirmed with the card: the PaymentMethod (`pm_…`) to save, or why not. */
export type SetupResult =
  | { readonly paymentMethod: string; readonly error?: undefined }
  | { readonly paymentMethod?: undefined; readonly error: CardError };

/**
 * How an authentication (3-D Secure) ended, as far as the browser knows: completed, failed, canceled
 * by the customer, or not shown at all (`error`). The server's answer to the confirmation that follows
 * says what became of the payment.
 */
export type AuthenticationOutcome = 'complete' | 'fail' | 'cancel' | 'error';

/** How the card form stands: complete and valid, or its message when not. */
export interface CardChange {
  readonly complete: boolean;
  readonly error: string | null;
}

/**
 * The page's look, resolved to values (the `--till-*` custom properties, or the element's defaults),
 * for a form drawn in another document (Stripe's iframe) that can not read the page's CSS.
 */
export interface CardTheme {
  readonly accent: string;
  readonly onAccent: string;
  readonly background: string;
  readonly color: string;
  readonly muted: string;
  readonly border: string;
  readonly danger: string;
  readonly radius: string;
  readonly fontFamily: string;
  readonly fontSize: string;
  readonly lineHeight: string;
}

/**
 * What every card form offers the checkout, whoever draws it: the steps of Stripe's Payment Element
 * with a SetupIntent. Show the form and follow its state, check it (`elements.submit()`), confirm the
 * SetupIntent the server made with it (the PaymentMethod to save), and let the customer authenticate
 * when the bank asks (`handleNextAction`).
 */
interface CardForm {
  /** Reports every change of the form's state (one listener; `destroy` drops it). */
  onChange(listener: (state: CardChange) => void): void;
  /** Checks the form before anything is sent, showing what is wrong at its fields; false stops the payment there. */
  check(): Promise<boolean>;
  /**
   * Confirms the SetupIntent of `clientSecret` with the card. A redirect-based method (or a bank page)
   * may take the browser to `returnUrl`, which then carries Stripe's `setup_intent…` parameters.
   */
  confirmSetup(request: { readonly clientSecret: string; readonly returnUrl: string }): Promise<SetupResult>;
  /**
   * The customer authenticates what `clientSecret` names (a PaymentIntent or a SetupIntent), as
   * `nextAction` asks; resolves once they are done, or gave up.
   */
  handleNextAction(request: {
    readonly clientSecret: string;
    readonly intentId: string;
    readonly nextAction: NextAction | null;
  }): Promise<AuthenticationOutcome>;
  /** Takes the form down and stops its events; it can be shown again later. */
  destroy(): void;
}

/** An intent as Stripe.js retrieves it from its client secret (back from a redirect). */
export interface RetrievedIntent {
  readonly id: string;
  readonly status: string;
  /** The PaymentMethod it was confirmed with, if any. */
  readonly paymentMethod: string | null;
}

/**
 * Stripe's Payment Element, in its own iframe: mounted into `container`, an element of the page's
 * light DOM that the host shows through a slot (Stripe Elements can not live in a shadow root).
 */
export interface StripeCardProvider extends CardForm {
  readonly kind: 'stripe';
  /** Shows the form for paying `currency`, in the page's look. */
  mount(container: HTMLElement, options?: { readonly currency?: string; readonly theme?: CardTheme }): Promise<void>;
  /** Back from a redirect: the intent of `clientSecret`, as Stripe now has it (null when Stripe.js can not say). */
  retrieveIntent(kind: 'setup' | 'payment', clientSecret: string): Promise<RetrievedIntent | null>;
}

/**
 * The offline test card: the host draws its fields from `form` (inside its own shadow root) and hands
 * the customer's typing to `input` and `choose`. Its authentication is the reference server's test page,
 * shown by the checkout (see `createTestCardProvider`).
 */
export interface TestCardProvider extends CardForm {
  readonly kind: 'test';
  /** Stripe's documented test cards to pick from, numbers grouped as printed, with what each does. */
  readonly cards: readonly { readonly number: string; readonly label: string; readonly kind: TestCardKind }[];
  /** The values typed and each field's message. */
  readonly form: TestCardForm;
  input(field: TestCardField, value: string): void;
  /** Fills the form with one of `cards` (its number, an expiry three years ahead, a CVC). */
  choose(number: string): void;
}

export type CardProvider = StripeCardProvider | TestCardProvider;
