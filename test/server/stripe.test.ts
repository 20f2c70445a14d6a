// The `stripe` processor, through the official SDK, against a loopback stand-in for the three Stripe
// endpoints it calls (POST /v1/customers, /v1/customers/:id/sources, /v1/charges). The stand-in checks
// the secret key and the Idempotency-Key the SDK sends, and keeps Stripe's idempotency semantics: a
// repeated key gets the first answer back.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';

const SECRET = 'sk_test_tillkit_stand_in_0123456789';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly form: URLSearchParams;
}

const CARDS: Record<
  string,
  { brand: string; last4: string; decline?: { code: string; decline_code: string; message: string } }
> = {
  tok_visa: { brand: 'Visa', last4: '4242' },
  tok_chargeDeclinedInsufficientFunds: {
    brand: 'Visa',
    last4: '9995',
    decline: {
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    },
  },
};

class StripeStandIn {
  readonly seen: Seen[] = [];
  /** Charges actually made (an idempotent replay makes none). */
  readonly charges: { id: string; amount: number; currency: string; key: string }[] = [];
  /** The next n charge answers are lost on the way back (the charge is made, the socket dropped). */
  dropAnswers = 0;
  readonly #replies = new Map<string, [number, unknown]>();
  readonly #cardTokens = new Map<string, string>();
  #n = 0;
  #server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.#server!.closeAllConnections();
    return new Promise((resolve) => this.#server!.close(() => resolve()));
  }

  #id = (prefix: string) => `${prefix}_standin${++this.#n}`;

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const path = new URL(req.url!, 'http://x').pathname;
    const seen: Seen = {
      method: req.method!,
      path,
      authorization: req.headers.authorization,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      form: new URLSearchParams(text),
    };
    this.seen.push(seen);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': this.#id('req') });
      res.end(JSON.stringify(body));
    };
    if (seen.authorization !== `Bearer ${SECRET}`) {
      return reply(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    const key = seen.idempotencyKey ? `${req.method} ${path} ${seen.idempotencyKey}` : undefined;
    let answer = key ? this.#replies.get(key) : undefined;
    if (!answer) {
      answer = this.#answer(seen);
      if (key) this.#replies.set(key, answer);
    }
    if (path === '/v1/charges' && this.dropAnswers > 0) {
      this.dropAnswers--;
      req.socket.destroy();
      return;
    }
    reply(...answer);
  }

  #answer({ method, path, form }: Seen): [number, unknown] {
    if (method === 'POST' && path === '/v1/customers') {
      return [200, { id: this.#id('cus'), object: 'customer', email: form.get('email'), metadata: {} }];
    }
    const sources = /^\/v1\/customers\/([^/]+)\/sources$/.exec(path);
    if (method === 'POST' && sources) {
      const token = form.get('source') ?? '';
      const card = CARDS[token];
      if (!card) {
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              param: 'source',
              message: `No such token: '${token}'`,
            },
          },
        ];
      }
      const id = this.#id('card');
      this.#cardTokens.set(id, token);
      return [
        200,
        {
          id,
          object: 'card',
          customer: sources[1],
          brand: card.brand,
          last4: card.last4,
          exp_month: 8,
          exp_year: 2031,
          funding: 'credit',
          country: 'US',
          fingerprint: `fp${card.last4}standin`,
          cvc_check: 'pass',
          name: null,
          address_city: null,
          address_country: null,
          address_line1: null,
          address_line1_check: null,
          address_line2: null,
          address_state: null,
          address_zip: null,
          address_zip_check: null,
          dynamic_last4: null,
          tokenization_method: null,
          metadata: {},
        },
      ];
    }
    if (method === 'POST' && path === '/v1/charges') {
      const card = CARDS[this.#cardTokens.get(form.get('source') ?? '') ?? ''];
      if (!card) return [400, { error: { type: 'invalid_request_error', message: 'No such source' } }];
      const id = this.#id('ch');
      if (card.decline) return [402, { error: { type: 'card_error', charge: id, ...card.decline } }];
      this.charges.push({
        id,
        amount: Number(form.get('amount')),
        currency: form.get('currency')!,
        key: this.seen.at(-1)!.idempotencyKey!,
      });
      return [
        200,
        {
          id,
          object: 'charge',
          amount: Number(form.get('amount')),
          currency: form.get('currency'),
          status: 'succeeded',
          paid: true,
        },
      ];
    }
    return [
      404,
      { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } },
    ];
  }
}

const stripe = new StripeStandIn();
let server: TestServer;
let alice: string;
let product: string;

before(async () => {
  await stripe.start();
  server = await startTestServer({ payments: 'stripe', stripeSecretKey: SECRET, stripeApiUrl: stripe.url });
  alice = await server.userToken('alice', 'alice@example.com');
  product = await createProduct(server, { name: 'Casablanca', price: 43.5, currency: 'EUR', vat: 0.25 });
});

after(async () => {
  await server.close();
  await stripe.stop();
});

beforeEach(() => {
  stripe.dropAnswers = 0;
});

async function order(): Promise<string> {
  const response = await server.post('/orders', { items: [{ product, quantity: 2 }] }, alice);
  assert.equal(response.status, 200, response.text);
  return response.body._id.$oid;
}

async function card(token: string): Promise<string> {
  const response = await server.post('/payment_methods', { payment_method: 'stripe', token }, alice);
  assert.equal(response.status, 200, response.text);
  return response.body._id.$oid;
}

describe('the stripe processor', () => {
  it('makes a customer and attaches the token as a card, with the secret key', async () => {
    const response = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    assert.equal(response.status, 200, response.text);
    assert.match(response.body.customer_id, /^cus_standin/);
    assert.equal(response.body.card.brand, 'Visa');
    assert.equal(response.body.card.last4, '4242');
    assert.equal(response.body.card.exp_year, 2031);
    const [customer, source] = stripe.seen.slice(-2);
    assert.equal(customer!.path, '/v1/customers');
    assert.equal(customer!.form.get('email'), 'alice@example.com');
    assert.equal(source!.path, `/v1/customers/${response.body.customer_id}/sources`);
    assert.equal(source!.form.get('source'), 'tok_visa');
    for (const request of stripe.seen) assert.equal(request.authorization, `Bearer ${SECRET}`);
    // The user's customer is reused for the next card.
    const second = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    assert.equal(second.body.customer_id, response.body.customer_id);
    assert.equal(stripe.seen.at(-1)!.path, `/v1/customers/${response.body.customer_id}/sources`);
  });

  it('refuses a token Stripe does not know (400)', async () => {
    const response = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_unknown' }, alice);
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'token');
    assert.match(response.body.message, /No such token/);
  });

  it('charges the total in minor units with an idempotency key derived from the payment', async () => {
    const orderId = await order();
    const methodId = await card('tok_visa');
    const response = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /"amount":87\.00/);
    const charge = stripe.seen.at(-1)!;
    assert.equal(charge.path, '/v1/charges');
    assert.equal(charge.form.get('amount'), '8700');
    assert.equal(charge.form.get('currency'), 'eur');
    assert.match(charge.form.get('customer')!, /^cus_standin/);
    assert.match(charge.form.get('source')!, /^card_standin/);
    assert.equal(charge.form.get('metadata[tillkit_payment]'), response.body._id.$oid);
    assert.equal(charge.idempotencyKey, `tillkit-charge-${response.body._id.$oid}`);
    const { body: paid } = await server.get(`/orders/${orderId}`, alice);
    assert.equal(paid.order_status, 'SUCCESS');
    assert.equal(paid.stripe_charge_id, stripe.charges.at(-1)!.id);
  });

  it('turns Stripe’s card error into a 402 with its codes, and the order into DECLINED', async () => {
    const orderId = await order();
    const response = await server.post(
      '/payments',
      { orders: [orderId], payment_method: await card('tok_chargeDeclinedInsufficientFunds') },
      alice,
    );
    assert.equal(response.status, 402, response.text);
    assert.equal(response.body.code, 'card_declined');
    assert.equal(response.body.decline_code, 'insufficient_funds');
    assert.equal(response.body.message, 'Your card has insufficient funds.');
    assert.equal((await server.get(`/orders/${orderId}`, alice)).body.order_status, 'DECLINED');
    const retry = await server.post('/payments', { orders: [orderId], payment_method: await card('tok_visa') }, alice);
    assert.equal(retry.status, 200);
  });

  it('a lost answer is retried by the SDK with the same key, and Stripe charges once', async () => {
    const orderId = await order();
    const methodId = await card('tok_visa');
    const before = stripe.charges.length;
    stripe.dropAnswers = 1;
    const response = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(response.status, 200, response.text);
    const attempts = stripe.seen.filter(
      (s) => s.path === '/v1/charges' && s.idempotencyKey === `tillkit-charge-${response.body._id.$oid}`,
    );
    assert.equal(attempts.length, 2);
    assert.equal(stripe.charges.length, before + 1);
  });

  it('when Stripe can not be reached the order is FAILED, and paying again reuses the key', async () => {
    const orderId = await order();
    const methodId = await card('tok_visa');
    const before = stripe.charges.length;
    stripe.dropAnswers = 3; // the first call and both SDK retries
    const failed = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(failed.status, 502, failed.text);
    assert.equal((await server.get(`/orders/${orderId}`, alice)).body.order_status, 'FAILED');
    const retry = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(retry.status, 200, retry.text);
    // The charge was made on the first attempt; the retry got it back instead of a second one.
    assert.equal(stripe.charges.length, before + 1);
    const keys = new Set(
      stripe.seen
        .filter((s) => s.path === '/v1/charges')
        .slice(-4)
        .map((s) => s.idempotencyKey),
    );
    assert.equal(keys.size, 1);
  });
});
