import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import type { ChargeRequest, ChargeResult } from '../../server/payments/processor.ts';
import { createProduct, createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';
import { until } from '../support/until.ts';

/** The test processor, with knobs: a delay per charge, a gate, failures on demand, and a log of every call. */
class ControlledProcessor extends TestProcessor {
  delay = 0;
  failNext = 0;
  /** While set, every charge waits for it: the payment stays in flight until the test opens it. */
  gate: Promise<void> | null = null;
  readonly calls: ChargeRequest[] = [];
  override async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.calls.push(request);
    if (this.delay) await new Promise((resolve) => setTimeout(resolve, this.delay));
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('connect ECONNREFUSED (simulated)');
    }
    return super.charge(request);
  }
}

const processor = new ControlledProcessor();
let server: TestServer;
let alice: string;
let bob: string;
const p: Record<string, string> = {};

before(async () => {
  server = await startTestServer({ processor });
  alice = await server.userToken('alice', 'alice@example.com');
  bob = await server.userToken('bob', 'bob@example.com');
  Object.assign(p, await createWorkedExample(server));
  p.nok = await createProduct(server, { name: 'Norwegian DVD', price: 99, currency: 'NOK' });
});

after(() => server.close());

beforeEach(() => {
  processor.delay = 0;
  processor.failNext = 0;
  processor.gate = null;
});

const workedExample = () => ({
  items: [
    { product: p.A, quantity: 2 },
    { product: p.B, quantity: 1, sub_products: [p.B1] },
  ],
});

async function order(
  token: string,
  items = [
    { product: p.A, quantity: 2 },
    { product: p.B, quantity: 1, sub_products: [p.B1] },
  ],
): Promise<string> {
  const response = await server.post('/orders', { items }, token);
  assert.equal(response.status, 200, response.text);
  return response.body._id.$oid;
}

async function card(token: string, tok = 'tok_visa'): Promise<string> {
  const response = await server.post('/payment_methods', { payment_method: 'stripe', token: tok }, token);
  assert.equal(response.status, 200, response.text);
  return response.body._id.$oid;
}

/** The processor calls recorded for an order (admin view of `charges`). */
async function charges(orderId: string): Promise<{ status: string; amount: number; idempotency_key: string }[]> {
  const response = await server.get(`/payments?order=${orderId}`, server.serviceKey);
  assert.equal(response.status, 200);
  return response.body.flatMap((payment: { charges: unknown[] }) => payment.charges);
}

const statusOf = async (orderId: string, token: string) =>
  (await server.get(`/orders/${orderId}`, token)).body.order_status;

describe('POST /payment_methods', () => {
  it('turns a Stripe test token into a card as seed 000 shows it', async () => {
    const response = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    assert.equal(response.status, 200, response.text);
    const method = response.body;
    assert.match(method._id.$oid, /^[0-9a-f]{24}$/);
    assert.equal(method.method, 'stripe');
    assert.equal(method.name, 'Stripe');
    assert.equal(method.token, 'tok_visa');
    assert.match(method.customer_id, /^cus_/);
    assert.match(method.user.$oid, /^[0-9a-f]{24}$/);
    assert.equal(method.deleted, false);
    const { card: c } = method;
    assert.equal(c.object, 'card');
    assert.match(c.id, /^card_/);
    assert.equal(c.brand, 'Visa');
    assert.equal(c.last4, '4242');
    assert.equal(c.funding, 'credit');
    assert.equal(c.country, 'US');
    assert.equal(c.exp_month, 12);
    assert.ok(c.exp_year > new Date().getUTCFullYear());
    assert.match(c.fingerprint, /^[\w-]{16}$/);
    for (const key of ['address_city', 'address_zip', 'name', 'dynamic_last4', 'tokenization_method'])
      assert.equal(c[key], null);
  });

  it('knows Mastercard and American Express, and gives one card one fingerprint', async () => {
    const mastercard = await server.post(
      '/payment_methods',
      { payment_method: 'stripe', token: 'tok_mastercard' },
      alice,
    );
    assert.deepEqual([mastercard.body.card.brand, mastercard.body.card.last4], ['MasterCard', '4444']);
    const amex = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_amex' }, alice);
    assert.deepEqual([amex.body.card.brand, amex.body.card.last4], ['American Express', '0005']);
    const visa1 = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, bob);
    const visa2 = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    assert.equal(visa1.body.card.fingerprint, visa2.body.card.fingerprint);
    assert.notEqual(visa1.body.card.fingerprint, mastercard.body.card.fingerprint);
    // One customer per user at the processor.
    assert.equal(mastercard.body.customer_id, amex.body.customer_id);
  });

  it('refuses an unknown token, another method, or no token (400 with field)', async () => {
    const unknown = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_nonsense' }, alice);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'token');
    const paypal = await server.post('/payment_methods', { payment_method: 'paypal', token: 'tok_visa' }, alice);
    assert.equal(paypal.status, 400);
    assert.equal(paypal.body.field, 'payment_method');
    // Without a token it is no longer a mistake: it starts a SetupIntent (issue 10; payment-intents tests).
    const none = await server.post('/payment_methods', { payment_method: 'stripe' }, alice);
    assert.equal(none.status, 200, none.text);
    assert.equal(none.body.setup_intent.status, 'requires_payment_method');
    const typed = await server.post('/payment_methods', { payment_method: 'stripe', token: 42 }, alice);
    assert.equal(typed.status, 400);
    assert.equal((await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' })).status, 401);
  });

  it('GET lists the caller’s own payment methods', async () => {
    const carol = await server.userToken('carol-methods');
    await card(carol, 'tok_visa');
    await card(carol, 'tok_amex');
    const mine = await server.get('/payment_methods', carol);
    assert.deepEqual(
      mine.body.map((m: { card: { last4: string } }) => m.card.last4),
      ['4242', '0005'],
    );
    const bobs = await server.get('/payment_methods', bob);
    assert.ok(bobs.body.every((m: { user: { $oid: string } }) => m.user.$oid === bobs.body[0].user.$oid));
    assert.ok(!bobs.body.some((m: { user: { $oid: string } }) => m.user.$oid === mine.body[0].user.$oid));
  });
});

describe('POST /payments', () => {
  it('charges the order total once and sets the order to SUCCESS', async () => {
    const orderId = await order(alice);
    const methodId = await card(alice);
    const response = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(response.status, 200, response.text);
    const payment = response.body;
    assert.match(response.text, /"amount":87\.00[,}]/);
    assert.equal(payment.currency, 'EUR');
    assert.equal(payment.current_state, 'succeeded');
    assert.equal(payment.subject, orderId);
    assert.deepEqual(payment.orders, [{ $oid: orderId }]);
    assert.equal(payment.payment_method, methodId);
    assert.equal(typeof payment.payment_date.$date, 'number');
    assert.match(payment.human_id, /^[0-9A-Z]{6}$/);
    assert.equal(payment.charges, undefined, 'users do not see processor calls');
    const { body: paid } = await server.get(`/orders/${orderId}`, alice);
    assert.equal(paid.order_status, 'SUCCESS');
    assert.deepEqual(paid.payments, [{ $oid: payment._id.$oid }]);
    assert.match(paid.stripe_charge_id, /^ch_/);
    const made = await charges(orderId);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.status, 'succeeded');
    assert.equal(made[0]!.amount, 87);
  });

  it('refuses to pay a paid order again (409) without charging', async () => {
    const orderId = await order(alice);
    const methodId = await card(alice);
    assert.equal((await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice)).status, 200);
    const calls = processor.calls.length;
    const again = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'order-paid');
    assert.equal(processor.calls.length, calls);
    assert.equal((await charges(orderId)).length, 1);
  });

  it('a paid order can not be edited or cancelled (409)', async () => {
    const orderId = await order(alice);
    await server.post('/payments', { orders: [orderId], payment_method: await card(alice) }, alice);
    assert.equal((await server.put(`/orders/${orderId}`, { note: 'x' }, alice)).status, 409);
    assert.equal(
      (await server.put(`/orders/${orderId}/items`, { items: [{ product: p.A, quantity: 1 }] }, alice)).status,
      409,
    );
    const cancel = await server.post(`/orders/${orderId}/cancel`, {}, alice);
    assert.equal(cancel.status, 409);
    assert.equal(cancel.body.code, 'order-paid');
    assert.equal(await statusOf(orderId, alice), 'SUCCESS');
  });

  it('a cancelled order can not be paid', async () => {
    const orderId = await order(alice);
    await server.post(`/orders/${orderId}/cancel`, {}, alice);
    const response = await server.post('/payments', { orders: [orderId], payment_method: await card(alice) }, alice);
    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'order-cancelled');
    assert.equal((await charges(orderId)).length, 0);
  });

  it('a decline sets DECLINED with Stripe’s codes; another card then pays', async () => {
    const orderId = await order(alice);
    const declines: [string, string, string, RegExp][] = [
      ['tok_chargeDeclined', 'card_declined', 'generic_decline', /declined/],
      ['tok_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds', /insufficient funds/],
      ['tok_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', /expired/],
    ];
    for (const [tok, code, declineCode, message] of declines) {
      const response = await server.post(
        '/payments',
        { orders: [orderId], payment_method: await card(alice, tok) },
        alice,
      );
      assert.equal(response.status, 402, response.text);
      assert.equal(response.body.code, code);
      assert.equal(response.body.decline_code, declineCode);
      assert.equal(response.body.field, 'payment_method');
      assert.match(response.body.message, message);
      assert.equal(await statusOf(orderId, alice), 'DECLINED');
    }
    const paid = await server.post(
      '/payments',
      { orders: [orderId], payment_method: await card(alice, 'tok_mastercard') },
      alice,
    );
    assert.equal(paid.status, 200, paid.text);
    assert.equal(await statusOf(orderId, alice), 'SUCCESS');
    const made = await charges(orderId);
    assert.deepEqual(
      made.map((c) => c.status),
      ['declined', 'declined', 'declined', 'succeeded'],
    );
    // One payment, tried four times (a retry reuses the payment and never makes a second one, issue 10):
    // its attempts keep each decline's codes.
    const history = await server.get(`/payments?order=${orderId}`, alice);
    assert.deepEqual(
      history.body.map((x: { current_state: string }) => x.current_state),
      ['succeeded'],
    );
    assert.equal((made[1] as unknown as { decline_code: string }).decline_code, 'insufficient_funds');
  });

  it('a declined order can still be edited before it is paid', async () => {
    const orderId = await order(alice);
    await server.post(
      '/payments',
      { orders: [orderId], payment_method: await card(alice, 'tok_chargeDeclined') },
      alice,
    );
    const edit = await server.put(`/orders/${orderId}/items`, { items: [{ product: p.B, quantity: 1 }] }, alice);
    assert.equal(edit.status, 200);
    const paid = await server.post('/payments', { orders: [orderId], payment_method: await card(alice) }, alice);
    assert.match(paid.text, /"amount":10\.00/);
  });

  it('charges several orders of one currency as one sum in one processor call', async () => {
    const first = await order(alice);
    const second = await order(alice, [{ product: p.B, quantity: 3 }]);
    const calls = processor.calls.length;
    const response = await server.post(
      '/payments',
      { orders: [first, second], payment_method: await card(alice) },
      alice,
    );
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /"amount":117\.00/);
    assert.equal(processor.calls.length, calls + 1);
    assert.equal(processor.calls.at(-1)!.amount, 11700);
    assert.equal(await statusOf(first, alice), 'SUCCESS');
    assert.equal(await statusOf(second, alice), 'SUCCESS');
  });

  it('refuses orders in different currencies (400), charging nothing and leaving them open', async () => {
    const eur = await order(alice);
    const nok = await order(alice, [{ product: p.nok, quantity: 1 }]);
    const response = await server.post('/payments', { orders: [eur, nok], payment_method: await card(alice) }, alice);
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'An order can not have products with different currencies');
    assert.equal(await statusOf(eur, alice), 'CREATED');
    assert.equal(await statusOf(nok, alice), 'CREATED');
    assert.equal((await charges(eur)).length, 0);
  });

  it('another user’s order or payment method is 404, and nothing is charged', async () => {
    const alicesOrder = await order(alice);
    const bobsCard = await card(bob);
    const theirs = await server.post('/payments', { orders: [alicesOrder], payment_method: bobsCard }, bob);
    assert.equal(theirs.status, 404);
    assert.equal(theirs.body.field, 'orders[0]');
    const notMine = await server.post('/payments', { orders: [alicesOrder], payment_method: bobsCard }, alice);
    assert.equal(notMine.status, 404);
    assert.equal(notMine.body.field, 'payment_method');
    assert.equal(await statusOf(alicesOrder, alice), 'CREATED');
    assert.equal((await charges(alicesOrder)).length, 0);
  });

  it('refuses malformed payment requests with 400/404 and a field', async () => {
    const methodId = await card(alice);
    const orderId = await order(alice);
    const cases: [unknown, number, string][] = [
      [{ payment_method: methodId }, 400, 'orders'],
      [{ orders: [], payment_method: methodId }, 400, 'orders'],
      [{ orders: orderId, payment_method: methodId }, 400, 'orders'],
      [{ orders: [42], payment_method: methodId }, 400, 'orders[0]'],
      [{ orders: ['nope'], payment_method: methodId }, 404, 'orders[0]'],
      [{ orders: ['ffffffffffffffffffffffff'], payment_method: methodId }, 404, 'orders[0]'],
      [{ orders: [orderId] }, 400, 'payment_method'],
      [{ orders: [orderId], payment_method: 'ffffffffffffffffffffffff' }, 404, 'payment_method'],
    ];
    for (const [body, status, field] of cases) {
      const response = await server.post('/payments', body, alice);
      assert.equal(response.status, status, JSON.stringify(body));
      assert.equal(response.body.field, field, JSON.stringify(body));
    }
    assert.equal(await statusOf(orderId, alice), 'CREATED');
  });

  it('lets an admin pay a user’s order with that user’s card', async () => {
    const orderId = await order(bob);
    const response = await server.post(
      '/payments',
      { orders: [orderId], payment_method: await card(bob) },
      server.serviceKey,
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(await statusOf(orderId, bob), 'SUCCESS');
  });

  it('GET /payments/:id shows a user their own payment, an admin any, with the charges', async () => {
    const orderId = await order(alice);
    const { body: payment } = await server.post(
      '/payments',
      { orders: [orderId], payment_method: await card(alice) },
      alice,
    );
    const own = await server.get(`/payments/${payment._id.$oid}`, alice);
    assert.equal(own.status, 200);
    assert.equal(own.body.current_state, 'succeeded');
    assert.equal(own.body.charges, undefined);
    assert.equal((await server.get(`/payments/${payment._id.$oid}`, bob)).status, 404);
    assert.equal((await server.get('/payments/nope', alice)).status, 404);
    const admin = await server.get(`/payments/${payment._id.$oid}`, server.serviceKey);
    assert.equal(admin.body.charges.length, 1);
    assert.match(admin.text, /"charges":\[\{"_id":\{"\$oid":"[0-9a-f]{24}"\},"processor":"test","amount":87\.00/);
    const mine = await server.get('/payments', bob);
    assert.ok(!mine.body.some((x: { _id: { $oid: string } }) => x._id.$oid === payment._id.$oid));
  });

  it('an admin lists any user’s payment methods, or one user’s', async () => {
    const methodId = await card(bob, 'tok_amex');
    const { body: bobs } = await server.get('/payment_methods', bob);
    const userId = bobs[0].user.$oid;
    const filtered = await server.get(`/payment_methods?user=${userId}`, server.serviceKey);
    assert.ok(filtered.body.length >= 1);
    assert.ok(filtered.body.every((m: { user: { $oid: string } }) => m.user.$oid === userId));
    assert.ok(filtered.body.some((m: { _id: { $oid: string } }) => m._id.$oid === methodId));
    const everyone = await server.get('/payment_methods', server.serviceKey);
    assert.ok(everyone.body.length > filtered.body.length);
    const forBob = await server.post(
      '/payment_methods',
      { payment_method: 'stripe', token: 'tok_visa', user: userId },
      server.serviceKey,
    );
    assert.equal(forBob.body.user.$oid, userId);
    assert.equal(
      (await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, server.serviceKey)).body
        .field,
      'user',
    );
  });

  it('twenty concurrent payments of one order charge it exactly once', async () => {
    const orderId = await order(alice);
    const methodId = await card(alice);
    processor.delay = 30;
    const calls = processor.calls.length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.request('POST', '/payments', {
          token: alice,
          body: { orders: [orderId], payment_method: methodId },
          // Half with their own keys, half with none: neither may get past the order lock.
          ...(i % 2 ? { headers: { 'Idempotency-Key': `race-${orderId}-${i}` } } : {}),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, ...Array<number>(19).fill(409)]);
    assert.equal(processor.calls.length, calls + 1);
    const made = await charges(orderId);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.status, 'succeeded');
    assert.equal(await statusOf(orderId, alice), 'SUCCESS');
  });

  // Issue 10 replaced "FAILED and 502" (after which another card could charge a second time): an answer
  // that never came leaves the outcome unknown, and the retry settles it by asking with the same key.
  it('a processor that does not answer: 202 processing; the retry asks again with the same key, once charged', async () => {
    const orderId = await order(alice);
    const methodId = await card(alice);
    processor.failNext = 1;
    const calls = processor.calls.length;
    const lost = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(lost.status, 202, lost.text);
    assert.equal(lost.body.current_state, 'processing');
    assert.equal(await statusOf(orderId, alice), 'PROCESSING');
    const retry = await server.post('/payments', { orders: [orderId], payment_method: methodId }, alice);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body._id.$oid, lost.body._id.$oid);
    const made = await charges(orderId);
    assert.deepEqual(
      made.map((c) => c.status),
      ['succeeded'],
    );
    // The processor saw the same charge twice, under one key: had the first gone through, the second
    // would have got it back instead of charging again.
    const sent = processor.calls.slice(calls);
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.idempotencyKey, sent[1]!.idempotencyKey);
    assert.equal(sent[0]!.idempotencyKey, made[0]!.idempotency_key);
  });
});

describe('Idempotency-Key', () => {
  const post = (path: string, body: unknown, key: string, token = alice) =>
    server.request('POST', path, { token, body, headers: { 'Idempotency-Key': key } });

  it('a repeated POST /orders returns the first answer and creates one order', async () => {
    const before = Number((await server.get('/orders?size=1', server.serviceKey)).headers.get('X-Total-Count'));
    const first = await post('/orders', workedExample(), 'order-key-1');
    const second = await post('/orders', workedExample(), 'order-key-1');
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(second.text, first.text);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    const afterCount = Number((await server.get('/orders?size=1', server.serviceKey)).headers.get('X-Total-Count'));
    assert.equal(afterCount, before + 1);
  });

  it('a repeated POST /payments returns the first payment and charges once', async () => {
    const orderId = await order(alice);
    const methodId = await card(alice);
    const body = { orders: [orderId], payment_method: methodId };
    const first = await post('/payments', body, `pay-${orderId}`);
    const second = await post('/payments', body, `pay-${orderId}`);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(second.body._id.$oid, first.body._id.$oid);
    assert.equal((await charges(orderId)).length, 1);
  });

  it('replays a decline too, without another charge', async () => {
    const orderId = await order(alice);
    const body = { orders: [orderId], payment_method: await card(alice, 'tok_chargeDeclinedInsufficientFunds') };
    const first = await post('/payments', body, `decline-${orderId}`);
    const second = await post('/payments', body, `decline-${orderId}`);
    assert.equal(first.status, 402);
    assert.equal(second.status, 402);
    assert.equal(second.text, first.text);
    assert.equal((await charges(orderId)).length, 1);
  });

  it('the same key with a different body is 422', async () => {
    await post('/orders', workedExample(), 'reused-key');
    const other = await post('/orders', { items: [{ product: p.B, quantity: 5 }] }, 'reused-key');
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'idempotency_key_reused');
    const otherPath = await post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, 'reused-key');
    assert.equal(otherPath.status, 422);
  });

  it('a key still in flight is 409 idempotency_key_in_use', async () => {
    const orderId = await order(alice);
    const body = { orders: [orderId], payment_method: await card(alice) };
    let open!: () => void;
    processor.gate = new Promise((resolve) => (open = resolve));
    const first = post('/payments', body, `slow-${orderId}`);
    let second;
    try {
      // The first request is in flight once its charge reaches the processor (which holds it).
      await until(
        () => processor.calls.some((call) => call.metadata.tillkit_orders === orderId),
        'the first payment to reach the processor',
      );
      second = await post('/payments', body, `slow-${orderId}`);
    } finally {
      open();
    }
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'idempotency_key_in_use');
    assert.equal((await first).status, 200);
    assert.equal((await post('/payments', body, `slow-${orderId}`)).status, 200);
    assert.equal((await charges(orderId)).length, 1);
  });

  it('keys are per caller: the same key from two users makes two orders', async () => {
    const a = await post('/orders', workedExample(), 'shared-key', alice);
    const b = await post('/orders', workedExample(), 'shared-key', bob);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(a.body._id.$oid, b.body._id.$oid);
    assert.notEqual(a.body.user._id.$oid, b.body.user._id.$oid);
  });

  // Was "a failure (502) is not kept": there is no 502 for a lost answer any more (issue 10). The key
  // keeps the payment; asked again, it answers the payment as it now is, settled by asking the processor.
  it('a lost processor answer (202) is settled when the same key is sent again: 200, charged once', async () => {
    const orderId = await order(alice);
    const body = { orders: [orderId], payment_method: await card(alice) };
    processor.failNext = 1;
    const lost = await post('/payments', body, `flaky-${orderId}`);
    assert.equal(lost.status, 202);
    const retry = await post('/payments', body, `flaky-${orderId}`);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(retry.body._id.$oid, lost.body._id.$oid);
    assert.equal(retry.body.current_state, 'succeeded');
    assert.equal((await charges(orderId)).length, 1);
  });

  it('refuses an over-long key', async () => {
    const response = await post('/orders', workedExample(), 'k'.repeat(300));
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'Idempotency-Key');
  });
});
