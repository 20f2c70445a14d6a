import type { TestCardField, TestCardForm } from './test-card.ts';

/**
 * Turns a card into a single-use Stripe token (`tok_...`). Card data stays inside the provider:
 * Stripe's own iframe for the real thing, or the labelled test-mode form offline.
 */
export type TokenResult =
  | { readonly token: string; readonly error?: undefined }
  | { readonly token?: undefined; readonly error: { readonly message: string; readonly code?: string | undefined } };

/** How the card form stands: complete and valid, or its message when not. */
export interface CardChange {
  readonly complete: boolean;
  readonly error: string | null;
}

/**
 * What every card form offers the checkout, whoever draws it. The steps are those of Stripe's
 * Payment Element too: show the form, follow its state, check it, then produce what pays.
 */
interface CardForm {
  /** Reports every change of the form's state (one listener; `destroy` drops it). */
  onChange(listener: (state: CardChange) => void): void;
  /**
   * Checks the form before anything is sent, showing what is wrong at its fields; false stops the
   * payment there. Stripe's card element checks as the customer types, so it always goes on (the
   * Payment Element's `elements.submit()` belongs here).
   */
  check(): Promise<boolean>;
  /** Turns the card into what a payment is made with: today a single-use token (`tok_…`). */
  createToken(details?: { readonly name?: string }): Promise<TokenResult>;
  /** Takes the form down and stops its events; it can be shown again later. */
  destroy(): void;
}

/**
 * Stripe's form, in its own iframe: mounted into `container`, an element of the page's light DOM that
 * the host shows through a slot (Stripe Elements can not live in a shadow root).
 */
export interface StripeCardProvider extends CardForm {
  readonly kind: 'stripe';
  mount(container: HTMLElement): Promise<void>;
}

/**
 * The offline test card: the host draws its fields from `form` (inside its own shadow root) and hands
 * the customer's typing to `input` and `choose`.
 */
export interface TestCardProvider extends CardForm {
  readonly kind: 'test';
  /** Stripe's documented test cards to pick from, numbers grouped as printed. */
  readonly cards: readonly { readonly number: string; readonly label: string }[];
  /** The values typed and each field's message. */
  readonly form: TestCardForm;
  input(field: TestCardField, value: string): void;
  /** Fills the form with one of `cards` (its number, an expiry three years ahead, a CVC). */
  choose(number: string): void;
}

export type CardProvider = StripeCardProvider | TestCardProvider;
