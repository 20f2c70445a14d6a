// The discount-code calls of the BuiltOn client against the real reference server: the public check
// (`GET /coupons/:code`: terms in minor units, `valid`, 404 for an unknown or retired code), an order
// created with a code (its coupon, subtotal, discount and total read back), a code set and removed on
// an open order (`PUT /orders/:id`), and the server's refusals as ApiErrors with their codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createBuiltOnClient, isApiError, type BuiltOnClient } from '../../src/api/index.ts';
import { applyCoupon } from '../../src/core/index.ts';
import { createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let p: { A: string; B: string; B1: string };
const NOW = Date.now();
const DAY = 24 * 60 * 60 * 1000;

before(async () => {
  server = await startTestServer({ demoAuth: true });
  p = await createWorkedExample(server);
});
after(() => server?.close());

/** The worked example: 2 × A (40, −10 %) + B (10) with B1 (5): 87.00, VAT 17.40. */
const worked = () => [
  { product: p.A, quantity: 2 },
  { product: p.B, quantity: 1, sub_products: [p.B1] },
];

async function createCoupon(body: Record<string, unknown>): Promise<string> {
  const response = await server.post('/coupons', body, server.serviceKey);
  assert.equal(response.status, 200, response.text);
  return response.body._id.$oid as string;
}

/** A client with only the API key, as a shopper checking a code before signing in. */
const anonymous = (): BuiltOnClient => createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey, backoff: 0 });

/** A new customer signed in through the server's demo sign-in, as the widget does it. */
async function customer(): Promise<BuiltOnClient> {
  const response = await fetch(`${server.url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': server.apiKey },
    body: JSON.stringify({ email: `coupon-${randomUUID()}@example.com` }),
  });
  const { token } = (await response.json()) as { token: string };
  return createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey, getToken: () => token, backoff: 0 });
}

async function refusal(call: Promise<unknown>): Promise<[number, string | undefined, string | undefined]> {
  try {
    await call;
  } catch (error) {
    assert.ok(isApiError(error), String(error));
    return [error.status, error.code, error.field];
  }
  assert.fail('the call was not refused');
}

describe('BuiltOn client ↔ reference server: discount codes', () => {
  it('checks a code with the API key alone: its terms in minor units, its dates and valid, any case', async () => {
    await createCoupon({
      code: 'LIVE125',
      name: 'Twelve and a half',
      percent_off: 12.5,
      min_order_amount: 20,
      currency: 'EUR',
      valid_from: NOW - DAY,
      redeem_by: NOW + DAY,
    });
    assert.deepEqual(await anonymous().getCoupon('live125'), {
      code: 'LIVE125',
      name: 'Twelve and a half',
      percentOff: 12.5,
      amountOff: null,
      currency: 'EUR',
      minOrderAmount: 2000,
      validFrom: new Date(NOW - DAY),
      redeemBy: new Date(NOW + DAY),
      valid: true,
    });
    await createCoupon({ code: 'LIVE5', amount_off: 5, currency: 'EUR' });
    const five = await anonymous().getCoupon('LIVE5');
    assert.deepEqual(
      [five.percentOff, five.amountOff, five.currency, five.minOrderAmount, five.validFrom, five.redeemBy],
      [null, 500, 'EUR', null, null, null],
    );
  });

  it('says valid: false for a code outside its dates, and 404 for an unknown or retired one', async () => {
    await createCoupon({ code: 'LIVEOLD', percent_off: 10, redeem_by: NOW - DAY });
    await createCoupon({ code: 'LIVESOON', percent_off: 10, valid_from: NOW + DAY });
    const old = await anonymous().getCoupon('LIVEOLD');
    assert.deepEqual([old.valid, old.redeemBy], [false, new Date(NOW - DAY)]);
    assert.equal((await anonymous().getCoupon('LIVESOON')).valid, false);
    assert.deepEqual(await refusal(anonymous().getCoupon('NOSUCHCODE')), [404, 'not-found', undefined]);
    const retired = await createCoupon({ code: 'LIVEGONE', percent_off: 10 });
    assert.equal((await server.request('DELETE', `/coupons/${retired}`, { token: server.serviceKey })).status, 200);
    assert.equal((await refusal(anonymous().getCoupon('LIVEGONE')))[0], 404);
    // A code is a path segment: one with a slash is escaped, not a route of its own.
    assert.equal((await refusal(anonymous().getCoupon('a/b')))[0], 404);
  });

  it('creates an order with a code and reads back its coupon, subtotal, discount and total (core’s figures)', async () => {
    await createCoupon({ code: 'LIVE10', percent_off: 10 });
    const client = await customer();
    const order = await client.createOrder({ items: worked(), coupon: 'live10' });
    // 87.00 − 10 % = 78.30, as core's applyCoupon prices the worked example's summary (VAT 17.40).
    const local = applyCoupon({ total: 8700, vat: 1740, currency: 'EUR' }, order.coupon);
    assert.deepEqual([local.discount, local.total, local.vat], [870, 7830, 1566]);
    assert.deepEqual(
      [order.subtotalAmount, order.discountAmount, order.totalAmount, order.coupon?.code, order.coupon?.percentOff],
      [8700, 870, 7830, 'LIVE10', 10],
    );
    assert.equal((await client.getOrder(order.id)).discountAmount, 870, 'the same when read again');
  });

  it('sets a code on an open order, keeps it when named again, and removes it with null', async () => {
    await createCoupon({ code: 'LIVEFIVER', amount_off: 5, currency: 'EUR', min_order_amount: 50 });
    const client = await customer();
    const plain = await client.createOrder({ items: worked() });
    assert.deepEqual([plain.coupon, plain.discountAmount, plain.totalAmount], [null, 0, 8700]);
    const coupon = await client.updateOrder(plain.id, { coupon: 'LIVEFIVER' });
    assert.deepEqual(
      [coupon.coupon?.code, coupon.coupon?.amountOff, coupon.coupon?.minOrderAmount, coupon.discountAmount],
      ['LIVEFIVER', 500, 5000, 500],
    );
    assert.equal(coupon.totalAmount, 8200);
    assert.equal((await client.updateOrder(plain.id, { coupon: 'liveFiver' })).totalAmount, 8200);
    const removed = await client.updateOrder(plain.id, { coupon: null });
    assert.deepEqual(
      [removed.coupon, removed.discountAmount, removed.subtotalAmount, removed.totalAmount],
      [null, 0, 8700, 8700],
    );
  });

  it('gets the server’s refusals as ApiErrors naming coupon, with their codes', async () => {
    await createCoupon({ code: 'LIVEMIN', percent_off: 10, min_order_amount: 100, currency: 'EUR' });
    await createCoupon({ code: 'LIVENOK', amount_off: 50, currency: 'NOK' });
    const client = await customer();
    assert.deepEqual(await refusal(client.createOrder({ items: worked(), coupon: 'NOPE' })), [
      400,
      'coupon-unknown',
      'coupon',
    ]);
    assert.deepEqual(await refusal(client.createOrder({ items: worked(), coupon: 'LIVEOLD' })), [
      400,
      'coupon-expired',
      'coupon',
    ]);
    assert.deepEqual(await refusal(client.createOrder({ items: worked(), coupon: 'LIVESOON' })), [
      400,
      'coupon-not-yet-valid',
      'coupon',
    ]);
    assert.deepEqual(await refusal(client.createOrder({ items: worked(), coupon: 'LIVEMIN' })), [
      400,
      'coupon-minimum',
      'coupon',
    ]);
    const order = await client.createOrder({ items: worked() });
    assert.deepEqual(await refusal(client.updateOrder(order.id, { coupon: 'LIVENOK' })), [
      400,
      'coupon-currency',
      'coupon',
    ]);
  });
});
