import type {
  Appearance,
  StripeConstructorOptions,
  StripeElementLocale,
  StripePaymentElementOptions,
} from '@stripe/stripe-js';
import type { AuthenticationOutcome, CardChange, CardError, RetrievedIntent, StripeCardProvider } from './provider.ts';
import { appearanceOf } from './stripe-appearance.ts';
import { stripeLocale } from './stripe-locale.ts';

/** Stripe.js's error object, the part read here. */
interface StripeErrorLike {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
}

/** An intent as Stripe.js answers it. */
interface IntentLike {
  id: string;
  status: string;
  payment_method?: string | { id: string } | null;
}

/**
 * The part of Stripe.js this provider uses, as Stripe documents it (the Payment Element with an intent
 * made after the form: `elements({mode: 'setup', …})`, `elements.submit()`, `confirmSetup`,
 * `handleNextAction`, and the retrievals for a redirect's return). The real `Stripe` object fits it
 * (the default loader below proves that to the compiler); tests pass a stand-in of the same shape.
 */
export interface StripePaymentElementLike {
  mount(domElement: HTMLElement): void;
  on(eventType: 'change', handler: (event: { complete: boolean }) => void): unknown;
  on(eventType: 'ready', handler: () => void): unknown;
  on(eventType: 'loaderror', handler: (event: { error: StripeErrorLike }) => void): unknown;
  destroy(): void;
}

export interface StripeElementsLike {
  create(elementType: 'payment', options?: StripePaymentElementOptions): StripePaymentElementLike;
  submit(): Promise<{ error?: StripeErrorLike | undefined }>;
}

export interface StripeLike {
  elements(options: {
    mode: 'setup';
    currency?: string;
    allowedPaymentMethodTypes?: string[];
    appearance?: Appearance;
    locale?: StripeElementLocale;
  }): StripeElementsLike;
  confirmSetup(options: {
    elements?: StripeElementsLike;
    clientSecret: string;
    confirmParams?: { return_url?: string };
    redirect: 'if_required';
  }): Promise<{ setupIntent?: IntentLike | undefined; error?: StripeErrorLike | undefined }>;
  handleNextAction(options: { clientSecret: string }): Promise<{
    paymentIntent?: IntentLike | undefined;
    setupIntent?: IntentLike | undefined;
    error?: StripeErrorLike | undefined;
  }>;
  retrieveSetupIntent(
    clientSecret: string,
  ): Promise<{ setupIntent?: IntentLike | undefined; error?: StripeErrorLike | undefined }>;
  retrievePaymentIntent(
    clientSecret: string,
  ): Promise<{ paymentIntent?: IntentLike | undefined; error?: StripeErrorLike | undefined }>;
}

export type StripeLoader = (publishableKey: string, options?: StripeConstructorOptions) => Promise<StripeLike | null>;

export interface StripeProviderOptions {
  /** The merchant's publishable key, `pk_live_...` or `pk_test_...`. */
  readonly publishableKey: string;
  /** The element's BCP 47 locale, shown in the nearest locale Stripe has (`auto` without one). */
  readonly locale?: string | undefined;
  /** Loads Stripe.js; defaults to `@stripe/stripe-js/pure`, imported only when the form mounts. */
  readonly loadStripe?: StripeLoader | undefined;
}

export const STRIPE_UNAVAILABLE = 'We could not load the secure card form. Check your connection and try again.';
const NOT_READY = 'The card form is not ready yet. Please wait a moment.';
const CARD_FAILED = 'Your card could not be checked. Please try again.';

// The pure entry injects Stripe's script only when `loadStripe` runs, never on import.
const defaultLoader: StripeLoader = (key, options) =>
  import('@stripe/stripe-js/pure').then((m) => m.loadStripe(key, options));

const cardError = (error: StripeErrorLike | undefined): CardError => ({
  message: error?.message || CARD_FAILED,
  code: error?.decline_code ?? error?.code ?? error?.type,
  declined: error?.type === 'card_error',
});

const idOf = (pm: IntentLike['payment_method']): string | null => (typeof pm === 'string' ? pm : (pm?.id ?? null));

/**
 * Stripe's Payment Element: cards, and the wallets the merchant's Stripe account enables for them
 * (Link, Apple Pay, Google Pay), for saving through a SetupIntent. Stripe.js is fetched from
 * js.stripe.com the first time the form mounts (the payment step), not when the page loads. The form
 * lives in Stripe's iframe inside `container`, which must be in the light DOM: card data never passes
 * through this code, only the PaymentMethod id Stripe gives back. Stripe.js shows 3-D Secure itself.
 */
export function createStripeProvider(options: StripeProviderOptions): StripeCardProvider {
  const locale = stripeLocale(options.locale);
  let loading: Promise<StripeLike | null> | null = null;
  let stripe: StripeLike | null = null;
  let elements: StripeElementsLike | null = null;
  let element: StripePaymentElementLike | null = null;
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

  const unavailable = (): CardError =>
    failed ? { message: STRIPE_UNAVAILABLE, code: 'stripe_unavailable' } : { message: NOT_READY, code: 'not_ready' };

  /** Runs a call of Stripe.js; it rejects only on its own failures (its API unreachable, say). */
  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      console.warn(`[tillkit] Stripe ${what} failed:`, error);
      return null;
    }
  }

  return {
    kind: 'stripe',

    async mount(container, { currency, theme } = {}) {
      element?.destroy();
      element = null;
      stripe = await load();
      failed = !stripe;
      if (!stripe) {
        listener?.({ complete: false, error: STRIPE_UNAVAILABLE });
        return;
      }
      elements = stripe.elements({
        mode: 'setup',
        // The reference server's SetupIntents and PaymentIntents take cards (wallets are cards too) and Link.
        allowedPaymentMethodTypes: ['card', 'link'],
        ...(currency ? { currency: currency.toLowerCase() } : {}),
        ...(theme ? { appearance: appearanceOf(theme) } : {}),
        locale,
      });
      const created = elements.create('payment', { layout: 'tabs' });
      const shown = new Promise<void>((resolve) => {
        created.on('ready', () => resolve());
        created.on('loaderror', () => {
          listener?.({ complete: false, error: STRIPE_UNAVAILABLE });
          resolve();
        });
      });
      created.on('change', (e) => listener?.({ complete: e.complete, error: null }));
      created.mount(container);
      element = created;
      await shown;
    },

    onChange(next) {
      listener = next;
    },

    // `elements.submit()` checks the form (and shows what is wrong in it) before any request is made.
    async check() {
      if (!elements || !element) return true; // confirmSetup says why
      const result = await guarded('elements.submit', () => elements!.submit());
      if (!result?.error) return true;
      listener?.({ complete: false, error: result.error.message ?? CARD_FAILED });
      return false;
    },

    async confirmSetup({ clientSecret, returnUrl }) {
      if (!stripe || !elements) return { error: unavailable() };
      const result = await guarded('confirmSetup', () =>
        stripe!.confirmSetup({
          elements: elements!,
          clientSecret,
          confirmParams: { return_url: returnUrl },
          redirect: 'if_required',
        }),
      );
      if (!result) return { error: { message: CARD_FAILED, code: 'stripe_error' } };
      const paymentMethod = idOf(result.setupIntent?.payment_method);
      if (result.error || !paymentMethod) return { error: cardError(result.error) };
      return { paymentMethod };
    },

    async handleNextAction({ clientSecret }): Promise<AuthenticationOutcome> {
      const s = stripe ?? (await load());
      if (!s) return 'error';
      const result = await guarded('handleNextAction', () => s.handleNextAction({ clientSecret }));
      if (!result) return 'error';
      // Stripe.js says a failed (or abandoned) authentication with an error of this code.
      if (result.error) return /authentication_failure$/.test(result.error.code ?? '') ? 'fail' : 'error';
      return 'complete';
    },

    async retrieveIntent(kind, clientSecret): Promise<RetrievedIntent | null> {
      const s = stripe ?? (await load());
      if (!s) return null;
      const result = await guarded('retrieve', async () => {
        if (kind === 'setup') return (await s.retrieveSetupIntent(clientSecret)).setupIntent;
        return (await s.retrievePaymentIntent(clientSecret)).paymentIntent;
      });
      return result ? { id: result.id, status: result.status, paymentMethod: idOf(result.payment_method) } : null;
    },

    destroy() {
      element?.destroy();
      element = null;
      elements = null;
      listener = null;
    },
  };
}
