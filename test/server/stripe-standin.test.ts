// The loopback Stripe stand-in (test/support/stripe/) driven by the official `stripe` SDK: test cards,
// PaymentIntent and SetupIntent lifecycles, 3-D Secure, customers and PaymentMethods, the legacy token
// path, and Stripe's error shapes. Idempotency, faults and webhooks: stripe-standin-faults.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';

let stand: StripeStandIn;
let stripe: Stripe;

before(async () => {
  stand = await startStripeStandIn();
  stripe = new Stripe(stand.secretKey, stand.clientOptions());
});
after(() => stand.close());

async function refusal(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Stripe.errors.StripeError, String(error));
    return error;
  }
  assert.fail('expected Stripe to refuse');
}

const cardsOnly = { allowed_payment_method_types: ['card' as const] };
const RETURN_URL = 'https://shop.example/checkout/return';

async function pay(paymentMethod: string, more: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({
    amount: 8700,
    currency: 'eur',
    payment_method: paymentMethod,
    confirm: true,
    ...cardsOnly,
    ...more,
  });
}

describe('test cards through PaymentIntents', () => {
  for (const [pm, brand, last4] of [
    ['pm_card_visa', 'visa', '4242'],
    ['pm_card_mastercard', 'mastercard', '4444'],
    ['pm_card_amex', 'amex', '0005'],
  ] as const) {
    it(`${pm} succeeds with one charge, through a new pm_… cloned from the test id`, async () => {
      const intent = await pay(pm, { metadata: { tillkit_orders: `o-${pm}` } });
      assert.equal(intent.object, 'payment_intent');
      assert.equal(intent.status, 'succeeded');
      assert.equal(intent.amount_received, 8700);
      assert.match(intent.id, /^pi_/);
      assert.match(intent.client_secret!, new RegExp(`^${intent.id}_secret_`));
      assert.match(intent.payment_method as string, /^pm_(?!card_)/);
      const method = await stripe.paymentMethods.retrieve(intent.payment_method as string);
      assert.equal(method.card!.brand, brand);
      assert.equal(method.card!.last4, last4);
      assert.equal(method.card!.funding, 'credit');
      assert.equal(method.card!.three_d_secure_usage!.supported, brand !== 'amex');
      assert.deepEqual(Object.keys(method.card!).sort(), [
        'brand',
        'checks',
        'country',
        'display_brand',
        'exp_month',
        'exp_year',
        'fingerprint',
        'funding',
        'generated_from',
        'last4',
        'networks',
        'regulated_status',
        'three_d_secure_usage',
        'wallet',
      ]);
      assert.equal(method.customer, null);
      const charge = await stripe.charges.retrieve(intent.latest_charge as string);
      assert.equal(charge.status, 'succeeded');
      assert.equal(charge.paid, true);
      assert.equal(charge.amount, 8700);
      assert.equal(charge.currency, 'eur');
      assert.equal(charge.payment_intent, intent.id);
      assert.equal(charge.payment_method_details!.card!.last4, last4);
      assert.deepEqual(charge.metadata, { tillkit_orders: `o-${pm}` });
      assert.deepEqual(
        stand.state
          .successfulChargesByOrder()
          .get(`o-${pm}`)!
          .map((c) => c.id),
        [charge.id],
      );
    });
  }

  for (const [pm, declineCode, message] of [
    ['pm_card_chargeDeclined', 'generic_decline', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_visa_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
  ] as const) {
    it(`${pm} is declined: 402 card_error carrying the intent, back to requires_payment_method`, async () => {
      const error = await refusal(pay(pm));
      assert.ok(error instanceof Stripe.errors.StripeCardError);
      assert.equal(error.statusCode, 402);
      assert.equal(error.type, 'StripeCardError');
      assert.equal(error.rawType, 'card_error');
      assert.equal(error.code, 'card_declined');
      assert.equal(error.decline_code, declineCode);
      assert.equal(error.message, message);
      assert.match(error.charge!, /^ch_/);
      const intent = error.payment_intent!;
      assert.equal(intent.status, 'requires_payment_method');
      assert.equal(intent.payment_method, null);
      assert.equal(intent.last_payment_error!.type, 'card_error');
      assert.equal(intent.last_payment_error!.decline_code, declineCode);
      assert.equal(intent.last_payment_error!.charge, error.charge);
      assert.equal(intent.latest_charge, error.charge);
      const charge = await stripe.charges.retrieve(error.charge!);
      assert.equal(charge.status, 'failed');
      assert.equal(charge.paid, false);
      assert.equal(charge.failure_code, 'card_declined');
      assert.equal(charge.outcome!.reason, declineCode);
      assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'requires_payment_method');
    });
  }

  it('a declined intent can be paid again with another card, and then succeeds once', async () => {
    const error = await refusal(pay('pm_card_chargeDeclined', { metadata: { tillkit_orders: 'retry-1' } }));
    const id = error.payment_intent!.id;
    const paid = await stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' });
    assert.equal(paid.status, 'succeeded');
    assert.notEqual(paid.latest_charge, error.charge);
    const again = await refusal(stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_mastercard' }));
    assert.equal(again.statusCode, 400);
    assert.equal(again.code, 'payment_intent_unexpected_state');
    assert.equal(
      again.message,
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
    assert.equal((again.raw as Stripe.StripeRawError).payment_intent!.status, 'succeeded');
    const charges = await stripe.charges.list({ payment_intent: id });
    assert.deepEqual(charges.data.map((c) => c.status).sort(), ['failed', 'succeeded']);
    assert.equal(stand.state.successfulChargesByOrder().get('retry-1')!.length, 1);
    assert.equal(stand.state.doublyCharged().size, 0);
  });

  it('confirming without a payment method is a 400 payment_intent_unexpected_state', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'eur', ...cardsOnly });
    assert.equal(intent.status, 'requires_payment_method');
    const error = await refusal(stripe.paymentIntents.confirm(intent.id));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'payment_intent_unexpected_state');
  });

  it('with automatic payment methods (the default) a server-side confirm needs a return_url', async () => {
    const error = await refusal(
      stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: 'pm_card_visa', confirm: true }),
    );
    assert.equal(error.statusCode, 400);
    assert.equal(error.param, 'return_url');
    assert.match(error.message, /require a full page redirect/);
    const intent = await stripe.paymentIntents.create({
      amount: 500,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
      return_url: RETURN_URL,
    });
    assert.equal(intent.status, 'succeeded');
    assert.deepEqual(intent.automatic_payment_methods, { enabled: true, allow_redirects: 'always' });
    const never = await stripe.paymentIntents.create({
      amount: 500,
      currency: 'eur',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    assert.equal(never.status, 'succeeded');
  });

  it('an unattached PaymentMethod serves one intent only', async () => {
    const first = await pay('pm_card_visa');
    const error = await refusal(pay(first.payment_method as string));
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /It may not be used again/);
  });

  it('refuses what Stripe refuses: unknown parameters, a small amount, an unknown currency or customer', async () => {
    const unknown = await refusal(
      stripe.paymentIntents.create({ amount: 500, currency: 'eur', colour: 'red' } as Stripe.PaymentIntentCreateParams),
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.message, 'Received unknown parameter: colour');
    assert.equal(unknown.param, 'colour');
    const small = await refusal(stripe.paymentIntents.create({ amount: 20, currency: 'eur' }));
    assert.equal(small.code, 'amount_too_small');
    const currency = await refusal(stripe.paymentIntents.create({ amount: 500, currency: 'xyz' }));
    assert.equal(currency.param, 'currency');
    const customer = await refusal(
      stripe.paymentIntents.create({ amount: 500, currency: 'eur', customer: 'cus_nope' }),
    );
    assert.equal(customer.statusCode, 400);
    assert.equal(customer.code, 'resource_missing');
    assert.equal(customer.message, "No such customer: 'cus_nope'");
    const missing = await refusal(stripe.paymentIntents.retrieve('pi_nope'));
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.code, 'resource_missing');
    const badKey = await refusal(new Stripe('sk_test_wrong', stand.clientOptions()).customers.create());
    assert.equal(badKey.statusCode, 401);
    assert.ok(badKey instanceof Stripe.errors.StripeAuthenticationError);
  });

  it('expands latest_charge and payment_method on request', async () => {
    const intent = await pay('pm_card_visa');
    const expanded = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge', 'payment_method'] });
    assert.equal((expanded.latest_charge as Stripe.Charge).object, 'charge');
    assert.equal((expanded.payment_method as Stripe.PaymentMethod).card!.last4, '4242');
  });
});

describe('3-D Secure', () => {
  it('3184: requires_action with redirect_to_url; completing on the page pays and redirects back', async () => {
    const intent = await pay('pm_card_authenticationRequired', { return_url: RETURN_URL });
    assert.equal(intent.status, 'requires_action');
    assert.equal(intent.latest_charge, null);
    assert.equal(intent.next_action!.type, 'redirect_to_url');
    assert.equal(intent.next_action!.redirect_to_url!.return_url, RETURN_URL);
    const url = intent.next_action!.redirect_to_url!.url!;
    assert.ok(url.startsWith(stand.url));
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /value="complete"[\s\S]*value="fail"/);
    const done = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'complete' }),
      redirect: 'manual',
    });
    assert.equal(done.status, 303);
    const back = new URL(done.headers.get('location')!);
    assert.equal(back.origin + back.pathname, RETURN_URL);
    assert.equal(back.searchParams.get('payment_intent'), intent.id);
    assert.equal(back.searchParams.get('payment_intent_client_secret'), intent.client_secret);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    const paid = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    assert.equal(paid.status, 'succeeded');
    assert.equal(paid.next_action, null);
    const charge = paid.latest_charge as Stripe.Charge;
    assert.equal(charge.payment_method_details!.card!.three_d_secure!.result, 'authenticated');
    assert.equal((await fetch(url)).status, 410);
  });

  it('3184: a failed authentication leaves the intent payable and charges nothing', async () => {
    const intent = await pay('pm_card_authenticationRequired', { return_url: RETURN_URL });
    stand.authenticate(intent.id, 'fail');
    const failed = await stripe.paymentIntents.retrieve(intent.id);
    assert.equal(failed.status, 'requires_payment_method');
    assert.equal(failed.latest_charge, null);
    assert.equal(failed.last_payment_error!.code, 'payment_intent_authentication_failure');
    assert.equal(failed.last_payment_error!.type, 'invalid_request_error');
    assert.equal((await stripe.charges.list({ payment_intent: intent.id })).data.length, 0);
    assert.throws(() => stand.authenticate(intent.id, 'complete'), /no authentication pending/);
  });

  it('3184 asks on every payment, even after being set up; off-session it is declined', async () => {
    const customer = await stripe.customers.create();
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: RETURN_URL,
    });
    assert.equal(setup.status, 'requires_action');
    stand.authenticate(setup.id, 'complete');
    const saved = (await stripe.setupIntents.retrieve(setup.id)).payment_method as string;
    const onSession = await pay(saved, { customer: customer.id, return_url: RETURN_URL });
    assert.equal(onSession.status, 'requires_action');
    const offSession = await refusal(pay(saved, { customer: customer.id, off_session: true }));
    assert.equal(offSession.statusCode, 402);
    assert.equal(offSession.code, 'authentication_required');
    assert.equal(offSession.decline_code, 'authentication_required');
    assert.equal(offSession.payment_intent!.status, 'requires_payment_method');
  });

  it('without a return_url the next action is use_stripe_sdk, completed the same way', async () => {
    const intent = await pay('pm_card_threeDSecure2Required');
    assert.equal(intent.status, 'requires_action');
    assert.equal(intent.next_action!.type, 'use_stripe_sdk');
    stand.authenticate(intent.id, 'complete');
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'succeeded');
  });

  it('3178: authenticates, then the bank declines for insufficient funds', async () => {
    const intent = await pay('pm_card_authenticationRequiredChargeDeclinedInsufficientFunds', {
      return_url: RETURN_URL,
    });
    assert.equal(intent.status, 'requires_action');
    stand.authenticate(intent.id, 'complete');
    const declined = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    assert.equal(declined.status, 'requires_payment_method');
    assert.equal(declined.last_payment_error!.code, 'card_declined');
    assert.equal(declined.last_payment_error!.decline_code, 'insufficient_funds');
    assert.equal((declined.latest_charge as Stripe.Charge).status, 'failed');
  });

  it('manual confirmation: after authenticating, the intent waits in requires_confirmation for the server', async () => {
    const intent = await pay('pm_card_authenticationRequired', {
      confirmation_method: 'manual',
      return_url: RETURN_URL,
    });
    assert.equal(intent.status, 'requires_action');
    stand.authenticate(intent.id, 'complete');
    const waiting = await stripe.paymentIntents.retrieve(intent.id);
    assert.equal(waiting.status, 'requires_confirmation');
    assert.equal(waiting.latest_charge, null);
    const paid = await stripe.paymentIntents.confirm(intent.id);
    assert.equal(paid.status, 'succeeded');
  });

  it('confirming again while an action is pending opens a new challenge and voids the old one', async () => {
    const intent = await pay('pm_card_authenticationRequired', { return_url: RETURN_URL });
    const first = intent.next_action!.redirect_to_url!.url!;
    const again = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_authenticationRequired' });
    assert.equal(again.status, 'requires_action');
    assert.notEqual(again.next_action!.redirect_to_url!.url, first);
    const stale = await fetch(first, { method: 'POST', body: new URLSearchParams({ outcome: 'complete' }) });
    assert.equal(stale.status, 410);
  });

  it('cancel from requires_action; a canceled or succeeded intent can not be canceled or confirmed', async () => {
    const intent = await pay('pm_card_authenticationRequired', { return_url: RETURN_URL });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'abandoned');
    assert.ok(canceled.canceled_at);
    assert.throws(() => stand.authenticate(intent.id, 'complete'));
    const confirm = await refusal(stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }));
    assert.equal(confirm.code, 'payment_intent_unexpected_state');
    const paid = await pay('pm_card_visa');
    const cancel = await refusal(stripe.paymentIntents.cancel(paid.id));
    assert.equal(cancel.statusCode, 400);
    assert.equal(cancel.code, 'payment_intent_unexpected_state');
    assert.match(cancel.message, /status of succeeded/);
  });
});

describe('SetupIntents', () => {
  it('pm_card_visa is saved: succeeded, attached to the customer', async () => {
    const customer = await stripe.customers.create({ email: 'save@example.com' });
    const setup = await stripe.setupIntents.create({ customer: customer.id, usage: 'off_session', ...cardsOnly });
    assert.equal(setup.status, 'requires_payment_method');
    assert.equal(setup.usage, 'off_session');
    assert.match(setup.client_secret!, /^seti_.+_secret_/);
    const confirmed = await stripe.setupIntents.confirm(setup.id, { payment_method: 'pm_card_visa' });
    assert.equal(confirmed.status, 'succeeded');
    const pm = await stripe.paymentMethods.retrieve(confirmed.payment_method as string);
    assert.equal(pm.customer, customer.id);
    const listed = await stripe.customers.listPaymentMethods(customer.id);
    assert.deepEqual(
      listed.data.map((m) => m.id),
      [pm.id],
    );
    const again = await refusal(stripe.setupIntents.confirm(setup.id, { payment_method: 'pm_card_visa' }));
    assert.equal(again.code, 'setup_intent_unexpected_state');
  });

  for (const [pm, declineCode] of [
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ] as const) {
    it(`${pm} is refused when saved: 402 carrying the setup intent`, async () => {
      const customer = await stripe.customers.create();
      const setup = await stripe.setupIntents.create({ customer: customer.id, ...cardsOnly });
      const error = await refusal(stripe.setupIntents.confirm(setup.id, { payment_method: pm }));
      assert.equal(error.statusCode, 402);
      assert.equal(error.code, 'card_declined');
      assert.equal(error.decline_code, declineCode);
      const intent = (error.raw as Stripe.StripeRawError).setup_intent!;
      assert.equal(intent.id, setup.id);
      assert.equal(intent.status, 'requires_payment_method');
      assert.equal(intent.last_setup_error!.decline_code, declineCode);
      assert.equal((await stripe.customers.listPaymentMethods(customer.id)).data.length, 0);
      const attach = await refusal(stripe.paymentMethods.attach(pm, { customer: customer.id }));
      assert.equal(attach.statusCode, 402);
    });
  }

  it('pm_card_chargeCustomerFail saves fine, then every payment is declined', async () => {
    const customer = await stripe.customers.create();
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_chargeCustomerFail',
      confirm: true,
      ...cardsOnly,
    });
    assert.equal(setup.status, 'succeeded');
    const error = await refusal(pay(setup.payment_method as string, { customer: customer.id }));
    assert.equal(error.statusCode, 402);
    assert.equal(error.decline_code, 'generic_decline');
  });

  it('3155: authentication when saved, then payments go through, on and off session', async () => {
    const customer = await stripe.customers.create();
    const fresh = await pay('pm_card_authenticationRequiredOnSetup', { return_url: RETURN_URL });
    assert.equal(fresh.status, 'requires_action', 'not set up yet: asks');
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      return_url: RETURN_URL,
    });
    assert.equal(setup.status, 'requires_action');
    assert.equal(setup.next_action!.type, 'redirect_to_url');
    const url = setup.next_action!.redirect_to_url!.url!;
    const done = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'complete' }),
      redirect: 'manual',
    });
    const back = new URL(done.headers.get('location')!);
    assert.equal(back.searchParams.get('setup_intent'), setup.id);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    const saved = await stripe.setupIntents.retrieve(setup.id);
    assert.equal(saved.status, 'succeeded');
    const pm = saved.payment_method as string;
    assert.equal((await stripe.paymentMethods.retrieve(pm)).customer, customer.id);
    assert.equal((await pay(pm, { customer: customer.id })).status, 'succeeded');
    assert.equal((await pay(pm, { customer: customer.id, off_session: true })).status, 'succeeded');
  });

  it('a failed authentication on setup: requires_payment_method, setup_intent_authentication_failure', async () => {
    const setup = await stripe.setupIntents.create({
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      ...cardsOnly,
    });
    assert.equal(setup.next_action!.type, 'use_stripe_sdk');
    stand.authenticate(setup.id, 'fail');
    const failed = await stripe.setupIntents.retrieve(setup.id);
    assert.equal(failed.status, 'requires_payment_method');
    assert.equal(failed.last_setup_error!.code, 'setup_intent_authentication_failure');
  });

  it('cancel', async () => {
    const setup = await stripe.setupIntents.create(cardsOnly);
    assert.equal((await stripe.setupIntents.cancel(setup.id)).status, 'canceled');
  });
});

describe('customers, PaymentMethods, updates and queries', () => {
  it('creates and retrieves customers; 404 resource_missing for an unknown one', async () => {
    const customer = await stripe.customers.create({ email: 'ann@example.com', metadata: { tillkit_user: 'u1' } });
    assert.match(customer.id, /^cus_/);
    const again = await stripe.customers.retrieve(customer.id);
    assert.equal((again as Stripe.Customer).email, 'ann@example.com');
    assert.deepEqual((again as Stripe.Customer).metadata, { tillkit_user: 'u1' });
    const missing = await refusal(stripe.customers.retrieve('cus_nope'));
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.message, "No such customer: 'cus_nope'");
  });

  it('attaches pm_card_visa to a customer as a new PaymentMethod; a customer’s card pays for that customer only', async () => {
    const ann = await stripe.customers.create();
    const bob = await stripe.customers.create();
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: ann.id });
    assert.match(pm.id, /^pm_(?!card_)/);
    assert.equal(pm.customer, ann.id);
    assert.equal((await pay(pm.id, { customer: ann.id })).status, 'succeeded');
    assert.equal((await pay(pm.id, { customer: ann.id })).status, 'succeeded', 'attached: reusable');
    const other = await refusal(pay(pm.id, { customer: bob.id }));
    assert.equal(other.statusCode, 400);
    assert.equal(other.param, 'payment_method');
  });

  it('updates amount and metadata while payable; only metadata once succeeded', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', ...cardsOnly });
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 1200,
      metadata: { tillkit_orders: 'a,b' },
      payment_method: 'pm_card_visa',
    });
    assert.equal(updated.amount, 1200);
    assert.equal(updated.status, 'requires_confirmation');
    const paid = await stripe.paymentIntents.confirm(intent.id);
    assert.equal(paid.status, 'succeeded');
    assert.equal(paid.amount_received, 1200);
    const refused = await refusal(stripe.paymentIntents.update(intent.id, { amount: 1300 }));
    assert.equal(refused.code, 'payment_intent_unexpected_state');
    const noted = await stripe.paymentIntents.update(intent.id, { metadata: { note: 'paid', tillkit_orders: '' } });
    assert.deepEqual(noted.metadata, { note: 'paid' });
  });

  it('lists a customer’s intents and searches them by metadata', async () => {
    const customer = await stripe.customers.create();
    const order = `order-${Date.now()}`;
    const one = await pay('pm_card_visa', { customer: customer.id, metadata: { tillkit_orders: order } });
    await pay('pm_card_visa', { customer: customer.id, metadata: { tillkit_orders: 'elsewhere' } });
    const listed = await stripe.paymentIntents.list({ customer: customer.id });
    assert.equal(listed.data.length, 2);
    const found = await stripe.paymentIntents.search({ query: `metadata['tillkit_orders']:'${order}'` });
    assert.deepEqual(
      found.data.map((pi) => pi.id),
      [one.id],
    );
    const succeeded = await stripe.paymentIntents.search({
      query: `status:'succeeded' AND metadata['tillkit_orders']:'${order}'`,
    });
    assert.equal(succeeded.data.length, 1);
  });

  it('keeps accounts apart: another secret key sees none of this account’s objects', async () => {
    const other = await startStripeStandIn({ otherSecretKeys: ['sk_test_other_account'] });
    try {
      const mine = new Stripe(other.secretKey, other.clientOptions());
      const theirs = new Stripe('sk_test_other_account', other.clientOptions());
      const customer = await mine.customers.create();
      const error = await refusal(theirs.customers.retrieve(customer.id));
      assert.equal(error.statusCode, 404);
    } finally {
      await other.close();
    }
  });
});

describe('the legacy token path (seed 000)', () => {
  it('tok_visa becomes a card source; a charge on it succeeds', async () => {
    const customer = await stripe.customers.create({ email: 'legacy@example.com' });
    const card = (await stripe.customers.createSource(customer.id, { source: 'tok_visa' })) as Stripe.Card;
    assert.equal(card.object, 'card');
    assert.match(card.id, /^card_/);
    assert.equal(card.brand, 'Visa');
    assert.equal(card.last4, '4242');
    assert.equal(card.exp_year, 2031);
    assert.equal(card.customer, customer.id);
    const charge = await stripe.charges.create({
      amount: 8700,
      currency: 'eur',
      customer: customer.id,
      source: card.id,
      metadata: { tillkit_orders: 'legacy-1' },
    });
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.source!.id, card.id);
    assert.equal((await stripe.charges.retrieve(charge.id)).amount, 8700);
    assert.equal(stand.state.successfulChargesByOrder().get('legacy-1')!.length, 1);
  });

  it('issuer-decline tokens are refused when attached; tok_chargeCustomerFail attaches and is declined', async () => {
    const customer = await stripe.customers.create();
    for (const token of ['tok_chargeDeclined', 'tok_chargeDeclinedInsufficientFunds']) {
      const refused = await refusal(stripe.customers.createSource(customer.id, { source: token }));
      assert.equal(refused.statusCode, 402, token);
      assert.equal(refused.code, 'card_declined');
    }
    const card = await stripe.customers.createSource(customer.id, { source: 'tok_chargeCustomerFail' });
    const declined = await refusal(
      stripe.charges.create({ amount: 1000, currency: 'eur', customer: customer.id, source: card.id }),
    );
    assert.equal(declined.statusCode, 402);
    assert.equal(declined.decline_code, 'generic_decline');
    assert.equal((await stripe.charges.retrieve(declined.charge!)).status, 'failed');
  });

  it('a token is charged directly; a token made through the API is used once; unknown ones are 400', async () => {
    const direct = await stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_mastercard' });
    assert.equal(direct.payment_method_details!.card!.brand, 'mastercard');
    const declined = await refusal(
      stripe.charges.create({ amount: 1000, currency: 'usd', source: 'tok_chargeDeclined' }),
    );
    assert.equal(declined.decline_code, 'generic_decline');
    const token = await stripe.tokens.create({
      card: { number: '4242424242424242', exp_month: '8', exp_year: '2031', cvc: '123' },
    });
    assert.equal(token.card!.last4, '4242');
    await stripe.charges.create({ amount: 1000, currency: 'usd', source: token.id });
    const reused = await refusal(stripe.charges.create({ amount: 1000, currency: 'usd', source: token.id }));
    assert.equal(reused.statusCode, 400);
    assert.match(reused.message, /more than once/);
    const customer = await stripe.customers.create();
    const unknown = await refusal(stripe.customers.createSource(customer.id, { source: 'tok_unknown' }));
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.code, 'resource_missing');
    assert.equal(unknown.message, "No such token: 'tok_unknown'");
  });
});
