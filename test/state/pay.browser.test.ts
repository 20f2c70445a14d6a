// The payment in state, against the real reference server (the test processor): answers lost on the
// way back and sent again under the same Idempotency-Key, a 202 `processing` asked about until it is
// known, a lost answer to /confirm, the cart letting go of paid lines whoever said the order was paid,
// the authentication page refused unless it is the API's, and a cart changed in another tab under a
// discount code compared with the discounted total.
import { expect } from '@open-wc/testing';
import { applyCoupon } from '../../src/core/index.ts';
import type { AuthenticationOutcome, TestCardProvider } from '../../src/payments/provider.ts';
import { createTestCardProvider } from '../../src/payments/test-card-provider.ts';
import { cart } from '../../src/state/cart.ts';
import { showAuthentication } from '../../src/state/checkout/authentication.ts';
import {
  $checkout,
  applyCouponCode,
  cancelAuthentication,
  initialCheckout,
  pay,
  placeOrder,
  resetCheckout,
  resumeCheckout,
} from '../../src/state/checkout/index.ts';
import { configure } from '../../src/state/config.ts';
import { admin, api, film, resetCart, useReferenceServer } from '../support/browser.ts';
import { fillDemoContact } from '../support/checkout-ready.ts';

interface WirePayment {
  _id: { $oid: string };
  current_state: string;
  charges: { kind: string; status: string; idempotency_key: string }[];
}

async function atPayment(): Promise<string> {
  cart.add(await film('Rear Window'), 2);
  fillDemoContact('pay');
  await placeOrder();
  expect($checkout.get().step).to.equal('payment');
  return $checkout.get().order!.id;
}

/** The test card with `number` typed in, its bank's page answered by `outcome` (as a customer would). */
function card(number: string, outcome: AuthenticationOutcome = 'complete'): TestCardProvider {
  const provider = createTestCardProvider({
    authenticate: async ({ url }) => {
      await fetch(url, { method: 'POST', body: new URLSearchParams({ outcome }) });
      return outcome;
    },
  });
  provider.choose(number);
  return provider;
}

const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
const keyOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('Idempotency-Key');

/** A fetch that lets `matching` requests reach the server, then loses their answers `times` times. */
function losing(matching: (url: string, init?: RequestInit) => boolean, times = Infinity) {
  const seen: { url: string; key: string | null }[] = [];
  let lost = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (matching(urlOf(input), init)) {
      seen.push({ url: urlOf(input), key: keyOf(init) });
      if (lost++ < times) throw new TypeError('Failed to fetch'); // the server acted; the answer never came
    }
    return response;
  };
  return { fetch: wrapped, seen };
}

const payments = (orderId: string) => admin<WirePayment[]>(`/payments?order=${orderId}`);
const charged = (list: WirePayment[]) =>
  list.flatMap((p) => p.charges).filter((c) => c.status === 'succeeded' && c.kind !== 'create').length;

beforeEach(() => {
  resetCheckout();
  resetCart();
  useReferenceServer();
});

describe('a payment whose answer is lost', () => {
  it('is sent again under the same Idempotency-Key; the confirmation, and the cart lets go of what was paid', async () => {
    const orderId = await atPayment();
    const lost = losing((url, init) => url.endsWith('/payments') && init?.method === 'POST', 3);
    configure({ fetch: lost.fetch });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('complete');
    expect($checkout.get().error).to.equal(null);
    expect(lost.seen.length).to.be.greaterThan(3, 'the client’s own retries, then the checkout’s');
    expect(new Set(lost.seen.map((s) => s.key)).size).to.equal(1, 'one key for every attempt');
    expect(cart.$lines.get()).to.deep.equal([]);
    expect(cart.$locked.get()).to.equal(false);
    const list = await payments(orderId);
    expect([list.length, charged(list)]).to.deep.equal([1, 1]);
  });

  it('never answered: the shop is asked what became of it (the order’s payment), and it was paid', async () => {
    const orderId = await atPayment();
    const lost = losing((url, init) => url.endsWith('/payments') && init?.method === 'POST');
    configure({ fetch: lost.fetch });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('complete');
    expect($checkout.get().order!.status).to.equal('SUCCESS');
    expect(cart.$lines.get()).to.deep.equal([], 'the paid lines left the cart at once');
    expect(new Set(lost.seen.map((s) => s.key)).size).to.equal(1);
    expect(charged(await payments(orderId))).to.equal(1);
  });

  it('a lost answer to /confirm after authenticating: sent again under its key, and paid once', async () => {
    const orderId = await atPayment();
    const lost = losing((url) => /\/payments\/[^/]+\/confirm$/.test(url), 2);
    configure({ fetch: lost.fetch });
    await pay(card('4000 0027 6000 3184'));
    expect($checkout.get().step).to.equal('complete');
    expect(lost.seen.length).to.be.greaterThan(2);
    expect(new Set(lost.seen.map((s) => s.key)).size).to.equal(1);
    expect(charged(await payments(orderId))).to.equal(1);
    expect(cart.$lines.get()).to.deep.equal([]);
  });

  it('a 202 processing: the payment is asked about (GET /payments/:id) until known, then confirmed', async () => {
    await atPayment();
    const reads: string[] = [];
    configure({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = urlOf(input);
        if (/\/payments\/[^/?]+$/.test(url) && (init?.method ?? 'GET') === 'GET') reads.push(url);
        if (!(url.endsWith('/payments') && init?.method === 'POST') || response.status !== 200) return response;
        // The server paid, but says what a lost processor answer makes it say: still processing.
        const body = { ...(await response.json()), current_state: 'processing' };
        return new Response(JSON.stringify(body), { status: 202, headers: response.headers });
      },
    });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('complete');
    expect(reads.length).to.be.greaterThan(0, 'GET /payments/:id');
    expect(cart.$lines.get()).to.deep.equal([]);
  });

  it('the shop unreachable for good: not an error of the card, the cart free, and the order found paid next time', async () => {
    const orderId = await atPayment();
    const down: typeof fetch = async (input, init) => {
      if (urlOf(input).includes('/payments') || urlOf(input).includes(`/orders/${orderId}`)) {
        if (urlOf(input).endsWith('/payments') && init?.method === 'POST') await fetch(input, init);
        throw new TypeError('Failed to fetch');
      }
      return fetch(input, init);
    };
    configure({ fetch: down });
    await pay(card('4242 4242 4242 4242'));
    const { step, error } = $checkout.get();
    expect(step).to.equal('payment');
    expect(error!.message).to.contain('you will not be charged twice');
    expect(error!.declined).to.not.equal(true);
    expect(cart.$locked.get()).to.equal(false);

    // Back online, paying again: the shop says the order is paid; nothing is charged again.
    configure({ fetch: null });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('complete');
    expect(cart.$lines.get()).to.deep.equal([]);
    expect(charged(await payments(orderId))).to.equal(1);
  });
});

describe('the cart lets go of what was paid, whoever found it paid', () => {
  it('a refused answer, the order then read paid: the confirmation, and the paid lines leave the cart', async () => {
    const orderId = await atPayment();
    configure({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!(urlOf(input).endsWith('/payments') && init?.method === 'POST')) return response;
        // The shop paid, but what came back was no answer to read: the checkout reads the order.
        return new Response('{"message":"Bad gateway"}', {
          status: 502,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('complete');
    expect($checkout.get().order!.id).to.equal(orderId);
    expect(cart.$lines.get()).to.deep.equal([], 'the paid lines left the cart at once');
    expect(charged(await payments(orderId))).to.equal(1);
  });

  it('after a reload, the order found paid: the confirmation, and the paid lines leave the cart (a film added since stays)', async () => {
    const orderId = await atPayment();
    // The answer never comes, and the shop can not be asked: the customer reloads.
    configure({
      fetch: async (input, init) => {
        const url = urlOf(input);
        if (url.includes('/payments') || url.includes(`/orders/${orderId}`)) {
          if (url.endsWith('/payments') && init?.method === 'POST') await fetch(input, init);
          throw new TypeError('Failed to fetch');
        }
        return fetch(input, init);
      },
    });
    await pay(card('4242 4242 4242 4242'));
    expect($checkout.get().step).to.equal('payment');
    expect(cart.$lines.get()).to.have.length(1, 'not known to be paid: the cart keeps it');
    cart.add(await film('Jaws'), 1);

    configure({ fetch: null });
    $checkout.set(initialCheckout); // what a reload leaves: nothing in memory, the session kept
    await resumeCheckout();
    expect($checkout.get().step).to.equal('complete');
    expect($checkout.get().order!.id).to.equal(orderId);
    expect(cart.$lines.get().map((l) => [l.name, l.quantity])).to.deep.equal([['Jaws', 1]]);
    expect(charged(await payments(orderId))).to.equal(1);
  });
});

describe('the authentication page in the checkout’s dialog', () => {
  it('is shown only when it is the API’s; a message from another origin is not the bank’s; Cancel fails it', async () => {
    const posted: string[] = [];
    configure({
      fetch: (input, init) => {
        if (init?.method === 'POST')
          posted.push(`${urlOf(input)} ${init.body instanceof URLSearchParams ? init.body.toString() : ''}`);
        return fetch(input, init);
      },
    });
    expect(await showAuthentication({ url: 'https://evil.example/authenticate/x', intentId: 'pi_1' })).to.equal(
      'error',
    );
    expect($checkout.get().authentication).to.equal(null);

    const url = `${api().url}/test-processor/authenticate/unknown`;
    const shown = showAuthentication({ url, intentId: 'pi_1' });
    expect($checkout.get().authentication).to.deep.equal({ url, intentId: 'pi_1' });
    // This page's origin is not the API's: ignored.
    window.postMessage({ type: 'tillkit:authentication', outcome: 'complete', intent: 'pi_1', status: 'x' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect($checkout.get().authentication).to.deep.equal({ url, intentId: 'pi_1' });
    cancelAuthentication();
    expect(await shown).to.equal('cancel');
    expect($checkout.get().authentication).to.equal(null);
    expect(posted).to.deep.equal([`${url} outcome=fail`]);
  });
});

describe('a cart changed in another tab while paying', () => {
  it('under a discount code: the new total to confirm is compared with the discounted cart, as the shop prices it', async () => {
    const code = `TAB${Date.now().toString(36)}`.toUpperCase();
    const { url, apiKey, serviceKey } = api();
    await fetch(`${url}/coupons`, {
      method: 'POST',
      headers: {
        'X-Builton-Api-Key': apiKey,
        Authorization: `Bearer ${serviceKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ code, percent_off: 10 }),
    });
    cart.add(await film('Rear Window'), 2);
    await applyCouponCode(code);
    await atPayment(); // adds two more: four Rear Windows, 10 % off
    cart.add(await film('Jaws'), 1); // the other tab
    await pay(card('4242 4242 4242 4242'));
    const { totalToConfirm, order, step } = $checkout.get();
    expect(step).to.equal('payment');
    const discounted = applyCoupon(cart.$summary.get(), $checkout.get().coupon).total;
    expect(totalToConfirm).to.deep.equal({ local: discounted, server: order!.totalAmount, currency: 'EUR' });
    expect(totalToConfirm!.local).to.equal(totalToConfirm!.server, 'no false difference');
    expect(order!.coupon?.code).to.equal(code);
  });
});
