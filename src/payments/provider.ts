/**
 * Turns a card into a single-use Stripe token (`tok_...`). Card data stays inside the provider:
 * Stripe's own iframe for the real thing, or the labelled test-mode form offline.
 */
export type TokenResult =
  | { readonly token: string; readonly error?: undefined }
  | { readonly token?: undefined; readonly error: { readonly message: string; readonly code?: string | undefined } };

export interface CardProvider {
  readonly kind: 'stripe' | 'test';
  /** Renders the card input into `container` (a light-DOM element for Stripe Elements). */
  mount(container: HTMLElement): Promise<void>;
  /** Reports whether the card input is complete and valid, and its message when not. */
  onChange?(listener: (state: { complete: boolean; error: string | null }) => void): void;
  createToken(details?: { readonly name?: string }): Promise<TokenResult>;
  destroy(): void;
}
