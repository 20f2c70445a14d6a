// @builton/core-sdk 4.2.4 against the reference server: its payment methods and payments resources,
// SetupIntents and PaymentIntents included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { refused, sdkClients } from '../support/sdk-clients.ts';
import { createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let alice: any;
let bob: any;
let admin: any;
let aliceToken: string;
const p: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  ({ alice, bob, admin, aliceToken } = await sdkClients(server));
  Object.assign(p, await createWorkedExample(server));
});
after(() => server.close());

/** An order of the worked example (87.00 EUR) for the SDK's user. */
const order = async (client: any) =>
  client.orders.create({
    items: [
      { product: p.A, quantity: 2 },
      { product: p.B, quantity: 1, sub_products: [p.B1] },
    ],
  });

describe('SDK: payment methods', () => {
  it('create({payment_method, token}): a card saved from a Stripe token', async () => {
    const method = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    assert.equal(method.constructor.name, 'PaymentMethod');
    assert.match(method.id, /^[0-9a-f]{24}$/);
    assert.equal(method.card.last4, '4242');
    assert.equal(method.deleted, false);
  });

  it('get(): the user’s own payment methods, with their total', async () => {
    await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_mastercard' });
    await bob.paymentMethods.create({ payment_method: 'stripe', token: 'tok_amex' });
    const mine = await alice.paymentMethods.get({});
    assert.equal(mine.current[0].constructor.name, 'PaymentMethod');
    assert.deepEqual(mine.current.map((m: any) => m.card.last4).sort(), ['4242', '4444']);
    assert.equal(Number(mine.paginationTotal), 2);
  });

  it('get({page, size}): paged', async () => {
    const first = await alice.paymentMethods.get({ size: 1 });
    assert.equal(first.current.length, 1);
    assert.equal(Number(first.paginationTotal), 2);
    await first.next();
    assert.equal(first.current.length, 1);
  });

  it('get(id): one payment method', async () => {
    const made = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const found = await alice.paymentMethods.get(made.id);
    assert.equal(found.id, made.id);
    assert.equal((await refused(bob.paymentMethods.get(made.id))).status, 404);
  });

  it('del(id): answers it deleted and inactive (the SDK’s fixture)', async () => {
    const made = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const deleted = await alice.paymentMethods.del(made.id);
    assert.equal(deleted.deleted, true);
    assert.equal(deleted.active, false);
  });

  it('create({payment_method}) then update(id, {payment_method_id}): a card saved by a SetupIntent', async () => {
    const intent = await alice.paymentMethods.create({ payment_method: 'stripe' });
    const saved = await alice.paymentMethods.set(intent.id).update({ payment_method_id: 'pm_card_visa' });
    assert.ok(saved.card);
  });
});

describe('SDK: payments', () => {
  let paymentId: string;
  let made: any;

  before(async () => {
    made = await order(alice);
    const method = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const paid = await server.post('/payments', { orders: [made.id], payment_method: method.id }, aliceToken);
    assert.equal(paid.status, 200, paid.text);
    paymentId = paid.body._id.$oid;
  });

  it('get(id), set(id).get(), refresh(): the payment, its amount and state', async () => {
    const payment = await alice.payments.get(paymentId);
    assert.equal(payment.constructor.name, 'Payment');
    assert.equal(payment.amount, 87);
    assert.equal(payment.currency, 'EUR');
    assert.equal(payment.current_state, 'succeeded');
    assert.deepEqual(payment.orders, [{ $oid: made.id }]);
    assert.equal((await alice.payments.set(paymentId).get()).human_id, payment.human_id);
    assert.equal((await refused(bob.payments.get(paymentId))).status, 404);
  });

  it('get(): the user’s payments, with their total; an admin’s all', async () => {
    const mine = await alice.payments.get({});
    assert.equal(mine.current[0].constructor.name, 'Payment');
    assert.ok(mine.current.some((x: any) => x.id === paymentId));
    assert.equal(Number(mine.paginationTotal), mine.current.length);
    assert.equal((await bob.payments.get({})).current.length, 0);
    assert.ok((await admin.payments.get({})).current.some((x: any) => x.id === paymentId));
  });

  it('get({page, size}): paged', async () => {
    const page = await alice.payments.get({ size: 1, page: 5 });
    assert.deepEqual(page.current, []);
  });

  it('create({orders, payment_method}): pays', async () => {
    const another = await order(alice);
    const method = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const payment = await alice.payments.create({ orders: [another.id], payment_method: method.id });
    assert.equal(payment.current_state, 'succeeded');
    assert.equal(payment.amount, 87);
  });

  it('search(query): by human id', async () => {
    const payment = await alice.payments.get(paymentId);
    const found = await alice.payments.search(payment.human_id);
    assert.equal(found.current[0].id, paymentId);
  });

  it('pay(id, body): a declined payment paid again with another card', async () => {
    const another = await order(alice);
    const declining = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_chargeDeclined' });
    const good = await alice.paymentMethods.create({ payment_method: 'stripe', token: 'tok_visa' });
    const attempt = await server.post('/payments', { orders: [another.id], payment_method: declining.id }, aliceToken);
    const paid = await alice.payments.pay(attempt.body.payment, { payment_method: good.id });
    assert.equal(paid.current_state, 'succeeded');
  });

  // confirm(id, body) after 3-D Secure: the round trip in test/server/sdk-payments.test.ts.
});
