import type {
  StripeCardElementOptions,
  StripeConstructorOptions,
  StripeElementLocale,
  StripeElementStyle,
} from '@stripe/stripe-js';
import type { CardChange, StripeCardProvider, TokenResult } from './provider.ts';

/**
 * The part of Stripe.js this provider uses, as Stripe documents it. The real `Stripe` object fits it
 * (the default loader below proves that to the compiler); tests pass a small stand-in of the same shape.
 */
export interface StripeCardLike {
  mount(domElement: HTMLElement): void;
  on(
    eventType: 'change',
    handler: (event: { complete: boolean; error?: { message?: string } | undefined }) => void,
  ): unknown;
  destroy(): void;
}

export interface StripeLike {
  elements(options?: { locale?: StripeElementLocale }): {
    create(elementType: 'card', options?: StripeCardElementOptions): StripeCardLike;
  };
  createToken(
    card: StripeCardLike,
    data?: { name?: string },
  ): Promise<{
    token?: { id: string } | undefined;
    error?: { message?: string; code?: string; type?: string } | undefined;
  }>;
}

export type StripeLoader = (publishableKey: string, options?: StripeConstructorOptions) => Promise<StripeLike | null>;

export interface StripeProviderOptions {
  /** The merchant's publishable key, `pk_live_...` or `pk_test_...`. */
  readonly publishableKey: string;
  /** A Stripe locale (`'auto'` by default: the browser's language). */
  readonly locale?: string | undefined;
  /** Loads Stripe.js; defaults to `@stripe/stripe-js/pure`, imported only when the card form mounts. */
  readonly loadStripe?: StripeLoader | undefined;
  /** Style of the text inside Stripe's iframe; by default the container's own colour and font. */
  readonly style?: StripeElementStyle | undefined;
}

export const STRIPE_UNAVAILABLE = 'We could not load the secure card form. Check your connection and try again.';
const NOT_READY = 'The card form is not ready yet. Please wait a moment.';
const CARD_FAILED = 'Your card could not be checked. Please try again.';

// The pure entry injects Stripe's script only when `loadStripe` runs, never on import.
const defaultLoader: StripeLoader = (key, options) =>
  import('@stripe/stripe-js/pure').then((m) => m.loadStripe(key, options));

/**
 * The card input as Stripe's own card element. Stripe.js is fetched from js.stripe.com the first time
 * the form mounts (the payment step), not when the page loads. The element lives in Stripe's iframe
 * inside `container`, which must be in the light DOM: card data never passes through this code, only
 * the single-use token Stripe returns.
 */
export function createStripeProvider(options: StripeProviderOptions): StripeCardProvider {
  const locale = (options.locale || 'auto') as StripeElementLocale;
  let loading: Promise<StripeLike | null> | null = null;
  let stripe: StripeLike | null = null;
  let card: StripeCardLike | null = null;
  let listener: ((state: CardChange) => void) | null = null;
  let failed = false;

  // One load for the provider's life; a failed one is forgotten so the next mount tries again.
  const load = (): Promise<StripeLike | null> =>
    (loading ??= (options.loadStripe ?? defaultLoader)(options.publishableKey, { locale })
      .then((s) => s ?? Promise.reject(new Error('Stripe.js is not available here')))
      .catch((error: unknown) => {
        loading = null;
        console.warn('[tillkit] Stripe.js did not load:', error);
        return null;
      }));

  return {
    kind: 'stripe',

    async mount(container) {
      card?.destroy();
      card = null;
      stripe = await load();
      failed = !stripe;
      if (!stripe) {
        listener?.({ complete: false, error: STRIPE_UNAVAILABLE });
        return;
      }
      const created = stripe
        .elements({ locale })
        .create('card', { style: options.style ?? styleOf(container), hidePostalCode: true });
      created.on('change', (e) => listener?.({ complete: e.complete, error: e.error?.message ?? null }));
      created.mount(container);
      card = created;
    },

    onChange(next) {
      listener = next;
    },

    // The card element says what is wrong as the customer types, and createToken refuses the rest.
    async check() {
      return true;
    },

    async createToken(details = {}): Promise<TokenResult> {
      if (!stripe || !card) {
        return {
          error: failed
            ? { message: STRIPE_UNAVAILABLE, code: 'stripe_unavailable' }
            : { message: NOT_READY, code: 'not_ready' },
        };
      }
      try {
        const result = await stripe.createToken(card, details.name ? { name: details.name } : undefined);
        if (result.token) return { token: result.token.id };
        return { error: { message: result.error?.message || CARD_FAILED, code: result.error?.code } };
      } catch (error) {
        // Stripe.js rejects only on its own failures (its API unreachable, say); the customer may retry.
        console.warn('[tillkit] Stripe createToken failed:', error);
        return { error: { message: CARD_FAILED, code: 'stripe_error' } };
      }
    },

    destroy() {
      card?.destroy();
      card = null;
      listener = null;
    },
  };
}

/** Stripe's iframe can not see the page's CSS, so the container's computed text style is handed in. */
function styleOf(container: HTMLElement): StripeElementStyle {
  const { color, fontFamily, fontSize } = getComputedStyle(container);
  return { base: { color, fontFamily, fontSize } };
}
