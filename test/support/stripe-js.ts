// A stand-in for Stripe.js in the browser, following its documented interface for the Payment Element:
// `loadStripe(key, {locale})`, `stripe.elements({mode, currency, appearance, locale, …})`,
// `elements.create('payment', options)`, `element.mount(el)`, `element.on('change' | 'ready' |
// 'loaderror', …)`, `elements.submit()`, `stripe.confirmSetup({elements, clientSecret, confirmParams:
// {return_url}, redirect: 'if_required'})` resolving `{setupIntent}` or `{error}`,
// `stripe.handleNextAction({clientSecret})` resolving `{paymentIntent}` (or `{setupIntent}`) or
// `{error}`, and `stripe.retrieveSetupIntent` / `retrievePaymentIntent` for a redirect's return.
//
// Like Stripe.js, it confirms and reads intents at "Stripe": the loopback Stripe stand-in
// (test/support/stripe/), through the test server's proxy (`/stripe-standin`, see stripe-env.mjs), where
// the reference server's `stripe` processor finds them. The customer's side is in the test's hands: the
// card typed into the element (`complete('pm_card_visa')`, or Link: `complete('link')`), how each 3-D Secure challenge ends
// (`authentications`), and whether the next one is a redirect to the bank's page (`redirectNext`).
import type { StripeLike, StripeLoader, StripePaymentElementLike } from '../../src/payments/stripe.ts';

type Outcome = 'complete' | 'fail';
type Handler = (event?: unknown) => void;
interface Intent {
  id: string;
  status: string;
  client_secret: string;
  payment_method: string | null;
  next_action: {
    type: string;
    redirect_to_url?: { url: string };
    use_stripe_sdk?: { stripe_js: string };
  } | null;
  last_payment_error?: unknown;
  last_setup_error?: unknown;
}

/** The test page's settings for the Payment Element's tests (stripe-env.mjs). */
export interface StripeEnv {
  /** The reference server paying through the loopback Stripe. */
  url: string;
  apiKey: string;
  publishableKey: string;
  /** The loopback Stripe's REST API on the test server's origin. */
  api: string;
}

export const stripeEnv = async (): Promise<StripeEnv> => (await fetch('/stripe-env')).json() as Promise<StripeEnv>;

const idOf = (clientSecret: string) => clientSecret.split('_secret_')[0]!;
/** The Link account the customer pays with when the test picks Link in the element. */
const LINK = { type: 'link', 'billing_details[email]': 'link-customer@example.com' };

export function stripeJs(env: Pick<StripeEnv, 'api'>) {
  const log = {
    loads: [] as { key: string; options: unknown }[],
    elements: [] as Record<string, unknown>[],
    created: [] as { type: string; options: unknown }[],
    submits: 0,
    confirmSetup: [] as { clientSecret: string; confirmParams: unknown; redirect: string }[],
    nextActions: [] as string[],
    retrieved: [] as string[],
    /** The bank pages the customer was sent to (a redirect), with the return_url Stripe brought them back to. */
    redirects: [] as string[],
  };
  const control = {
    /** The test PaymentMethod (`pm_card_…`) the customer entered in the Payment Element; none yet. */
    card: null as string | null,
    /** How the coming 3-D Secure challenges end, in order ('complete' once none is left). */
    authentications: [] as Outcome[],
    /** The next challenge takes the browser to the bank's page (then back to the return_url). */
    redirectNext: false,
    /** While set, the customer is still at the bank's challenge: the outcome waits for it. */
    gate: null as Promise<void> | null,
    /** How many challenges were shown. */
    challenges: 0,
    /** The element, when mounted: its frame and its listeners. */
    element: null as { frame: HTMLElement; handlers: Map<string, Handler>; destroyed: boolean } | null,
  };

  async function rest<T>(method: 'GET' | 'POST', path: string, params: Record<string, string> = {}): Promise<T> {
    const body = new URLSearchParams(params).toString();
    const response = await fetch(env.api + path + (method === 'GET' && body ? `?${body}` : ''), {
      method,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      ...(method === 'POST' ? { body } : {}),
    });
    const json = (await response.json()) as T & { error?: unknown };
    if (!response.ok) throw Object.assign(new Error('stripe error'), { stripe: json.error, status: response.status });
    return json;
  }

  const challengeUrl = (intent: Intent): string | null => {
    const url = intent.next_action?.use_stripe_sdk?.stripe_js ?? intent.next_action?.redirect_to_url?.url;
    return url ? env.api + new URL(url).pathname : null;
  };

  /**
   * The customer at the bank's 3-D Secure page: in Stripe.js's window (answers once done), or, with
   * `redirectNext`, on the bank's own page, from which Stripe brings the browser back to the return_url
   * (then this never answers: the page has gone).
   */
  async function authenticate(intent: Intent, kind: 'setup_intent' | 'payment_intent', returnUrl: string | null) {
    const page = challengeUrl(intent);
    if (!page) throw new Error(`${intent.id} has no challenge to show`);
    control.challenges++;
    const redirect = control.redirectNext;
    control.redirectNext = false;
    await control.gate;
    const outcome = control.authentications.shift() ?? 'complete';
    const answer = await (
      await fetch(page, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `outcome=${outcome}`,
      })
    ).text();
    if (!redirect) return;
    const settled = await rest<Intent>('GET', `/v1/${kind}s/${intent.id}`);
    let back: string;
    try {
      back = (JSON.parse(answer) as { redirect: string }).redirect;
    } catch {
      // The bank's page had no return_url to send the browser back to: Stripe can not redirect then.
      if (!returnUrl) throw new Error(`${intent.id}: a redirect, but no return_url to come back to`);
      const url = new URL(returnUrl);
      url.searchParams.set(kind, intent.id);
      url.searchParams.set(`${kind}_client_secret`, intent.client_secret);
      url.searchParams.set('redirect_status', settled.status === 'requires_payment_method' ? 'failed' : 'succeeded');
      back = url.href;
    }
    log.redirects.push(back);
    return new Promise<never>(() => {});
  }

  const failure = (intent: Intent, kind: 'setup_intent' | 'payment_intent') => ({
    error: {
      type: 'invalid_request_error',
      code: `${kind}_authentication_failure`,
      message:
        'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      [kind]: intent,
    },
  });

  const elementOf = (): StripePaymentElementLike => {
    const handlers = new Map<string, Handler>();
    const frame = document.createElement('div');
    frame.className = '__PrivateStripeElement';
    frame.textContent = 'Stripe’s Payment Element (stand-in)';
    const entry = { frame, handlers, destroyed: false };
    return {
      mount(container: HTMLElement) {
        container.append(frame);
        control.element = entry;
        setTimeout(() => handlers.get('ready')?.());
      },
      on(event: string, handler: Handler) {
        handlers.set(event, handler);
        return this;
      },
      destroy() {
        entry.destroyed = true;
        frame.remove();
      },
    } as StripePaymentElementLike;
  };

  const stripe: StripeLike = {
    elements(options) {
      log.elements.push({ ...options });
      return {
        create(type, options) {
          log.created.push({ type, options });
          if (type !== 'payment') throw new Error(`only the Payment Element is stood in for, not ${String(type)}`);
          return elementOf();
        },
        async submit() {
          log.submits++;
          if (control.card) return {};
          return {
            error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' },
          };
        },
      };
    },

    async confirmSetup({ clientSecret, confirmParams, redirect }) {
      log.confirmSetup.push({ clientSecret, confirmParams, redirect });
      const returnUrl = confirmParams?.return_url ?? null;
      let intent: Intent;
      try {
        // Link: the element makes the customer's Link PaymentMethod, then confirms with it.
        const link = control.card === 'link' && (await rest<{ id: string }>('POST', '/v1/payment_methods', LINK));
        intent = await rest<Intent>('POST', `/v1/setup_intents/${idOf(clientSecret)}/confirm`, {
          payment_method: link ? link.id : (control.card ?? ''),
          ...(returnUrl ? { return_url: returnUrl } : {}),
        });
      } catch (error) {
        return { error: (error as { stripe: never }).stripe };
      }
      if (intent.status === 'requires_action') {
        await authenticate(intent, 'setup_intent', returnUrl);
        intent = await rest<Intent>('GET', `/v1/setup_intents/${intent.id}`);
        if (intent.status !== 'succeeded') return failure(intent, 'setup_intent');
      }
      return { setupIntent: intent };
    },

    async handleNextAction({ clientSecret }) {
      log.nextActions.push(clientSecret);
      const kind = clientSecret.startsWith('seti_') ? 'setup_intent' : 'payment_intent';
      let intent = await rest<Intent>('GET', `/v1/${kind}s/${idOf(clientSecret)}`);
      if (intent.status !== 'requires_action') {
        return { error: { type: 'invalid_request_error', code: `${kind}_unexpected_state`, message: 'No action.' } };
      }
      await authenticate(intent, kind, null);
      intent = await rest<Intent>('GET', `/v1/${kind}s/${intent.id}`);
      if (intent.status === 'requires_payment_method') return failure(intent, kind);
      return kind === 'setup_intent' ? { setupIntent: intent } : { paymentIntent: intent };
    },

    async retrieveSetupIntent(clientSecret) {
      log.retrieved.push(clientSecret);
      return { setupIntent: await rest<Intent>('GET', `/v1/setup_intents/${idOf(clientSecret)}`) };
    },

    async retrievePaymentIntent(clientSecret) {
      log.retrieved.push(clientSecret);
      return { paymentIntent: await rest<Intent>('GET', `/v1/payment_intents/${idOf(clientSecret)}`) };
    },
  };

  const loadStripe: StripeLoader = async (key, options) => {
    log.loads.push({ key, options });
    return stripe;
  };

  /** The customer fills in the Payment Element with this card (a test PaymentMethod id), or pays with `'link'`. */
  function complete(card: string): void {
    control.card = card;
    control.element?.handlers.get('change')?.({
      elementType: 'payment',
      complete: true,
      empty: false,
      value: { type: card === 'link' ? 'link' : 'card' },
    });
  }

  return { stripe, loadStripe, log, control, complete };
}
