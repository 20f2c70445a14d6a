// The order history calls of the BuiltOn client against the real reference server (seed 001): a
// customer's list with paging and its total, search by order number, one order's payments (a decline
// then a success), cancelling an open order, and the refusals a customer meets (another's order, a
// paid order).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createBuiltOnClient, type BuiltOnClient, type Order } from '../../src/api/index.ts';
import { isPayableStatus } from '../../src/core/index.ts';
import { addSubProducts, createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { failure } from './fake-fetch.ts';

let server: TestServer;
let jaws: string;
let alien: string;
let giftWrap: string;

before(async () => {
  server = await startTestServer({ demoAuth: true });
  jaws = await createProduct(server, { name: 'Jaws', price: 6.99, discount: 0.5, vat: 0.25, currency: 'EUR' });
  alien = await createProduct(server, { name: 'Alien', price: 9.99, vat: 0.25, currency: 'EUR' });
  giftWrap = await createProduct(server, {
    name: 'Gift wrap',
    price: 3.5,
    vat: 0.25,
    currency: 'EUR',
    main_product: false,
  });
  await addSubProducts(server, jaws, [giftWrap]);
});

after(() => server?.close());

/** A new customer signed in through the server's demo sign-in, as the widget does it. */
async function customer(): Promise<BuiltOnClient> {
  const response = await fetch(`${server.url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': server.apiKey },
    body: JSON.stringify({ email: `orders-${randomUUID()}@example.com` }),
  });
  const { token } = (await response.json()) as { token: string };
  return createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey, getToken: () => token, backoff: 0 });
}

/** Three orders, oldest first: Jaws with its gift wrap, two Aliens, one Jaws. */
async function threeOrders(client: BuiltOnClient): Promise<Order[]> {
  const made: Order[] = [];
  for (const items of [
    [{ product: jaws, quantity: 1, sub_products: [giftWrap] }],
    [{ product: alien, quantity: 2 }],
    [{ product: jaws, quantity: 1 }],
  ]) {
    made.push(await client.createOrder({ items }));
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct creation times
  }
  return made;
}

describe('BuiltOn client ↔ reference server: the order history', () => {
  it('lists the customer’s orders newest first, a page at a time, with the total from X-Total-Count', async () => {
    const client = await customer();
    const [first, second, third] = await threeOrders(client);
    const page0 = await client.listOrders({ size: 2 });
    assert.deepEqual(
      page0.items.map((o) => o.id),
      [third!.id, second!.id],
    );
    assert.deepEqual([page0.page, page0.size, page0.total], [0, 2, 3]);
    const page1 = await client.listOrders({ size: 2, page: 1 });
    assert.deepEqual(
      page1.items.map((o) => o.id),
      [first!.id],
    );
    assert.equal(page1.total, 3);

    // The snapshot: the add-on's name and price, the discount, the VAT rate, the payments (none yet).
    const read = page1.items[0]!;
    assert.deepEqual(
      [read.humanId, read.status, read.currency, read.totalAmount, read.payments],
      [first!.humanId, 'CREATED', 'EUR', 525, []],
    );
    assert.deepEqual(read.items[0]!.subProducts, [{ id: giftWrap, name: 'Gift wrap', price: 350 }]);
    assert.deepEqual([read.items[0]!.discount, read.items[0]!.vat, read.items[0]!.price], [0.5, 0.25, 699]);
    assert.ok(read.created instanceof Date);
  });

  it('filters by status, and shows a customer nobody else’s orders', async () => {
    const client = await customer();
    const [first] = await threeOrders(client);
    await client.cancelOrder(first!.id);
    const cancelled = await client.listOrders({ status: 'CANCELLED' });
    assert.deepEqual(
      cancelled.items.map((o) => o.id),
      [first!.id],
    );
    assert.equal(cancelled.total, 1);

    const stranger = await customer();
    const none = await stranger.listOrders();
    assert.deepEqual([none.items.length, none.total], [0, 0]);
    const error = await failure(stranger.getOrder(first!.id));
    assert.equal(error.status, 404);
    assert.equal((await stranger.searchOrders(first!.humanId)).items.length, 0);
  });

  it('finds an order by its number, in any case, and nothing for a number that is not the customer’s', async () => {
    const client = await customer();
    const [, second] = await threeOrders(client);
    const found = await client.searchOrders(second!.humanId.toLowerCase());
    assert.deepEqual(
      found.items.map((o) => o.humanId),
      [second!.humanId],
    );
    assert.equal(found.total, 1);
    const nothing = await client.searchOrders('ZZZZZZ');
    assert.deepEqual([nothing.items.length, nothing.total], [0, 0]);
  });

  it('lists an order’s payments: a decline, then the success on the same payment, with amounts and card', async () => {
    const client = await customer();
    const order = await client.createOrder({ items: [{ product: alien, quantity: 1 }] });
    const declined = await client.createPaymentMethod('tok_chargeDeclined');
    const refusal = await failure(client.createPayment({ orders: [order.id], paymentMethod: declined.id }));
    assert.deepEqual([refusal.status, refusal.declineCode], [402, 'generic_decline']);
    const declinedPayment = (await client.listPayments(order.id))[0]!;
    assert.deepEqual(
      [declinedPayment.currentState, declinedPayment.errorCode, declinedPayment.paymentMethod],
      ['declined', 'generic_decline', declined.id],
    );
    assert.ok(declinedPayment.errorMessage);
    const visa = await client.createPaymentMethod('tok_visa');
    await client.createPayment({ orders: [order.id], paymentMethod: visa.id });

    // Another card for the same order pays the same payment again (one payment holds an order at a time,
    // so the processor itself can take its money once): the order has one payment, paid with the Visa.
    const payments = await client.listPayments(order.id);
    assert.deepEqual(
      payments.map((p) => [p.id, p.currentState, p.amount, p.currency, p.paymentMethod, p.orders]),
      [[declinedPayment.id, 'succeeded', 999, 'EUR', visa.id, [order.id]]],
    );
    assert.ok(payments[0]!.paymentDate instanceof Date);
    const paid = await client.getOrder(order.id);
    assert.deepEqual(paid.payments, [declinedPayment.id]);

    // The payment method's card, for "Visa •••• 4242".
    const cards = await client.listPaymentMethods();
    assert.equal(cards.find((m) => m.id === visa.id)?.card?.last4, '4242');
    // Another order has no payments.
    const other = await client.createOrder({ items: [{ product: alien, quantity: 1 }] });
    assert.deepEqual(await client.listPayments(other.id), []);
  });

  it('cancels an open order; a paid one can not be cancelled by its customer (409)', async () => {
    const client = await customer();
    const open = await client.createOrder({ items: [{ product: alien, quantity: 1 }] });
    assert.ok(isPayableStatus(open.status));
    const cancelled = await client.cancelOrder(open.id);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(isPayableStatus(cancelled.status), false);
    assert.equal((await client.getOrder(open.id)).status, 'CANCELLED');
    const again = await failure(client.cancelOrder(open.id));
    assert.deepEqual([again.status, again.code], [409, 'order-cancelled']);

    const paid = await client.createOrder({ items: [{ product: alien, quantity: 1 }] });
    const visa = await client.createPaymentMethod('tok_visa');
    await client.createPayment({ orders: [paid.id], paymentMethod: visa.id });
    const refused = await failure(client.cancelOrder(paid.id));
    assert.deepEqual([refused.status, refused.code], [409, 'order-paid']);
    assert.equal((await client.getOrder(paid.id)).status, 'SUCCESS');
  });
});
