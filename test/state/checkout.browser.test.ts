// The checkout's state without an element: its backends, its session and its card action, against
// the real reference server (BuiltOn and the Bootic demo shop), in Chromium's real session storage.
import { expect } from '@open-wc/testing';
import { createBuiltOnClient } from '../../src/api/builton.ts';
import { ApiError } from '../../src/api/http.ts';
import type { ApiProduct } from '../../src/api/types.ts';
import { cart } from '../../src/state/cart.ts';
import {
  $checkout,
  backendProfile,
  checkoutBackend,
  followCart,
  initialCheckout,
  onCheckoutEvent,
  placeOrder,
  resetCheckout,
  restartCheckout,
  resumeCheckout,
  setContact,
  validateContact,
  type CheckoutEvent,
} from '../../src/state/checkout/index.ts';
import { UNEXPECTED, describeError, fail } from '../../src/state/checkout/errors.ts';
import { cardSetup, createCardProvider, payWithCard, sameCardSetup } from '../../src/state/checkout/payment-path.ts';
import { configure } from '../../src/state/config.ts';
import { api, resetCart, until, useReferenceServer } from '../support/browser.ts';
import { fillDemoContact } from '../support/checkout-ready.ts';

let customer = 0;
const fillContact = () => fillDemoContact('state');

/** Every checkout event while the test runs. */
let events: CheckoutEvent[] = [];
let stopEvents = () => {};

async function products(apiKey: string): Promise<ApiProduct[]> {
  const client = createBuiltOnClient({ baseUrl: api().url, apiKey });
  return [...(await client.listProducts({ size: 100 })).items];
}

const session = (): { orderId: string | null; orderKey: { key: string } | null } | null =>
  JSON.parse(sessionStorage.getItem(`till:checkout:${api().apiKey}`) ?? 'null');

/** A BuiltOn order for the first DVD, placed through the action, up to the payment step. */
async function placeBuiltOnOrder(): Promise<string> {
  if (!cart.$lines.get().length)
    cart.add(
      (await products(api().apiKey)).find((p) => p.mainProduct)!,
      1,
    );
  await placeOrder();
  expect($checkout.get().error).to.equal(null);
  expect($checkout.get().step).to.equal('payment');
  return $checkout.get().order!.id;
}

beforeEach(() => {
  resetCheckout();
  resetCart();
  useReferenceServer();
  configure({ backend: 'builton', shopId: '' });
  events = [];
  stopEvents = onCheckoutEvent((event) => void events.push(event));
});
afterEach(() => {
  stopEvents();
  configure({ backend: 'builton', shopId: '' });
});

describe('checkout backends', () => {
  it('are chosen by the configuration, and say how they price, what they ask for and where the customer pays', () => {
    const builton = checkoutBackend({ backend: 'builton' });
    const bootic = checkoutBackend({ backend: 'bootic' });
    expect([builton.name, builton.subProducts, builton.addresses, builton.payment, builton.coupons]).to.deep.equal([
      'builton',
      'bundled',
      true,
      'here',
      true,
    ]);
    expect([bootic.name, bootic.subProducts, bootic.addresses, bootic.payment, bootic.coupons]).to.deep.equal([
      'bootic',
      'separate',
      false,
      'redirect',
      false,
    ]);
    expect(checkoutBackend({ backend: 'nonsense' as 'builton' })).to.equal(builton);
    // The same profile without the backends' code, for eager readers such as the cart's totals.
    expect(backendProfile({ backend: 'bootic' })).to.deep.equal({
      name: 'bootic',
      subProducts: 'separate',
      addresses: false,
      payment: 'redirect',
      coupons: false,
    });
    expect(backendProfile({ backend: 'nonsense' as 'builton' }).subProducts).to.equal('bundled');
    configure({ backend: 'bootic' });
    expect(checkoutBackend()).to.equal(bootic);
  });

  it('BuiltOn: places the order from the cart, and keeps it and its key in the store and the session', async () => {
    fillContact();
    const orderId = await placeBuiltOnOrder();
    const state = $checkout.get();
    expect(events.map((e) => e.type)).to.deep.equal(['order-created']);
    expect(state.pendingOrderId).to.equal(orderId);
    expect(state.orderKey?.key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(session()?.orderId).to.equal(orderId);
    expect(session()?.orderKey?.key).to.equal(state.orderKey?.key);
  });

  it('Bootic: needs the contact only, creates the order in the shop, keeps the cart and sends the customer on', async () => {
    const film = await placeBooticOrder();
    const { step, booticOrder, error } = $checkout.get();
    expect(error).to.equal(null);
    expect(step).to.equal('payment', 'the order awaits payment on Bootic’s checkout');
    expect(booticOrder!.code).to.match(/^R[1-9][A-Z]\d{4}$/);
    expect(booticOrder!.currency).to.equal('CLP');
    expect(booticOrder!.lineItems.map((i) => [i.variantId, i.units])).to.deep.equal([[Number(film.ref), 2]]);
    expect(cart.$lines.get().map((l) => [l.productId, l.quantity])).to.deep.equal([[film.id, 2]], 'the cart keeps it');
    const redirect = events.find((e) => e.type === 'redirect');
    expect(redirect && redirect.url).to.equal(booticOrder!.webCheckout);
  });

  it('Bootic: the same cart and contact again give back the same unpaid order; a changed cart a new one', async () => {
    const film = await placeBooticOrder();
    const first = $checkout.get().booticOrder!.code;
    restartCheckout();
    expect($checkout.get().step).to.equal('details');
    await placeOrder();
    expect($checkout.get().booticOrder!.code).to.equal(first, 'no second order for the same cart');

    cart.add(film, 1);
    followCart();
    expect($checkout.get().step).to.equal('details', 'an order that no longer holds the cart gives way');
    expect($checkout.get().booticOrder).to.equal(null);
    await placeOrder();
    const second = $checkout.get().booticOrder!;
    expect(second.code).to.not.equal(first);
    expect(second.lineItems.map((i) => i.units)).to.deep.equal([3]);
  });

  it('Bootic: coming back, an order the shop says is paid is confirmed and leaves the cart; an unpaid one stays to pay', async () => {
    const film = await placeBooticOrder();
    const code = $checkout.get().booticOrder!.code;
    await resumeCheckout();
    expect($checkout.get().step).to.equal('payment', 'still unpaid');
    expect(cart.$lines.get()).to.have.length(1);

    let status = 'closed';
    configure({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!urlOf(input).endsWith(`/orders/${code}`)) return response;
        return new Response(JSON.stringify({ ...(await response.json()), status }), {
          status: response.status,
          headers: response.headers,
        });
      },
    });
    const other = (await products(api().booticApiKey)).find((p) => p.ref && p.mainProduct && p.id !== film.id)!;
    cart.add(other, 1); // added after ordering: stays in the cart
    await resumeCheckout();
    expect($checkout.get().step).to.equal('complete');
    expect($checkout.get().booticOrder!.code).to.equal(code);
    expect(cart.$lines.get().map((l) => l.productId)).to.deep.equal([other.id]);
    status = 'checkout';
  });
});

/** A Bootic order for two of a film, placed through the action. */
async function placeBooticOrder(): Promise<ApiProduct> {
  configure({ backend: 'bootic', shopId: '29', apiKey: api().booticApiKey });
  const film = (await products(api().booticApiKey)).find((p) => p.ref && p.mainProduct)!;
  cart.add(film, 2);
  setContact({
    email: `bootic${Date.now()}${customer++}@example.cl`,
    firstName: 'Juan',
    lastName: 'Pérez',
    phone: '+56912345678',
  });
  expect(validateContact($checkout.get().contact, { addresses: false })).to.deep.equal({});
  await placeOrder();
  return film;
}

/** The URL a `fetch` was called with, whichever form it took. */
const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

describe('checkout session', () => {
  it('two runs separated by resetCheckout share nothing: a new order under a new key, nothing left saved', async () => {
    fillContact();
    const { contact } = $checkout.get();
    const first = await placeBuiltOnOrder();
    const firstKey = $checkout.get().orderKey!.key;

    resetCheckout();
    expect($checkout.get()).to.deep.equal(initialCheckout);
    expect(session()).to.equal(null);

    setContact(contact);
    const second = await placeBuiltOnOrder();
    expect(second).to.not.equal(first);
    expect($checkout.get().orderKey!.key).to.not.equal(firstKey);
    expect(events.filter((e) => e.type === 'order-created')).to.have.length(2);
  });

  it('after a reload (the store new, the session kept) takes the saved order up again instead of ordering anew', async () => {
    fillContact();
    const orderId = await placeBuiltOnOrder();
    const { orderKey, contact } = $checkout.get();

    $checkout.set(initialCheckout); // what a reload leaves: nothing in memory
    await resumeCheckout();
    expect($checkout.get().step).to.equal('payment');
    expect($checkout.get().order!.id).to.equal(orderId);
    expect($checkout.get().orderKey).to.deep.equal(orderKey);
    expect($checkout.get().contact).to.deep.equal(contact);

    restartCheckout();
    await placeOrder();
    expect($checkout.get().order!.id).to.equal(orderId);
    expect(events.filter((e) => e.type === 'order-created')).to.have.length(1);
  });
});

describe('the card action', () => {
  it('makes the card form the configuration asks for: the test card, or Stripe’s with a key', () => {
    expect(createCardProvider(cardSetup('en')).kind).to.equal('test');
    expect(sameCardSetup(cardSetup('en'), cardSetup('nb'))).to.equal(true);
    configure({ stripeKey: 'pk_test_tillkit' });
    expect(createCardProvider(cardSetup('en')).kind).to.equal('stripe');
    expect(sameCardSetup(cardSetup('en'), cardSetup('nb'))).to.equal(false);
  });

  it('checks the test card before anything is sent, then pays the pending order with its token', async () => {
    fillContact();
    await placeBuiltOnOrder();
    const card = createCardProvider(cardSetup('en'));
    if (card.kind !== 'test') throw new Error('the test card');
    expect(await payWithCard(card)).to.equal(false);
    expect(Object.keys(card.form.errors)).to.deep.equal(['number', 'expiry', 'cvc']);
    expect($checkout.get().step).to.equal('payment');
    expect($checkout.get().error).to.equal(null);

    card.choose(card.cards[0]!.number);
    expect(await payWithCard(card)).to.equal(true);
    await until(() => $checkout.get().step === 'complete');
    expect($checkout.get().order!.status).to.equal('SUCCESS');
    expect($checkout.get().pendingOrderId).to.equal(null);
  });
});

describe('checkout errors', () => {
  it('an unexpected one tells the customer something went wrong, and logs the error itself', () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    const error = new TypeError('crypto.randomUUID is not a function');
    try {
      fail(error, 'order');
      describeError(new ApiError({ kind: 'http', status: 402, message: 'Your card was declined.' }), 'payment');
    } finally {
      console.error = original;
    }
    expect($checkout.get().error).to.deep.equal({ message: UNEXPECTED, stage: 'order' });
    expect(events).to.deep.equal([{ type: 'error', error: { message: UNEXPECTED, stage: 'order' } }]);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.include(error);
  });
});
