// <till-checkout> with a Stripe key: Stripe's Payment Element (a Stripe.js stand-in following its
// documented interface) against a real reference server whose `stripe` processor talks to the loopback
// Stripe stand-in, where the browser's stand-in confirms SetupIntents and completes 3-D Secure: the
// card saved through a SetupIntent (or Link), the payment with its authentication, a failed one then another
// card, a redirect and the resume on return, and the page's look and language passed to Stripe.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/checkout/till-checkout.ts';
import type { TillCheckout } from '../../src/elements/checkout/checkout.ts';
import { createBuiltOnClient } from '../../src/api/builton.ts';
import type { ApiProduct } from '../../src/api/types.ts';
import { cart } from '../../src/state/cart.ts';
import { $checkout, resetCheckout } from '../../src/state/checkout/index.ts';
import { configure } from '../../src/state/config.ts';
import { resetCart, until } from '../support/browser.ts';
import { changeInUpdateWarnings } from '../support/lit-warnings.ts';
import { typeDetails } from '../support/checkout-ready.ts';
import { stripeEnv, stripeJs, type StripeEnv } from '../support/stripe-js.ts';

const $ = <T extends Element = HTMLElement>(el: TillCheckout, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;

let env: StripeEnv;
let catalogue: ApiProduct[] = [];
let standIn: ReturnType<typeof stripeJs>;

interface WireOrder {
  order_status: string;
}
interface WirePayment {
  current_state: string;
  metadata: { intent_id?: string };
}

/** Admin requests to the reference server that pays through the loopback Stripe. */
async function admin<T>(path: string): Promise<T> {
  const response = await fetch(env.url + path, {
    headers: { 'X-Builton-Api-Key': env.apiKey, Authorization: 'Bearer sk_test_service_key_for_tests_only' },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** What the loopback Stripe holds (through the test server's proxy). */
async function atStripe<T>(path: string): Promise<T> {
  return (await (await fetch(env.api + path)).json()) as T;
}

async function seedCart(): Promise<void> {
  if (!catalogue.length) {
    const client = createBuiltOnClient({ baseUrl: env.url, apiKey: env.apiKey });
    catalogue = [...(await client.listProducts({ size: 100 })).items].filter((p) => p.mainProduct);
  }
  cart.add(catalogue[0]!, 1);
  cart.add(catalogue[1]!, 2);
}

let customer = 0;
async function toPayment(el: TillCheckout): Promise<void> {
  await typeDetails(el, {
    email: `stripe${Date.now()}${customer++}@example.com`,
    firstName: 'Holly',
    lastName: 'Gennero',
    phone: '+4712345678',
    street: 'Nakatomi Plaza',
    zip: '90067',
    city: 'Los Angeles',
    country: 'USA',
  });
  submit(el);
  await until(() => $checkout.get().step === 'payment' && !$checkout.get().busy);
  await until(() => standIn.control.element && !$checkout.get().busy);
  await el.updateComplete;
}
const submit = (el: TillCheckout) => $<HTMLFormElement>(el, 'form').requestSubmit();
const text = (el: TillCheckout, selector: string) => $(el, selector).textContent.replace(/\s+/g, ' ').trim();
const payments = (orderId: string) => admin<WirePayment[]>(`/payments?order=${orderId}`);

/**
 * The browser left for the bank and came back to `back`: a new page, with the session and the saved cart
 * kept (the checkout's state in memory gone).
 */
function leaveForTheBankAndComeBack(el: TillCheckout, back: URL): void {
  const saved = Object.entries(sessionStorage);
  el.remove();
  resetCheckout();
  cart.release({ paid: false });
  for (const [key, value] of saved) sessionStorage.setItem(key, value);
  history.replaceState(null, '', back.href);
}

describe('<till-checkout> with a Stripe key: the Payment Element', () => {
  before(async function () {
    this.timeout(90_000); // the loopback Stripe and its reference server start on first use
    env = await stripeEnv();
  });
  beforeEach(async () => {
    resetCheckout();
    resetCart();
    standIn = stripeJs(env);
    configure({
      apiUrl: env.url,
      apiKey: env.apiKey,
      tokenUrl: `${env.url}/demo/token`,
      fetch: null,
      locale: 'en-US',
      stripeKey: env.publishableKey,
      loadStripe: standIn.loadStripe,
    });
    await seedCart();
  });
  afterEach(() => configure({ stripeKey: '', loadStripe: null }));

  it('loads Stripe.js at the payment step, mounts the element in the card slot, saves the card through a SetupIntent and pays', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    expect(standIn.log.loads, 'nothing of Stripe before the payment step').to.have.length(0);
    await toPayment(el);
    expect(standIn.log.loads.map((l) => l.key)).to.deep.equal([env.publishableKey]);
    expect(standIn.log.elements[0]).to.deep.include({
      mode: 'setup',
      currency: 'eur',
      allowedPaymentMethodTypes: ['card', 'link'],
    });
    expect(standIn.log.created.map((c) => c.type)).to.deep.equal(['payment']);
    const slot = el.querySelector('[slot=card]')!;
    expect(slot.contains(standIn.control.element!.frame)).to.equal(true);
    expect($<HTMLSlotElement>(el, 'slot[name=card]').assignedElements()).to.deep.equal([slot]);
    await expect(el).to.be.accessible();

    // Pay with the form empty: Stripe's check refuses it before anything is sent.
    submit(el);
    await until(() => standIn.log.submits === 1);
    await el.updateComplete;
    expect(standIn.log.confirmSetup).to.have.length(0);
    expect($checkout.get().busy).to.equal(null);

    standIn.complete('pm_card_visa');
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    const { detail } = await completed;
    expect(detail.order.status).to.equal('SUCCESS');
    const [confirmed] = standIn.log.confirmSetup;
    expect(confirmed!.redirect).to.equal('if_required');
    expect(confirmed!.confirmParams).to.deep.equal({ return_url: location.href });
    const setupIntent = await atStripe<{ status: string; payment_method: string }>(
      `/v1/setup_intents/${confirmed!.clientSecret.split('_secret_')[0]}`,
    );
    expect(setupIntent.status).to.equal('succeeded');
    expect(setupIntent.payment_method).to.match(/^pm_/);
    expect(standIn.log.nextActions, 'no authentication asked').to.deep.equal([]);
    expect((await admin<WireOrder>(`/orders/${detail.order.id}`)).order_status).to.equal('SUCCESS');
    expect(cart.$lines.get()).to.deep.equal([]);
    await el.updateComplete;
    expect(text(el, '[part=receipt-card]')).to.equal('Visa ending in 4242');
    expect(el.querySelector('[slot=card]'), 'the element is gone after payment').to.equal(null);
  });

  it('pays with Link in the Payment Element: the Link PaymentMethod is saved and charged, the receipt says Link', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await toPayment(el);
    standIn.complete('link');
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    const { detail } = await completed;
    expect(detail.order.status).to.equal('SUCCESS');
    const [paid] = await payments(detail.order.id);
    expect(paid!.current_state).to.equal('succeeded');
    const intent = await atStripe<{ payment_method: string }>(`/v1/payment_intents/${paid!.metadata.intent_id}`);
    expect((await atStripe<{ type: string }>(`/v1/payment_methods/${intent.payment_method}`)).type).to.equal('link');
    await el.updateComplete;
    expect(text(el, '[part=receipt-card]')).to.equal('Link');
  });

  it('authentication completed (3184): Stripe.js authenticates the saving and the payment, then /confirm pays', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await toPayment(el);
    standIn.complete('pm_card_authenticationRequired');
    let release!: () => void;
    standIn.control.gate = new Promise((resolve) => (release = resolve));
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    // The saving's challenge: the pay button waits.
    await until(() => standIn.control.challenges === 1);
    release();
    // The payment's challenge, shown by Stripe.js from the 422's client secret: a clear waiting state.
    standIn.control.gate = new Promise((resolve) => (release = resolve));
    await until(() => standIn.control.challenges === 2);
    await el.updateComplete;
    expect(text(el, '.waiting')).to.contain('Your bank is asking you to confirm it is you');
    expect($(el, '[part=pay]').getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    const { detail } = await completed;

    const [payment] = await payments(detail.order.id);
    expect(payment!.current_state).to.equal('succeeded');
    expect(standIn.log.nextActions).to.have.length(1);
    expect(standIn.log.nextActions[0]).to.match(new RegExp(`^${payment!.metadata.intent_id}_secret_`));
    expect(cart.$lines.get()).to.deep.equal([]);
  });

  it('authentication failed: said at the card, Pay available, nothing charged; then another card pays the same order', async () => {
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await toPayment(el);
    const orderId = $checkout.get().order!.id;
    standIn.complete('pm_card_authenticationRequired');
    standIn.control.authentications = ['complete', 'fail'];
    const failed = oneEvent(el, 'till-checkout-error');
    submit(el);
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.code).to.equal('authentication-failed');
    const error = $(el, 'fieldset.card [part=error]');
    expect(error.textContent).to.contain('Your bank could not confirm it was you, so nothing was charged');
    expect(el.shadowRoot!.activeElement).to.equal(error);
    expect($(el, '[part=pay]').getAttribute('aria-disabled')).to.equal('false');
    expect(cart.$locked.get()).to.equal(false);
    expect(cart.$lines.get()).to.have.length(2);
    expect((await payments(orderId)).map((p) => p.current_state)).to.deep.equal(['declined']);
    await expect(el).to.be.accessible();

    standIn.complete('pm_card_visa');
    const completed = oneEvent(el, 'till-checkout-complete');
    submit(el);
    const done = await completed;
    expect(done.detail.order.id).to.equal(orderId);
    expect((await payments(orderId)).map((p) => p.current_state)).to.deep.equal(['succeeded']);
    const intents = await atStripe<{ data: { status: string }[] }>(`/v1/payment_intents?limit=100`);
    expect(intents.data.filter((i) => i.status === 'succeeded').length).to.be.greaterThan(0);
  });

  it('a redirect to the bank when saving the card, and the resume on return: the payment goes on, Stripe’s parameters leave the address', async () => {
    const page = location.href;
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await toPayment(el);
    const orderId = $checkout.get().order!.id;
    standIn.complete('pm_card_authenticationRequiredOnSetup');
    standIn.control.redirectNext = true;
    submit(el);
    await until(() => standIn.log.redirects.length === 1);
    const back = new URL(standIn.log.redirects[0]!);
    expect(back.searchParams.get('redirect_status')).to.equal('succeeded');
    expect(back.searchParams.get('setup_intent')).to.match(/^seti_/);

    leaveForTheBankAndComeBack(el, back);
    try {
      const returned = oneEvent(document, 'till-checkout-complete');
      const again = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
      const { detail } = await returned;
      expect(detail.order.id).to.equal(orderId);
      expect(standIn.log.retrieved).to.deep.equal([back.searchParams.get('setup_intent_client_secret')]);
      expect(location.href, 'Stripe’s parameters are taken off the address').to.equal(page);
      expect((await admin<WireOrder>(`/orders/${orderId}`)).order_status).to.equal('SUCCESS');
      expect(cart.$lines.get()).to.deep.equal([]);
      await again.updateComplete;
      expect($(again, '[part=order-number]').textContent).to.match(/^[A-Z0-9]{6}$/);
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('a redirect to the bank for the payment, and the resume on return: /confirm pays', async () => {
    const page = location.href;
    const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
    await toPayment(el);
    const orderId = $checkout.get().order!.id;
    standIn.complete('pm_card_authenticationRequired');
    standIn.control.authentications = ['complete'];
    submit(el);
    await until(() => standIn.control.challenges === 1);
    standIn.control.redirectNext = true;
    await until(() => standIn.log.redirects.length === 1);
    const back = new URL(standIn.log.redirects[0]!);
    expect(back.searchParams.get('payment_intent')).to.match(/^pi_/);

    leaveForTheBankAndComeBack(el, back);
    try {
      const returned = oneEvent(document, 'till-checkout-complete');
      await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
      const { detail } = await returned;
      expect(detail.order.id).to.equal(orderId);
      expect(location.href).to.equal(page);
      expect((await payments(orderId)).map((p) => p.current_state)).to.deep.equal(['succeeded']);
      expect(cart.$lines.get()).to.deep.equal([]);
    } finally {
      history.replaceState(null, '', page);
    }
  });

  it('passes the page’s look (--till-*) and the element’s language, as Stripe names it, to stripe.elements', async () => {
    const el = await fixture<TillCheckout>(
      html`<till-checkout locale="nb-NO" style="--till-accent: #0a7d5a; --till-background: #fffdf5; --till-color: #222222; --till-danger: #c0392b; --till-radius: 3px; --till-font: 15px/1.4 Georgia, serif"></till-checkout>`,
    );
    await toPayment(el);
    expect(standIn.log.loads[0]!.options).to.deep.equal({ locale: 'nb' });
    const options = standIn.log.elements[0]!;
    expect(options.locale).to.equal('nb');
    expect(options.appearance).to.deep.include({ theme: 'stripe' });
    expect((options.appearance as { variables: unknown }).variables).to.deep.include({
      colorPrimary: '#0a7d5a',
      colorBackground: '#fffdf5',
      colorText: '#222222',
      colorDanger: '#c0392b',
      borderRadius: '3px',
      fontFamily: 'Georgia, serif',
      fontSizeBase: '15px',
    });
  });

  it('mounts the Payment Element at the payment step without updating from inside an update', async () => {
    const warnings = await changeInUpdateWarnings(async () => {
      const el = await fixture<TillCheckout>(html`<till-checkout></till-checkout>`);
      await toPayment(el);
    });
    expect(warnings).to.deep.equal([]);
  });
});
