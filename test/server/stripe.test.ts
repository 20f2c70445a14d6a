// The `stripe` processor, through the official SDK, against the loopback Stripe stand-in
// (test/support/stripe/), which checks the secret key, keeps Stripe's test-card behaviours and Stripe's
// idempotency rules: a repeated key with the same parameters gets the first answer back, with other
// parameters a 400 idempotency_error.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormObject } from '../support/stripe/form.ts';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';

const SECRET = 'sk_test_tillkit_stand_in_0123456789';

let stripe: StripeStandIn;
let server: TestServer;
let alice: string;
let product: string;

before(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET });
  server = await startTestServer({ payments: 'stripe', stripeSecretKey: SECRET, stripeApiUrl: stripe.url });
  alice = await server.userToken('alice', 'alice@example.com');
  product = await createProduct(server, { name: 'Casablanca', price: 43.5, currency: 'EUR', vat: 0.25 });
});

after(async () => {
  await server.close();
  await stripe.close();
});

beforeEach(() => {
  stripe.faults.clear();
});

/** The charges Stripe actually made (an idempotent replay makes none). */
const madeCharges = () => stripe.state.charges().filter((c) => c.status === 'succeeded');
const chargeRequests = () => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/charges');
/** The SDK's retries reuse the key: these drops hit the first attempt and the retries of one charge. */
const dropChargeAnswers = (times: number) => stripe.faults.drop({ method: 'POST', path: '/v1/charges' }, { times });

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
    assert.match(response.body.customer_id, /^cus_/);
    assert.equal(response.body.card.brand, 'Visa');
    assert.equal(response.body.card.last4, '4242');
    assert.equal(response.body.card.exp_year, 2031);
    const [customer, source] = stripe.requests.slice(-2);
    assert.equal(customer!.path, '/v1/customers');
    assert.equal(customer!.params.email, 'alice@example.com');
    assert.equal(source!.path, `/v1/customers/${response.body.customer_id}/sources`);
    assert.equal(source!.params.source, 'tok_visa');
    // Every request came with `Authorization: Bearer <the secret key>` (the stand-in names the account by it).
    for (const request of stripe.requests) assert.equal(request.account, SECRET);
    // The user's customer is reused for the next card.
    const second = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    assert.equal(second.body.customer_id, response.body.customer_id);
    assert.equal(stripe.requests.at(-1)!.path, `/v1/customers/${response.body.customer_id}/sources`);
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
    const charge = stripe.requests.at(-1)!;
    assert.equal(charge.path, '/v1/charges');
    assert.equal(charge.params.amount, '8700');
    assert.equal(charge.params.currency, 'eur');
    assert.match(charge.params.customer as string, /^cus_/);
    assert.match(charge.params.source as string, /^card_/);
    assert.equal((charge.params.metadata as FormObject).tillkit_payment, response.body._id.$oid);
    assert.equal(charge.idempotencyKey, `tillkit-charge-${response.body._id.$oid}`);
    const { body: paid } = await server.get(`/orders/${orderId}`, alice);
    assert.equal(paid.order_status, 'SUCCESS');
    assert.equal(paid.stripe_charge_id, madeCharges().at(-1)!.id);
  });

  it('refuses, as Stripe does, to save a card that simulates an issuer decline (402)', async () => {
    const response = await server.post(
      '/payment_methods',
      { payment_method: 'stripe', token: 'tok_chargeDeclinedInsufficientFunds' },
      alice,
    );
    assert.equal(response.status, 402, response.text);
    assert.equal(response.body.code, 'card_declined');
    assert.equal(response.body.decline_code, 'insufficient_funds');
  });

  it('turns Stripe’s card error into a 402 with its codes, and the order into DECLINED', async () => {
    const orderId = await order();
    // Stripe refuses to attach its insufficient-funds test card, so a saved card is declined by the issuer
    // on the stand-in's say-so: the same answer Stripe sends when a saved card lacks funds.
    const methodId = await card('tok_visa');
    stripe.issuerDeclinesNext({
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    const response = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
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
    const before = madeCharges().length;
    dropChargeAnswers(1);
    const response = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(response.status, 200, response.text);
    const attempts = chargeRequests().filter((s) => s.idempotencyKey === `tillkit-charge-${response.body._id.$oid}`);
    assert.equal(attempts.length, 2);
    assert.equal(madeCharges().length, before + 1);
  });

  // Issue 10, failure 2: the old path reused the lost attempt's key with other parameters (its metadata
  // named the new payment), which Stripe refuses (400 idempotency_error): 502 for ever. Now the answer that
  // never came is 202, and paying again sends the identical request under the same key.
  it('when Stripe can not be reached the payment is processing (202), and paying again reuses the key', async () => {
    const orderId = await order();
    const methodId = await card('tok_visa');
    const before = madeCharges().length;
    dropChargeAnswers(3); // the first call and both SDK retries
    const lost = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(lost.status, 202, lost.text);
    assert.equal(lost.body.current_state, 'processing');
    assert.equal((await server.get(`/orders/${orderId}`, alice)).body.order_status, 'PROCESSING');
    const retry = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body._id.$oid, lost.body._id.$oid);
    // The charge was made on the first attempt; the retry got it back instead of a second one.
    assert.equal(madeCharges().length, before + 1);
    const keys = new Set(
      chargeRequests()
        .slice(-4)
        .map((s) => s.idempotencyKey),
    );
    assert.equal(keys.size, 1);
    assert.ok(chargeRequests().every((r) => r.status !== 400));
  });
});
