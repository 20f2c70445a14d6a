// BuiltOn's official JavaScript SDK (`@builton/core-sdk` 4.2.4, unchanged) driving the real server through
// the PaymentIntent flow its source and fixtures show (issue 10): paymentMethods.create → a SetupIntent,
// update with a pm_…, payments.create → 422 PaymentRequiresFurtherInformation, payments.confirm →
// succeeded; and the payment calls of issue 12's table: paymentMethods get/del and lists, payments
// search and pay.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Builton from '@builton/core-sdk';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { actionUrl, authenticate } from '../support/authentication.ts';

let server: TestServer;
let product: string;

before(async () => {
  server = await startTestServer();
  product = await createProduct(server, { name: 'The Birds', price: 17.5, currency: 'EUR', vat: 0.25 });
});
after(() => server.close());

let n = 0;
async function sdk(): Promise<Builton> {
  n++;
  return new Builton({ apiKey: server.apiKey, bearerToken: await server.userToken(`sdk-${n}`), endpoint: server.url });
}

/** What the SDK rejects with: superagent's error, the answer's status and body. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status: number; response: { body: unknown } };
    return { status: e.status, body: e.response.body };
  }
  assert.fail('expected the SDK call to be refused');
}

describe('@builton/core-sdk, the PaymentIntent round trip', () => {
  it('create → SetupIntent, update with a pm_…, payments.create → 422, confirm → succeeded, the order SUCCESS', async () => {
    const b = await sdk();
    const order = await b.orders.create({ items: [{ product, quantity: 2 }] });
    assert.equal(order.total_amount, 35);

    const method = await b.paymentMethods.create({ payment_method: 'stripe' });
    assert.equal(method._cls, 'PaymentMethod.StripePaymentMethod');
    assert.equal(method.is_sca_compatible, true);
    assert.equal(method.setup_intent.status, 'requires_payment_method');
    assert.match(method.setup_intent.client_secret, /_secret_/);

    const updated = await b.paymentMethods.update(method.id, { payment_method_id: 'pm_card_authenticationRequired' });
    assert.equal(updated.setup_intent.status, 'requires_action');
    await authenticate(actionUrl(updated.setup_intent.next_action), 'complete');
    const ready = await b.paymentMethods.get(method.id);
    assert.equal(ready.setup_intent.status, 'succeeded');
    assert.match(ready.source, /^pm_/);
    assert.equal(ready.card.last4, '3184');
    assert.ok(ready.is_sca_compatible);

    const sca = await refusal(b.payments.create({ orders: [order.id], payment_method: method.id }));
    assert.equal(sca.status, 422);
    assert.equal(sca.body.error.type, 'PaymentRequiresFurtherInformation');
    const { payment_id, payment_intent_id, intent_client_secret, next_action } = sca.body.error.params;

    await authenticate(actionUrl(next_action), 'complete');
    const payment = await b.payments.confirm(payment_id, {
      payment_intent_id,
      payment_client_secret: intent_client_secret,
    });
    assert.equal(payment._id.$oid, payment_id);
    assert.equal(payment.current_state, 'succeeded');
    assert.equal(payment.amount, 35);
    assert.equal(payment.metadata.intent_id, payment_intent_id);
    assert.match(payment.metadata.charge_id, /^ch_/);
    const paid = await b.orders.get(order.id);
    assert.equal(paid.order_status, 'SUCCESS');
    assert.deepEqual(paid.payments, [{ $oid: payment_id }]);
  });

  it('paymentMethods.get lists with the pagination total; del answers deleted and inactive', async () => {
    const b = await sdk();
    const first = await b.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const second = await b.paymentMethods.create({ payment_method: 'stripe', token: 'tok_amex' });
    const page = await b.paymentMethods.get({ size: 1, page: 0 });
    assert.equal(page.current.length, 1);
    assert.equal(page.current[0].id, first.id);
    assert.equal(page.paginationTotal, '2');
    const next = await page.next();
    assert.equal(next[0].id, second.id);
    const deleted = await b.paymentMethods.del(first.id);
    assert.equal(deleted.deleted, true);
    assert.equal(deleted.active, false);
    assert.equal((await b.paymentMethods.get({})).current.length, 1);
  });

  it('payments.search finds a payment; payments.pay pays a declined one again with another card', async () => {
    const b = await sdk();
    const order = await b.orders.create({ items: [{ product, quantity: 1 }] });
    const failing = await b.paymentMethods.create({ payment_method: 'stripe', token: 'tok_chargeDeclined' });
    const declined = await refusal(b.payments.create({ orders: [order.id], payment_method: failing.id }));
    assert.equal(declined.status, 402);
    const visa = await b.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const payment = await b.payments.pay(declined.body.payment, { payment_method: visa.id });
    assert.equal(payment.current_state, 'succeeded');
    assert.equal(payment._id.$oid, declined.body.payment);
    const found = await b.payments.search(payment.human_id);
    assert.deepEqual(
      found.current.map((p: { id: string }) => p.id),
      [declined.body.payment],
    );
    assert.equal(found.paginationTotal, '1');
    assert.equal((await b.payments.get(payment.id)).current_state, 'succeeded');
  });
});
