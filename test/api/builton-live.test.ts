// The BuiltOn client against the real reference server, over HTTP: the whole customer flow of seed 000
// (products → user → order → card → payment → SUCCESS), a decline then a retry on the same order, and
// idempotent payments, including a response lost on the network after the server acted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createBuiltOnClient, type ApiProduct, type BuiltOnClient } from '../../src/api/index.ts';
import { summarize } from '../../src/core/index.ts';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import type { ChargeRequest } from '../../server/payments/processor.ts';
import { addSubProducts, createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { requestUrl } from '../support/request-url.ts';
import { failure } from './fake-fetch.ts';

/** The test processor, made slow on demand to hold a payment in flight. */
let chargeDelay = 0;
class SlowProcessor extends TestProcessor {
  override async charge(request: ChargeRequest) {
    await new Promise((resolve) => setTimeout(resolve, chargeDelay));
    return super.charge(request);
  }
}

let server: TestServer;
let jaws: string;
let alien: string;
let giftWrap: string;

before(async () => {
  server = await startTestServer({ demoAuth: true, processor: new SlowProcessor() });
  // Prices chosen so the formula rounds: (6.99 + 3.50) × (1 − 0.5) = 5.245 → 5.25.
  jaws = await createProduct(server, {
    name: 'Jaws',
    description: "A great white shark terrorises a beach town. You're gonna need a bigger boat.",
    short_description: 'Used DVD, case worn',
    price: 6.99,
    discount: 0.5,
    vat: 0.25,
    currency: 'EUR',
    tags: ['thriller', 'dvd'],
  });
  alien = await createProduct(server, {
    name: 'Alien',
    price: 9.99,
    vat: 0.25,
    currency: 'EUR',
    tags: ['horror', 'dvd'],
  });
  giftWrap = await createProduct(server, {
    name: 'Gift wrap',
    price: 3.5,
    vat: 0.25,
    currency: 'EUR',
    main_product: false,
    tags: ['extra'],
  });
  await addSubProducts(server, jaws, [giftWrap]);
});

after(() => server?.close());

/** A user JWT from the server's demo sign-in (`POST /demo/token`), as the demo shop gets one. */
async function demoToken(email: string): Promise<string> {
  const response = await fetch(`${server.url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': server.apiKey },
    body: JSON.stringify({ email }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const { token } = (await response.json()) as { token: string };
  return token;
}

/** A signed-in customer's client. */
async function customer(fetchImpl?: typeof fetch, backoff = 0): Promise<BuiltOnClient> {
  const token = await demoToken(`buyer-${randomUUID()}@example.com`);
  return createBuiltOnClient({
    baseUrl: server.url,
    apiKey: server.apiKey,
    getToken: () => token,
    fetch: fetchImpl,
    backoff,
    retries: backoff ? 5 : 2,
  });
}

/** A DVD with its add-on, priced locally by the same core the cart uses. */
async function dvdWithAddOn(
  client: BuiltOnClient,
): Promise<{ dvd: ApiProduct; addOn: ApiProduct; localTotal: number }> {
  const dvd = await client.getProduct(jaws);
  const addOn = await client.getProduct(giftWrap);
  const localTotal = summarize([
    {
      price: dvd.price,
      subProducts: [{ price: addOn.price }],
      discount: dvd.discount,
      vat: dvd.vat,
      quantity: 1,
      currency: dvd.currency,
    },
  ]).total;
  return { dvd, addOn, localTotal };
}

describe('BuiltOn client ↔ reference server', () => {
  it('reads the catalogue anonymously: list with a total, search, tags, retrieve', async () => {
    const anonymous = createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey });
    const page = await anonymous.listProducts({ size: 1, sort: 'name' });
    assert.equal(page.total, 2, 'main products only, from X-Total-Count');
    assert.deepEqual([page.items.length, page.page, page.size, page.items[0]!.name], [1, 0, 1, 'Alien']);
    const second = await anonymous.listProducts({ size: 1, page: 1, sort: 'name' });
    assert.equal(second.items[0]!.name, 'Jaws');

    const found = await anonymous.searchProducts('shark');
    assert.deepEqual(
      found.items.map((p) => p.id),
      [jaws],
    );
    const horror = await anonymous.productsByTags(['horror', 'no-such-tag']);
    assert.deepEqual(
      horror.items.map((p) => p.id),
      [alien],
    );

    const dvd = await anonymous.getProduct(jaws);
    assert.deepEqual(
      [dvd.price, dvd.finalPrice, dvd.discount, dvd.vat, dvd.currency, dvd.mainProduct, dvd.subProducts],
      [699, 350, 0.5, 0.25, 'EUR', true, [giftWrap]],
    );
    assert.equal(dvd.shortDescription, 'Used DVD, case worn');
    assert.ok(dvd.created instanceof Date);
    const addOn = await anonymous.getProduct(giftWrap);
    assert.deepEqual([addOn.price, addOn.mainProduct, addOn.parents], [350, false, [jaws]]);
  });

  it('answers an unknown product with a 404 ApiError, not retried', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    const client = createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey, fetch: counting, backoff: 0 });
    const error = await failure(client.getProduct('5a04552cd57ba2056e2f2d7b'));
    assert.deepEqual([error.kind, error.status], ['http', 404]);
    assert.equal(calls, 1);
  });

  it('refuses a wrong API key with a 401 ApiError', async () => {
    const client = createBuiltOnClient({ baseUrl: server.url, apiKey: 'pk_wrong', backoff: 0 });
    const error = await failure(client.listProducts());
    assert.equal(error.status, 401);
    assert.ok(error.message);
  });

  it('runs the whole flow: user → order with an add-on → card → payment → SUCCESS', async () => {
    const client = await customer();
    const user = await client.createUser({ first_name: 'John', last_name: 'McClane', email: 'ignored@example.com' });
    assert.ok(user.id);
    assert.equal(user.firstName, 'John');

    const { dvd, addOn, localTotal } = await dvdWithAddOn(client);
    const order = await client.createOrder({
      items: [{ product: dvd.id, quantity: 1, sub_products: [addOn.id] }],
      delivery_address: { street_name: 'Nakatomi Plaza', city: 'Los Angeles', country: 'USA' },
      note: 'Yippee-ki-yay',
    });
    assert.equal(localTotal, 525);
    assert.equal(order.totalAmount, localTotal, 'the server total agrees with core/pricing to the cent');
    assert.deepEqual([order.status, order.currency, order.units, order.totalQuantity], ['CREATED', 'EUR', 1, 1]);
    assert.deepEqual(order.items[0]!.subProducts, [{ id: giftWrap, name: 'Gift wrap', price: 350 }]);
    assert.equal(order.items[0]!.finalPrice, 525);
    assert.equal(order.deliveryAddress?.city, 'Los Angeles');
    assert.match(order.humanId, /^[0-9A-Z]{6}$/);

    const method = await client.createPaymentMethod('tok_visa');
    assert.equal(method.card?.last4, '4242');
    assert.ok((await client.listPaymentMethods()).some((m) => m.id === method.id));

    const payment = await client.createPayment({ orders: [order.id], paymentMethod: method.id });
    assert.deepEqual(
      [payment.amount, payment.currency, payment.orders, payment.paymentMethod],
      [525, 'EUR', [order.id], method.id],
    );
    assert.ok(payment.paymentDate instanceof Date);

    const paid = await client.getOrder(order.id);
    assert.equal(paid.status, 'SUCCESS');
    assert.equal(paid.totalAmount, 525);
  });

  it('updates items with the total recomputed, and cancels', async () => {
    const client = await customer();
    const { dvd, addOn } = await dvdWithAddOn(client);
    const order = await client.createOrder({ items: [{ product: dvd.id, quantity: 1 }] });
    const updated = await client.updateOrderItems(order.id, [
      { product: dvd.id, quantity: 3, sub_products: [addOn.id] },
      { product: alien, quantity: 1 },
    ]);
    const local = summarize([
      { price: dvd.price, subProducts: [{ price: addOn.price }], discount: dvd.discount, quantity: 3, currency: 'EUR' },
      { price: 999, quantity: 1, currency: 'EUR' },
    ]);
    assert.equal(updated.totalAmount, local.total);
    assert.deepEqual([updated.units, updated.totalQuantity], [2, 4]);
    const cancelled = await client.cancelOrder(order.id);
    assert.equal(cancelled.status, 'CANCELLED');
  });

  it('refuses a sub-product bought alone with the server’s message and field', async () => {
    const client = await customer();
    const error = await failure(client.createOrder({ items: [{ product: giftWrap, quantity: 1 }] }));
    assert.equal(error.status, 400);
    assert.ok(error.message.length > 0);
    assert.ok(error.field?.startsWith('items'), String(error.field));
  });

  it('declines tok_chargeDeclined with a decline code, then takes another card on the same order', async () => {
    const client = await customer();
    const { dvd } = await dvdWithAddOn(client);
    const order = await client.createOrder({ items: [{ product: dvd.id, quantity: 2 }] });
    const declining = await client.createPaymentMethod('tok_chargeDeclined');
    const error = await failure(client.createPayment({ orders: [order.id], paymentMethod: declining.id }));
    assert.deepEqual(
      [error.kind, error.status, error.code, error.declineCode],
      ['http', 402, 'card_declined', 'generic_decline'],
    );
    assert.equal(error.message, 'Your card was declined.');
    assert.equal((await client.getOrder(order.id)).status, 'DECLINED');

    const visa = await client.createPaymentMethod('tok_visa');
    const payment = await client.createPayment({ orders: [order.id], paymentMethod: visa.id });
    assert.equal(payment.amount, order.totalAmount);
    assert.equal((await client.getOrder(order.id)).status, 'SUCCESS');
  });

  it('returns the same payment for a repeated createPayment with the same idempotency key', async () => {
    const client = await customer();
    const { dvd } = await dvdWithAddOn(client);
    const order = await client.createOrder({ items: [{ product: dvd.id, quantity: 1 }] });
    const visa = await client.createPaymentMethod('tok_visa');
    const key = randomUUID();
    const first = await client.createPayment({ orders: [order.id], paymentMethod: visa.id }, { idempotencyKey: key });
    const again = await client.createPayment({ orders: [order.id], paymentMethod: visa.id }, { idempotencyKey: key });
    assert.deepEqual(again, first);

    // A new key is a new attempt: the paid order refuses it.
    const refused = await failure(client.createPayment({ orders: [order.id], paymentMethod: visa.id }));
    assert.equal(refused.status, 409);
    const payments = await server.get(`/payments?order=${order.id}`, server.serviceKey);
    assert.equal(payments.body.length, 1);
  });

  it('charges once when the answer to a payment is lost and the client retries by itself', async () => {
    let dropped = 0;
    const keys: (string | null)[] = [];
    // The request reaches the server and is acted on; its answer is lost on the way back, once.
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (requestUrl(input).endsWith('/payments') && init?.method === 'POST') {
        keys.push(new Headers(init.headers).get('Idempotency-Key'));
        if (dropped++ === 0) {
          await response.arrayBuffer();
          throw new TypeError('fetch failed');
        }
      }
      return response;
    };
    const client = await customer(lossy);
    const { dvd } = await dvdWithAddOn(client);
    const order = await client.createOrder({ items: [{ product: dvd.id, quantity: 1 }] });
    const visa = await client.createPaymentMethod('tok_visa');
    const payment = await client.createPayment({ orders: [order.id], paymentMethod: visa.id });

    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1], 'the retry carries the same Idempotency-Key');
    assert.equal((await client.getOrder(order.id)).status, 'SUCCESS');
    const payments = await server.get(`/payments?order=${order.id}`, server.serviceKey);
    assert.equal(payments.body.length, 1);
    assert.equal(payments.body[0]._id.$oid, payment.id);
    assert.equal(payments.body[0].charges.length, 1, 'one charge at the processor');
  });

  it('waits out a payment still in flight under the same key (409) and gets its result', async () => {
    const statuses: number[] = [];
    const watching: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (requestUrl(input).endsWith('/payments')) statuses.push(response.status);
      return response;
    };
    // Backoff 150 ms and 5 retries: the retries span far more than the 300 ms the charge takes.
    const client = await customer(watching, 150);
    const { dvd } = await dvdWithAddOn(client);
    const order = await client.createOrder({ items: [{ product: dvd.id, quantity: 1 }] });
    const visa = await client.createPaymentMethod('tok_visa');
    const key = randomUUID();
    chargeDelay = 300;
    try {
      const first = client.createPayment({ orders: [order.id], paymentMethod: visa.id }, { idempotencyKey: key });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await client.createPayment(
        { orders: [order.id], paymentMethod: visa.id },
        { idempotencyKey: key },
      );
      assert.deepEqual(second, await first);
    } finally {
      chargeDelay = 0;
    }
    assert.ok(statuses.includes(409), `statuses seen: ${statuses.join(', ')}`);
    assert.equal(statuses.at(-1), 200);
    const payments = await server.get(`/payments?order=${order.id}`, server.serviceKey);
    assert.equal(payments.body.length, 1);
  });
});
