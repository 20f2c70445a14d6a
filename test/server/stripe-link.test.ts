// Link on the `stripe` processor, against the Stripe stand-in: SetupIntents and PaymentIntents allow
// `link` beside `card`, a Link PaymentMethod (no `card` object) is saved through the SetupIntent flow and
// pays an order once, and the payment method answers Link's brand without a card's details or its email.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { startStripeServer } from '../support/stripe-server.ts';

const SECRET = 'sk_test_tillkit_link_0123456789';
const LINK_EMAIL = 'link-account@example.com';

let stand: StripeStandIn;
let server: TestServer;
let product: string;
let browser: Stripe;

before(async () => {
  stand = await startStripeStandIn({ secretKey: SECRET });
  server = await startStripeServer(stand);
  product = await createProduct(server, { name: 'Rope', price: 31.25, currency: 'EUR' });
  // Stripe.js stands for the browser: the Payment Element makes the Link PaymentMethod and confirms.
  browser = new Stripe(SECRET, stand.clientOptions());
});
after(async () => {
  await server.close();
  await stand.close();
});

let n = 0;
async function customer() {
  n++;
  return checkout(server, await server.userToken(`stripe-link-${n}`, `link-${n}@example.com`));
}

const linkMethod = () => browser.paymentMethods.create({ type: 'link', billing_details: { email: LINK_EMAIL } });

describe('Link through the Payment Element', () => {
  it('a Link method saved through the SetupIntent pays an order, charged once, answered as Link', async () => {
    const shop = await customer();
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    assert.equal(created.status, 200, created.text);
    const id = created.body._id.$oid as string;
    const seti = stand.state.setupIntents().find((s) => s.id === created.body.setup_intent.id)!;
    assert.deepEqual(seti.payment_method_types, ['card', 'link']);
    // With `card` alone the stand-in, as Stripe, refuses this confirmation.
    const confirmed = await browser.setupIntents.confirm(seti.id, { payment_method: (await linkMethod()).id });
    const pm = confirmed.payment_method as string;
    const put = await shop.call('PUT', `/payment_methods/${id}`, { payment_method_id: pm });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.source, pm);
    assert.equal(put.body.setup_intent.status, 'succeeded');
    // Link's brand, and none of a card's details (Link keeps the card).
    const details = ['last4', 'exp_month', 'exp_year', 'funding', 'country', 'fingerprint', 'wallet'];
    assert.deepEqual(put.body.card, { brand: 'link', ...Object.fromEntries(details.map((k) => [k, null])) });
    assert.ok(!put.text.includes(LINK_EMAIL), 'the Link account’s email stays at Stripe');

    const order = await shop.order(product);
    const paid = await shop.pay([order], id);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.current_state, 'succeeded');
    const pi = stand.state.paymentIntents().find((i) => i.id === paid.body.metadata.intent_id)!;
    assert.deepEqual([pi.status, pi.payment_method, pi.payment_method_types], ['succeeded', pm, ['card', 'link']]);
    const charges = stand.state.successfulChargesByOrder().get(order) ?? [];
    assert.equal(charges.length, 1);
    assert.equal(charges[0]!.payment_method_details?.type, 'link');
    const again = await shop.pay([order], id);
    assert.equal(again.status, 409, again.text);
    assert.equal((stand.state.successfulChargesByOrder().get(order) ?? []).length, 1);
    const { body } = await shop.call('GET', `/payment_methods/${id}`);
    assert.equal(body.card.brand, 'link');
  });

  it('the server confirms a SetupIntent with a Link PaymentMethod given to it', async () => {
    const shop = await customer();
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const put = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, {
      payment_method_id: (await linkMethod()).id,
    });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual([put.body.setup_intent.status, put.body.card.brand], ['succeeded', 'link']);
  });

  it('the create call is sent with card and Link under its key, once', async () => {
    const shop = await customer();
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const id = created.body._id.$oid as string;
    await shop.call('PUT', `/payment_methods/${id}`, { payment_method_id: 'pm_card_visa' });
    const paid = await shop.pay([await shop.order(product)], id);
    assert.equal(paid.status, 200, paid.text);
    const creates = stand.requests.filter((r) => r.idempotencyKey === `tillkit-pi-${paid.body._id.$oid}-1-create`);
    assert.equal(creates.length, 1);
    assert.deepEqual(creates[0]!.params.allowed_payment_method_types, ['card', 'link']);
  });
});

describe('the stand-in, as Stripe, for Link', () => {
  it('refuses a Link PaymentMethod on an intent that allows cards only', async () => {
    const cus = await browser.customers.create({ email: 'cards-only@example.com' });
    const pi = await browser.paymentIntents.create({
      amount: 1000,
      currency: 'eur',
      customer: cus.id,
      allowed_payment_method_types: ['card'],
    });
    const error = await browser.paymentIntents.confirm(pi.id, { payment_method: (await linkMethod()).id }).then(
      () => null,
      (e: unknown) => e as Stripe.errors.StripeError,
    );
    assert.equal(error?.statusCode, 400);
    assert.equal(error?.code, 'payment_intent_incompatible_payment_method');
    assert.equal((await browser.paymentIntents.retrieve(pi.id)).status, 'requires_payment_method');
    const seti = await browser.setupIntents.create({ customer: cus.id, allowed_payment_method_types: ['card'] });
    const refused = await browser.setupIntents.confirm(seti.id, { payment_method: (await linkMethod()).id }).then(
      () => null,
      (e: unknown) => e as Stripe.errors.StripeError,
    );
    assert.equal(refused?.statusCode, 400);
  });

  it('a Link PaymentMethod has no card, and Link’s email', async () => {
    const pm = await linkMethod();
    assert.deepEqual([pm.type, pm.card, pm.link?.email], ['link', undefined, LINK_EMAIL]);
  });
});
