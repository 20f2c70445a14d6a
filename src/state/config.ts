import { map } from 'nanostores';
import type { StripeLoader } from '../payments/stripe.ts';

/**
 * Everything the elements need to know about the merchant. Set it once with `configure({...})` or a
 * `<till-config>` element; every value here is publishable (no secret belongs in a browser).
 */
export interface TillConfig {
  /** Base URL of the merchant's orders/payments API, e.g. `https://api.example.com`. */
  apiUrl: string;
  /** The merchant's publishable API key, sent as `X-Builton-Api-Key`. Also namespaces the saved cart. */
  apiKey: string;
  /**
   * The merchant's backend: `builton` (the default: orders and payments through this widget) or
   * `bootic` (the order is created in a Bootic shop, which takes payment on its own checkout).
   */
  backend: 'builton' | 'bootic';
  /** The Bootic shop's id, with `backend: 'bootic'`. */
  shopId: string;
  /** Stripe publishable key (`pk_...`). Without it the checkout shows the labelled test-card form. */
  stripeKey: string;
  /** BCP 47 locale for numbers, money and dates; the page's language when empty. */
  locale: string;
  /**
   * Supplies the customer's JWT for the API. The merchant's own sign-in decides how; the checkout
   * passes the email the customer typed.
   */
  getToken: ((context: { email: string }) => Promise<string | null> | string | null) | null;
  /**
   * Where to get a JWT when no `getToken` is set: the checkout POSTs `{ email }` and expects
   * `{ token }` (the reference server's demo endpoint is `<api-url>/demo/token`).
   */
  tokenUrl: string;
  /** Replacement texts for any visible string, by key (see `strings.ts`). */
  strings: Record<string, string>;
  /** The `fetch` the API client uses; the page's own by default. */
  fetch: typeof fetch | null;
  /**
   * Loads Stripe.js at the payment step; by default `@stripe/stripe-js/pure` fetches it from
   * js.stripe.com. A page that already has Stripe.js can hand its own instance in.
   */
  loadStripe: StripeLoader | null;
}

export const $config = map<TillConfig>({
  apiUrl: '',
  apiKey: '',
  backend: 'builton',
  shopId: '',
  stripeKey: '',
  locale: '',
  getToken: null,
  tokenUrl: '',
  strings: {},
  fetch: null,
  loadStripe: null,
});

/** Sets configuration values; what is left out keeps its current value. */
export function configure(values: Partial<TillConfig>): void {
  for (const [key, value] of Object.entries(values) as [keyof TillConfig, never][]) {
    if (value !== undefined && $config.get()[key] !== value) $config.setKey(key, value);
  }
}
