// The Stripe provider on its own: Stripe's Payment Element through the Stripe.js stand-in (its
// documented interface), confirming SetupIntents at the loopback Stripe stand-in.
import { expect } from '@open-wc/testing';
import type { CardTheme } from '../../src/payments/provider.ts';
import { createStripeProvider, STRIPE_UNAVAILABLE, type StripeLoader } from '../../src/payments/stripe.ts';
import { stripeEnv, stripeJs, type StripeEnv } from '../support/stripe-js.ts';

/** Runs `run` with console.warn silenced (the provider warns when Stripe.js fails, as it should). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

const THEME: CardTheme = {
  accent: 'rgb(10, 125, 90)',
  onAccent: 'rgb(255, 255, 255)',
  background: 'rgb(13, 17, 23)',
  color: 'rgb(230, 237, 243)',
  muted: 'rgb(145, 152, 161)',
  border: 'rgb(61, 68, 77)',
  danger: 'rgba(255, 143, 128, 0.5)',
  radius: '4px',
  fontFamily: 'system-ui, sans-serif',
  fontSize: '16px',
  lineHeight: '24px',
};

let env: StripeEnv;
let container: HTMLElement;
before(async function () {
  this.timeout(90_000); // the loopback Stripe starts on first use
  env = await stripeEnv();
});
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

/** A SetupIntent made at the loopback Stripe, as a server makes one; its client secret. */
async function setupIntent(): Promise<string> {
  const response = await fetch(`${env.api}/v1/setup_intents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'allowed_payment_method_types[]=card',
  });
  return ((await response.json()) as { client_secret: string }).client_secret;
}

describe('createStripeProvider: the Payment Element', () => {
  it('touches nothing of Stripe on creation: no script, no loader', () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk_test_1', loadStripe: standIn.loadStripe });
    expect(provider.kind).to.equal('stripe');
    expect(standIn.log.loads).to.have.length(0);
    expect(document.querySelector('script[src*="stripe.com"]')).to.equal(null);
  });

  it('loads Stripe.js once, at mount, with the key and the element’s locale as Stripe names it', async () => {
    for (const [tag, locale] of [
      ['nb-NO', 'nb'],
      ['es-CL', 'es-419'],
      ['pt-BR', 'pt-BR'],
      ['zh-Hant-TW', 'zh-TW'],
      ['de-AT', 'de'],
      ['sw', 'auto'],
      [undefined, 'auto'],
    ] as const) {
      const standIn = stripeJs(env);
      const provider = createStripeProvider({
        publishableKey: 'pk_test_1',
        locale: tag,
        loadStripe: standIn.loadStripe,
      });
      await provider.mount(container);
      await provider.mount(container);
      expect(standIn.log.loads, String(tag)).to.deep.equal([{ key: 'pk_test_1', options: { locale } }]);
      expect(standIn.log.elements[1]!.locale, String(tag)).to.equal(locale);
      provider.destroy();
    }
  });

  it('mounts the Payment Element for saving a card into the light-DOM container, in the page’s look', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    await provider.mount(container, { currency: 'EUR', theme: THEME });
    expect(container.querySelector('.__PrivateStripeElement')).to.equal(standIn.control.element!.frame);
    expect(standIn.log.created).to.deep.equal([{ type: 'payment', options: { layout: 'tabs' } }]);
    const options = standIn.log.elements[0]!;
    expect(options).to.deep.include({ mode: 'setup', currency: 'eur', allowedPaymentMethodTypes: ['card', 'link'] });
    expect(options.appearance).to.deep.equal({
      theme: 'night',
      variables: {
        colorPrimary: '#0a7d5a',
        colorBackground: '#0d1117',
        colorText: '#e6edf3',
        colorTextSecondary: '#9198a1',
        colorDanger: 'rgba(255, 143, 128, 0.5)',
        borderRadius: '4px',
        fontFamily: 'system-ui, sans-serif',
        fontSizeBase: '16px',
        fontLineHeight: '24px',
      },
      rules: {
        '.Input': { borderColor: '#3d444d' },
        '.Tab': { borderColor: '#3d444d' },
        '.Tab--selected': { borderColor: '#0a7d5a' },
      },
    });
  });

  it('passes change events on as {complete, error}, and checks the form with elements.submit()', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await provider.mount(container);
    expect(await provider.check()).to.equal(false);
    standIn.complete('pm_card_visa');
    expect(await provider.check()).to.equal(true);
    expect(standIn.log.submits).to.equal(2);
    expect(seen).to.deep.equal([
      { complete: false, error: 'Your card number is incomplete.' },
      { complete: true, error: null },
    ]);
  });

  it('confirms the SetupIntent with the card and gives back the PaymentMethod Stripe made', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    await provider.mount(container);
    standIn.complete('pm_card_visa');
    const clientSecret = await setupIntent();
    const result = await provider.confirmSetup({ clientSecret, returnUrl: 'https://shop.example/checkout' });
    expect(result.paymentMethod).to.match(/^pm_/);
    expect(standIn.log.confirmSetup).to.deep.equal([
      { clientSecret, confirmParams: { return_url: 'https://shop.example/checkout' }, redirect: 'if_required' },
    ]);
  });

  it('says a card Stripe refuses to save as a decline at the card, and a failed authentication by its code', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    await provider.mount(container);
    standIn.complete('pm_card_chargeDeclined');
    const declined = await provider.confirmSetup({ clientSecret: await setupIntent(), returnUrl: location.href });
    expect(declined.error).to.deep.equal({
      message: 'Your card was declined.',
      code: 'generic_decline',
      declined: true,
    });

    standIn.complete('pm_card_authenticationRequiredOnSetup');
    standIn.control.authentications = ['fail'];
    const failed = await provider.confirmSetup({ clientSecret: await setupIntent(), returnUrl: location.href });
    expect(failed.error?.code).to.equal('setup_intent_authentication_failure');
    expect(failed.error?.declined).to.equal(false);
  });

  it('handles the next action with Stripe.js: completed, failed, or not possible', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    const pending = async () => {
      // A SetupIntent asking for authentication, confirmed without Stripe.js (as a server may).
      const clientSecret = await setupIntent();
      await fetch(`${env.api}/v1/setup_intents/${clientSecret.split('_secret_')[0]}/confirm`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'payment_method=pm_card_authenticationRequiredOnSetup',
      });
      return { clientSecret, intentId: clientSecret.split('_secret_')[0]!, nextAction: null };
    };
    standIn.control.authentications = ['complete', 'fail'];
    expect(await provider.handleNextAction(await pending())).to.equal('complete');
    expect(await provider.handleNextAction(await pending())).to.equal('fail');
    expect(
      await provider.handleNextAction({ clientSecret: await setupIntent(), intentId: 'x', nextAction: null }),
    ).to.equal('error');
  });

  it('reads an intent back from its client secret (the return from a redirect)', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    await provider.mount(container);
    standIn.complete('pm_card_visa');
    const clientSecret = await setupIntent();
    const { paymentMethod } = await provider.confirmSetup({ clientSecret, returnUrl: location.href });
    expect(await provider.retrieveIntent('setup', clientSecret)).to.deep.equal({
      id: clientSecret.split('_secret_')[0],
      status: 'succeeded',
      paymentMethod,
    });
  });

  it('says the form is not ready when asked to confirm before mount', async () => {
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: stripeJs(env).loadStripe });
    expect((await provider.confirmSetup({ clientSecret: 's', returnUrl: location.href })).error?.code).to.equal(
      'not_ready',
    );
  });

  it('reports a loader failure as unavailable, and loads again on the next mount', async () => {
    const standIn = stripeJs(env);
    let fail = true;
    const calls: unknown[] = [];
    const load: StripeLoader = (key, options) => {
      calls.push(options);
      return fail ? Promise.reject(new Error('js.stripe.com unreachable')) : standIn.loadStripe(key, options);
    };
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: load });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await quietly(() => provider.mount(container));
    expect(seen).to.deep.equal([{ complete: false, error: STRIPE_UNAVAILABLE }]);
    expect(await provider.confirmSetup({ clientSecret: 's', returnUrl: location.href })).to.deep.equal({
      error: { message: STRIPE_UNAVAILABLE, code: 'stripe_unavailable' },
    });
    fail = false;
    await provider.mount(container);
    expect(calls).to.have.length(2);
    expect(container.querySelector('.__PrivateStripeElement')).to.exist;
  });

  it('treats a loader resolving null (no window) as unavailable', async () => {
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: async () => null });
    await quietly(() => provider.mount(container));
    expect((await provider.confirmSetup({ clientSecret: 's', returnUrl: location.href })).error?.code).to.equal(
      'stripe_unavailable',
    );
  });

  it('destroy removes the element and stops its events; a new mount reuses the loaded Stripe.js', async () => {
    const standIn = stripeJs(env);
    const provider = createStripeProvider({ publishableKey: 'pk', loadStripe: standIn.loadStripe });
    const seen: unknown[] = [];
    provider.onChange((state) => seen.push(state));
    await provider.mount(container);
    const first = standIn.control.element!;
    provider.destroy();
    expect(first.destroyed).to.equal(true);
    expect(container.childElementCount).to.equal(0);
    standIn.complete('pm_card_visa');
    expect(seen).to.deep.equal([]);
    await provider.mount(container);
    expect(container.childElementCount).to.equal(1);
    expect(standIn.log.loads).to.have.length(1);
  });
});
