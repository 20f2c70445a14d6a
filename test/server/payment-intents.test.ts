// PaymentIntents and strong customer authentication with the offline `test` processor, as BuiltOn's SDK
// does them (issue 10): cards saved through a SetupIntent with Stripe's test PaymentMethods, payments
// confirmed on the server, 422 PaymentRequiresFurtherInformation, the test authentication page, confirm.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import type { ConfirmParams, IntentAnswer } from '../../server/payments/processor.ts';
import { createProduct, startTestServer, type TestResponse, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { actionUrl, authenticate } from '../support/authentication.ts';

/** The test processor, with a gate that holds confirmations while a test looks at a payment in flight. */
class GatedProcessor extends TestProcessor {
  gate: Promise<void> | null = null;
  override async confirmIntent(id: string, params: ConfirmParams, key: string): Promise<IntentAnswer> {
    if (this.gate) await this.gate;
    return super.confirmIntent(id, params, key);
  }
}

const processor = new GatedProcessor();
let server: TestServer;
let product: string;
let other: string;

before(async () => {
  server = await startTestServer({ processor });
  product = await createProduct(server, { name: 'Vertigo', price: 19.9, currency: 'EUR', vat: 0.25 });
  other = await createProduct(server, { name: 'Rebecca', price: 5, currency: 'EUR' });
});
after(() => server.close());
beforeEach(() => (processor.gate = null));

let n = 0;
async function customer() {
  n++;
  return checkout(server, await server.userToken(`intents-${n}`, `intents-${n}@example.com`));
}

/** Succeeded charges the test processor made for an intent. */
async function chargesOf(intent: string): Promise<number> {
  const rows = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM test_processor_objects WHERE kind = 'charge' AND data->>'intent' = $1 AND data->>'status' = 'succeeded'`,
    [intent],
  );
  return rows[0]!.n;
}

const params = (r: TestResponse) => r.body.error.params;

describe('saving a card through a SetupIntent', () => {
  it('POST without a token answers the payment method with its SetupIntent, as the SDK’s fixture shows', async () => {
    const shop = await customer();
    const response = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    assert.equal(response.status, 200, response.text);
    const m = response.body;
    assert.equal(m._cls, 'PaymentMethod.StripePaymentMethod');
    assert.equal(m.is_sca_compatible, true);
    assert.equal(m.active, true);
    assert.equal(m.method, 'stripe');
    assert.match(m.customer_id, /^cus_/);
    assert.deepEqual(m.card, {});
    assert.match(m.setup_intent.id, /^seti_/);
    assert.match(m.setup_intent.client_secret, new RegExp(`^${m.setup_intent.id}_secret_`));
    assert.equal(m.setup_intent.status, 'requires_payment_method');
    assert.equal(m.source, undefined);
  });

  it('PUT with a test PaymentMethod sets it up: source pm_…, the card in Stripe’s PaymentMethod shape', async () => {
    const shop = await customer();
    const { body: created } = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const saved = await shop.call('PUT', `/payment_methods/${created._id.$oid}`, { payment_method_id: 'pm_card_visa' });
    assert.equal(saved.status, 200, saved.text);
    assert.match(saved.body.source, /^pm_/);
    assert.equal(saved.body.setup_intent.status, 'succeeded');
    assert.equal(saved.body.setup_intent.id, created.setup_intent.id);
    const c = saved.body.card;
    assert.deepEqual([c.brand, c.last4, c.funding, c.country, c.exp_month], ['visa', '4242', 'credit', 'US', 12]);
    assert.ok(c.exp_year > new Date().getUTCFullYear());
    assert.deepEqual(c.checks, { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' });
    assert.deepEqual(c.three_d_secure_usage, { supported: true });
    assert.equal(c.wallet, null);
    // The same PUT again (a retry) answers the same card.
    const again = await shop.call('PUT', `/payment_methods/${created._id.$oid}`, { payment_method_id: 'pm_card_visa' });
    assert.equal(again.body.source, saved.body.source);
  });

  it('a card Stripe refuses to save is a 402, and the payment method stays to be set up', async () => {
    const shop = await customer();
    const { body: created } = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const id = created._id.$oid;
    for (const [pm, decline] of [
      ['pm_card_chargeDeclined', 'generic_decline'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ]) {
      const refused = await shop.call('PUT', `/payment_methods/${id}`, { payment_method_id: pm });
      assert.equal(refused.status, 402, refused.text);
      assert.equal(refused.body.code, 'card_declined');
      assert.equal(refused.body.decline_code, decline);
      assert.equal(refused.body.field, 'payment_method_id');
    }
    const { body: after } = await shop.call('GET', `/payment_methods/${id}`);
    assert.equal(after.setup_intent.status, 'requires_payment_method');
    assert.equal(after.source, undefined);
    const order = await shop.order(product);
    const early = await shop.pay([order], id);
    assert.equal(early.status, 400);
    assert.equal(early.body.code, 'payment-method-not-ready');
    const saved = await shop.call('PUT', `/payment_methods/${id}`, { payment_method_id: 'pm_card_mastercard' });
    assert.equal(saved.body.card.brand, 'mastercard');
  });

  it('3155 asks for authentication when saved (requires_action, the test page), then pays without asking', async () => {
    const shop = await customer();
    const { body: created } = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const id = created._id.$oid;
    const pending = await shop.call('PUT', `/payment_methods/${id}`, {
      payment_method_id: 'pm_card_authenticationRequiredOnSetup',
      return_url: 'https://shop.example.com/back',
    });
    assert.equal(pending.status, 200, pending.text);
    assert.equal(pending.body.setup_intent.status, 'requires_action');
    const action = pending.body.setup_intent.next_action;
    assert.equal(action.redirect_to_url.return_url, 'https://shop.example.com/back');
    assert.ok(action.redirect_to_url.url.startsWith(`${server.url}/test-processor/authenticate/`));
    const page = await authenticate(actionUrl(action), 'complete');
    assert.deepEqual(page.message, {
      type: 'tillkit:authentication',
      outcome: 'complete',
      intent: created.setup_intent.id,
      status: 'succeeded',
    });
    const next = new URL(page.next!);
    assert.equal(next.origin + next.pathname, 'https://shop.example.com/back');
    assert.equal(next.searchParams.get('setup_intent'), created.setup_intent.id);
    assert.equal(next.searchParams.get('redirect_status'), 'succeeded');
    // GET reads the SetupIntent again: set up.
    const { body: method } = await shop.call('GET', `/payment_methods/${id}`);
    assert.equal(method.setup_intent.status, 'succeeded');
    assert.equal(method.card.last4, '3155');
    const order = await shop.order(product);
    const paid = await shop.pay([order], id);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(await shop.status(order), 'SUCCESS');
  });
});

describe('paying with a PaymentIntent', () => {
  it('charges the orders’ total once: 200 succeeded, the intent in metadata, each call written with its key', async () => {
    const shop = await customer();
    const order = await shop.order(product, 2);
    const method = await shop.card('pm_card_visa');
    const paid = await shop.pay([order], method);
    assert.equal(paid.status, 200, paid.text);
    assert.match(paid.text, /"amount":39\.80,/);
    assert.equal(paid.body.current_state, 'succeeded');
    const { charge_id, intent_id, intent_client_secret } = paid.body.metadata;
    assert.match(charge_id, /^ch_/);
    assert.match(intent_id, /^pi_/);
    assert.match(intent_client_secret, new RegExp(`^${intent_id}_secret_`));
    assert.equal(await shop.status(order), 'SUCCESS');
    assert.equal(await chargesOf(intent_id), 1);
    const { body: admin } = await server.get(`/payments/${paid.body._id.$oid}`, server.serviceKey);
    const id = paid.body._id.$oid;
    assert.deepEqual(
      admin.charges.map((c: { kind: string; idempotency_key: string; status: string }) => [
        c.kind,
        c.idempotency_key,
        c.status,
      ]),
      [
        ['create', `tillkit-pi-${id}-1-create`, 'created'],
        ['confirm', `tillkit-pi-${id}-2-confirm`, 'succeeded'],
      ],
    );
    const create = admin.charges[0].params;
    assert.equal(create.amount, 3980);
    assert.equal(create.currency, 'eur');
    assert.equal(create.confirmation_method, 'manual');
    assert.deepEqual(create.metadata, {
      tillkit_payment: id,
      tillkit_orders: order,
      tillkit_company: admin.company.$oid,
    });
  });

  it('3184 completed: 422 PaymentRequiresFurtherInformation, payable while pending, then confirmed: SUCCESS', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const method = await shop.card('pm_card_visa'); // a card that needs nothing, then the 3184 one
    const strong = await shop.authenticatedCard('pm_card_authenticationRequired');
    assert.equal((await shop.call('GET', `/payment_methods/${strong}`)).body.setup_intent.status, 'succeeded');
    void method;
    const asked = await shop.pay([order], strong);
    assert.equal(asked.status, 422, asked.text);
    assert.deepEqual(Object.keys(asked.body).sort(), ['code', 'description', 'error', 'message']);
    assert.equal(asked.body.code, 422);
    assert.equal(asked.body.message, 'Action required before charging customer.');
    assert.equal(asked.body.error.type, 'PaymentRequiresFurtherInformation');
    const p = params(asked);
    assert.deepEqual(Object.keys(p).sort(), ['intent_client_secret', 'next_action', 'payment_id', 'payment_intent_id']);
    assert.match(p.payment_intent_id, /^pi_/);
    assert.equal(p.next_action.type, 'redirect_to_url');
    // While the customer authenticates: the payment requires_action, the order keeps a payable status
    // and can not change (the amount being authenticated is its total).
    assert.equal((await shop.call('GET', `/payments/${p.payment_id}`)).body.current_state, 'requires_action');
    assert.equal(await shop.status(order), 'CREATED');
    const edit = await shop.call('PUT', `/orders/${order}/items`, { items: [{ product, quantity: 5 }] });
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'payment-in-progress');
    assert.equal((await shop.call('POST', `/orders/${order}/cancel`, {})).status, 409);
    await authenticate(actionUrl(p.next_action), 'complete');
    const confirmed = await shop.call('POST', `/payments/${p.payment_id}/confirm`, {
      payment_intent_id: p.payment_intent_id,
      payment_client_secret: p.intent_client_secret,
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.equal(confirmed.body.current_state, 'succeeded');
    assert.equal(confirmed.body._id.$oid, p.payment_id);
    assert.equal(await shop.status(order), 'SUCCESS');
    assert.equal(await chargesOf(p.payment_intent_id), 1);
    // Confirming a payment that succeeded answers it again, and charges nothing more.
    const again = await shop.call('POST', `/payments/${p.payment_id}/confirm`, {
      payment_intent_id: p.payment_intent_id,
    });
    assert.equal(again.status, 200);
    assert.equal(await chargesOf(p.payment_intent_id), 1);
  });

  it('3184 failed: declined and payable again, nothing charged; another card pays the same intent', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const strong = await shop.authenticatedCard('pm_card_threeDSecure2Required');
    const asked = await shop.pay([order], strong);
    assert.equal(asked.status, 422, asked.text);
    const p = params(asked);
    const page = await authenticate(actionUrl(p.next_action), 'fail');
    assert.equal(page.message!.status, 'requires_payment_method');
    const failed = await shop.call('POST', `/payments/${p.payment_id}/confirm`, {
      payment_intent_id: p.payment_intent_id,
    });
    assert.equal(failed.status, 402, failed.text);
    assert.equal(failed.body.code, 'payment_intent_authentication_failure');
    assert.equal(failed.body.payment, p.payment_id);
    assert.equal(await shop.status(order), 'DECLINED');
    assert.equal(await chargesOf(p.payment_intent_id), 0);
    const visa = await shop.card('pm_card_visa');
    const paid = await shop.pay([order], visa);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body._id.$oid, p.payment_id, 'the retry is another attempt on the same payment');
    assert.equal(paid.body.metadata.intent_id, p.payment_intent_id);
    assert.equal(await chargesOf(p.payment_intent_id), 1);
    assert.equal(await shop.status(order), 'SUCCESS');
  });

  it('3178: authenticated when saved, then declined for insufficient funds', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const m = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const setup = await shop.call('PUT', `/payment_methods/${m.body._id.$oid}`, {
      payment_method_id: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds',
    });
    assert.equal(setup.body.setup_intent.status, 'requires_action');
    await authenticate(actionUrl(setup.body.setup_intent.next_action), 'complete');
    const declined = await shop.pay([order], m.body._id.$oid);
    assert.equal(declined.status, 402, declined.text);
    assert.deepEqual([declined.body.code, declined.body.decline_code], ['card_declined', 'insufficient_funds']);
    assert.equal(await shop.status(order), 'DECLINED');
  });

  it('a card declined when paid (0341), then another card: one payment, two attempts, charged once', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const failing = await shop.card('pm_card_chargeCustomerFail');
    const declined = await shop.pay([order], failing);
    assert.equal(declined.status, 402, declined.text);
    assert.equal(declined.body.decline_code, 'generic_decline');
    const paid = await shop.pay([order], await shop.card('pm_card_amex'));
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body._id.$oid, declined.body.payment);
    const { body: admin } = await server.get(`/payments/${paid.body._id.$oid}`, server.serviceKey);
    assert.deepEqual(
      admin.charges.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`),
      ['create:created', 'confirm:declined', 'confirm:succeeded'],
    );
    assert.equal(await chargesOf(paid.body.metadata.intent_id), 1);
  });

  it('the amount is the orders’ total now: an order changed after a decline gets a new intent for it', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const declined = await shop.pay([order], await shop.card('pm_card_chargeCustomerFail'));
    assert.equal(declined.status, 402);
    const edit = await shop.call('PUT', `/orders/${order}/items`, { items: [{ product, quantity: 3 }] });
    assert.equal(edit.status, 200, edit.text);
    const paid = await shop.pay([order], await shop.card('pm_card_visa'));
    assert.equal(paid.status, 200, paid.text);
    assert.match(paid.text, /"amount":59\.70,/);
    assert.notEqual(paid.body._id.$oid, declined.body.payment);
    const { body: old } = await server.get(`/payments/${declined.body.payment}`, server.serviceKey);
    assert.equal(old.current_state, 'canceled');
    assert.equal(old.charges.at(-1).kind, 'cancel');
    const intent = await processor.retrieveIntent(old.metadata.intent_id);
    assert.equal(intent.status, 'canceled');
  });

  it('a larger payment takes an order whose intent was declined by canceling that intent first', async () => {
    const shop = await customer();
    const a = await shop.order(product);
    const b = await shop.order(other, 2);
    const declined = await shop.pay([a], await shop.card('pm_card_chargeCustomerFail'));
    assert.equal(declined.status, 402);
    const both = await shop.pay([a, b], await shop.card('pm_card_visa'));
    assert.equal(both.status, 200, both.text);
    assert.match(both.text, /"amount":29\.90,/);
    assert.deepEqual([await shop.status(a), await shop.status(b)], ['SUCCESS', 'SUCCESS']);
    assert.equal(
      (await server.get(`/payments/${declined.body.payment}`, server.serviceKey)).body.current_state,
      'canceled',
    );
  });

  it('an order held by a payment in flight is refused with 409 payment-in-progress, charging nothing more', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const visa = await shop.card('pm_card_visa');
    let open!: () => void;
    processor.gate = new Promise((resolve) => (open = resolve));
    const first = shop.pay([order], visa);
    let second: TestResponse;
    try {
      for (;;) {
        const { body } = await server.get(`/payments?order=${order}`, server.serviceKey);
        if (body[0]?.charges?.some((c: { kind: string }) => c.kind === 'confirm')) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      second = await shop.pay([order], await shop.card('pm_card_mastercard'));
    } finally {
      open();
    }
    assert.equal(second.status, 409, second.text);
    assert.equal(second.body.code, 'payment-in-progress');
    const done = await first;
    assert.equal(done.status, 200);
    assert.equal(second.body.payment, done.body._id.$oid);
    assert.equal(await chargesOf(done.body.metadata.intent_id), 1);
  });
});
