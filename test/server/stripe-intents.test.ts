// The `stripe` processor's SetupIntents and PaymentIntents through the official SDK, against the Stripe
// stand-in (test/support/stripe/): saving cards, 3-D Secure completed and failed with the stand-in's
// `authenticate`, the deadline, lost answers, and Stripe's signed webhooks (a second server receives them).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { startStripeServer } from '../support/stripe-server.ts';
import { until } from '../support/until.ts';

const SECRET = 'sk_test_tillkit_intents_0123456789';

let stand: StripeStandIn;
let server: TestServer;
let product: string;

before(async () => {
  stand = await startStripeStandIn({ secretKey: SECRET });
  server = await startStripeServer(stand, {
    reconcileIntervalMs: 100,
    authDeadlineMs: 3000,
    paymentLeaseMs: 5000,
  });
  product = await createProduct(server, { name: 'Rope', price: 31.25, currency: 'EUR' });
});
after(async () => {
  await server.close();
  await stand.close();
});
beforeEach(() => stand.faults.clear());

let n = 0;
async function customer(on: TestServer = server) {
  n++;
  return checkout(on, await on.userToken(`stripe-intents-${n}`, `si-${n}@example.com`));
}
type Shop = Awaited<ReturnType<typeof customer>>;

const intentAt = (id: string) => stand.state.paymentIntents().find((pi) => pi.id === id)!;
const chargesOf = (order: string) => stand.state.successfulChargesByOrder().get(order) ?? [];

/** A payment method saved with `pm`, authenticating its setup at the stand-in when the bank asks. */
async function saved(shop: Shop, pm: string): Promise<string> {
  const method = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
  const id = method.body._id.$oid as string;
  const put = await shop.call('PUT', `/payment_methods/${id}`, { payment_method_id: pm });
  assert.equal(put.status, 200, put.text);
  if (put.body.setup_intent.status === 'requires_action') {
    stand.authenticate(put.body.setup_intent.id, 'complete');
    const after = await shop.call('GET', `/payment_methods/${id}`);
    assert.equal(after.body.setup_intent.status, 'succeeded', after.text);
  }
  return id;
}

describe('cards saved through Stripe SetupIntents', () => {
  it('a SetupIntent for the user’s customer; the card Stripe.js confirmed is checked and saved', async () => {
    const shop = await customer();
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    assert.equal(created.status, 200, created.text);
    const seti = stand.state.setupIntents().find((s) => s.id === created.body.setup_intent.id)!;
    assert.equal(seti.customer, created.body.customer_id);
    assert.equal(seti.client_secret, created.body.setup_intent.client_secret);
    assert.equal(seti.metadata?.tillkit_payment_method, created.body._id.$oid);
    // The browser confirms it with Stripe.js (here the SDK, as Stripe.js would call Stripe).
    const browser = new Stripe(SECRET, stand.clientOptions());
    const confirmed = await browser.setupIntents.confirm(seti.id, { payment_method: 'pm_card_mastercard' });
    const pm = confirmed.payment_method as string;
    const wrong = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, {
      payment_method_id: 'pm_card_visa',
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'setup-intent-used');
    const put = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, { payment_method_id: pm });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.source, pm);
    assert.equal(put.body.setup_intent.status, 'succeeded');
    assert.deepEqual([put.body.card.brand, put.body.card.last4, put.body.card.exp_year], ['mastercard', '4444', 2031]);
    assert.equal(stand.state.paymentMethods().find((m) => m.id === pm)!.customer, created.body.customer_id);
  });

  it('a PaymentMethod of another customer is refused, and nothing is saved', async () => {
    const shop = await customer();
    const browser = new Stripe(SECRET, stand.clientOptions());
    const someone = await browser.customers.create({ email: 'someone@example.com' });
    const theirs = await browser.paymentMethods.attach('pm_card_visa', { customer: someone.id });
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const put = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, { payment_method_id: theirs.id });
    assert.equal(put.status, 400, put.text);
    const { body } = await shop.call('GET', `/payment_methods/${created.body._id.$oid}`);
    assert.equal(body.source, undefined);
  });

  it('3155 asks for authentication on setup; a card Stripe refuses to save is a 402', async () => {
    const shop = await customer();
    const id = await saved(shop, 'pm_card_authenticationRequiredOnSetup');
    const order = await shop.order(product);
    const paid = await shop.pay([order], id);
    assert.equal(paid.status, 200, paid.text);
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const refused = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, {
      payment_method_id: 'pm_card_chargeDeclinedInsufficientFunds',
    });
    assert.equal(refused.status, 402, refused.text);
    assert.equal(refused.body.decline_code, 'insufficient_funds');
  });
});

describe('PaymentIntents at Stripe', () => {
  it('pays with a PaymentIntent confirmed on the server, manual confirmation, the orders in its metadata', async () => {
    const shop = await customer();
    const a = await shop.order(product);
    const b = await shop.order(product, 2);
    const paid = await shop.pay([a, b], await saved(shop, 'pm_card_visa'));
    assert.equal(paid.status, 200, paid.text);
    const pi = intentAt(paid.body.metadata.intent_id);
    assert.equal(pi.status, 'succeeded');
    assert.equal(pi.amount, 9375);
    assert.equal(pi.confirmation_method, 'manual');
    assert.deepEqual(pi.metadata, {
      tillkit_payment: paid.body._id.$oid,
      tillkit_orders: [a, b].sort().join(','),
      tillkit_company: paid.body.company.$oid,
    });
    assert.equal(paid.body.metadata.charge_id, pi.latest_charge);
    assert.deepEqual([chargesOf(a).length, chargesOf(b).length], [1, 1]);
    const keys = stand.requests.filter(
      (r) => r.params.metadata && (r.params.metadata as Record<string, string>).tillkit_payment === paid.body._id.$oid,
    );
    assert.equal(keys[0]!.idempotencyKey, `tillkit-pi-${paid.body._id.$oid}-1-create`);
  });

  it('3184 completed: 422 with Stripe’s next_action, authenticated at Stripe, confirmed: one charge', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const asked = await shop.pay([order], await saved(shop, 'pm_card_authenticationRequired'));
    assert.equal(asked.status, 422, asked.text);
    const p = asked.body.error.params;
    assert.equal(p.next_action.type, 'use_stripe_sdk');
    assert.equal(intentAt(p.payment_intent_id).status, 'requires_action');
    stand.authenticate(p.payment_intent_id, 'complete');
    assert.equal(intentAt(p.payment_intent_id).status, 'requires_confirmation');
    const confirmed = await shop.call('POST', `/payments/${p.payment_id}/confirm`, {
      payment_intent_id: p.payment_intent_id,
      payment_client_secret: p.intent_client_secret,
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(await shop.status(order), 'SUCCESS');
    assert.equal(chargesOf(order).length, 1);
  });

  it('3184 failed: declined, payable, nothing charged; another card succeeds on the same intent', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const asked = await shop.pay([order], await saved(shop, 'pm_card_authenticationRequired'));
    const p = asked.body.error.params;
    stand.authenticate(p.payment_intent_id, 'fail');
    const failed = await shop.call('POST', `/payments/${p.payment_id}/confirm`, {
      payment_intent_id: p.payment_intent_id,
    });
    assert.equal(failed.status, 402, failed.text);
    assert.equal(failed.body.code, 'payment_intent_authentication_failure');
    assert.equal(await shop.status(order), 'DECLINED');
    assert.equal(chargesOf(order).length, 0);
    const paid = await shop.pay([order], await saved(shop, 'pm_card_visa'));
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.metadata.intent_id, p.payment_intent_id);
    assert.equal(chargesOf(order).length, 1);
  });

  it('3178: authenticated when saved, then declined for insufficient funds', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const declined = await shop.pay(
      [order],
      await saved(shop, 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds'),
    );
    assert.equal(declined.status, 402, declined.text);
    assert.equal(declined.body.decline_code, 'insufficient_funds');
    assert.equal(await shop.status(order), 'DECLINED');
    assert.equal(chargesOf(order).length, 0);
  });

  it('an authentication left pending past the deadline is canceled at Stripe; the order is payable', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const asked = await shop.pay([order], await saved(shop, 'pm_card_threeDSecure2Required'));
    const p = asked.body.error.params;
    await until(() => intentAt(p.payment_intent_id).status === 'canceled', 'the deadline', 10_000);
    await until(async () => (await shop.status(order)) === 'DECLINED', 'the order to be payable again');
    assert.equal(intentAt(p.payment_intent_id).cancellation_reason, 'abandoned');
    const paid = await shop.pay([order], await saved(shop, 'pm_card_visa'));
    assert.equal(paid.status, 200, paid.text);
    assert.equal(chargesOf(order).length, 1);
  });

  it('a lost confirm answer is 202; another card waits or is refused, and one charge is made', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const visa = await saved(shop, 'pm_card_visa');
    stand.faults.drop({ method: 'POST', path: /\/confirm$/ }, { times: 3 });
    const lost = await shop.pay([order], visa);
    assert.equal(lost.status, 202, lost.text);
    const other = await shop.pay([order], await saved(shop, 'pm_card_amex'));
    assert.ok([409].includes(other.status), other.text);
    assert.ok(['order-paid', 'payment-in-progress'].includes(other.body.code), other.text);
    await until(
      async () => (await shop.call('GET', `/payments/${lost.body._id.$oid}`)).body.current_state === 'succeeded',
      'the outcome',
    );
    assert.equal(chargesOf(order).length, 1);
    assert.equal(chargesOf(order)[0]!.payment_method_details?.card?.brand, 'visa');
  });

  it('refuses currencies whose Stripe unit is not ISO 4217’s, before anything reaches Stripe', async () => {
    const krona = await createProduct(server, { name: 'Hrútar', price: 1990, currency: 'ISK' });
    const shop = await customer();
    const order = await shop.order(krona);
    const before = stand.requests.length;
    const refused = await shop.pay([order], await shop.card('tok_visa'));
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.code, 'currency-unsupported');
    assert.match(refused.body.message, /ISK/);
    assert.equal(stand.requests.slice(before).filter((r) => r.path.includes('charges')).length, 0);
    assert.equal(await shop.status(order), 'CREATED');
  });
});
