// Button is paid commission on what the customer paid: with a coupon, the reported total is the
// order's net after the coupon (core's applyCoupon: VAT scaled with the total), and the line items
// share the coupon out so that they still add up to it exactly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyCoupon, summarize } from '../../src/core/index.ts';
import { shareOut } from '../../server/button/payload.ts';
import { startFakeButton, type FakeButton } from '../support/fake-button.ts';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { until } from '../support/until.ts';

const KEY = 'btn_test_key_for_coupon_tests_1a2b3c';
const TOKEN = 'fakesrctok-0123456789abcdef';
let fake: FakeButton;
let server: TestServer;
const p: Record<string, string> = {};

before(async () => {
  fake = await startFakeButton(KEY);
  server = await startTestServer({
    buttonApiKey: KEY,
    buttonApiUrl: fake.url,
    button: { pollMs: 40, baseDelayMs: 20, maxDelayMs: 160, timeoutMs: 3000, leaseMs: 10_000, log: () => {} },
  });
  p.A = await createProduct(server, { name: 'A', price: 9.99, discount: 0.1, vat: 0.25, currency: 'EUR' });
  p.B = await createProduct(server, { name: 'B', price: 8.99, vat: 0.25, currency: 'EUR' });
});
after(async () => {
  await server.close();
  await fake.close();
});

describe('Button and coupons', () => {
  it('reports the net after the coupon, the lines adding up to it', async () => {
    const code = `BTN${Date.now().toString(36)}`;
    await server.post('/coupons', { code, percent_off: 15 }, server.serviceKey);
    const alice = await server.userToken('alice', 'alice@example.com');
    const items = [
      { product: p.A, quantity: 3 },
      { product: p.B, quantity: 1 },
    ];
    const made = await server.post('/orders', { items, btn_ref: TOKEN, coupon: code }, alice);
    assert.equal(made.status, 200, made.text);
    const method = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, alice);
    const paid = await server.post(
      '/payments',
      { orders: [made.body._id.$oid], payment_method: method.body._id.$oid },
      alice,
    );
    assert.equal(paid.status, 200, paid.text);
    const id = made.body._id.$oid;
    await until(() => fake.orders.has(id), 'the report');
    assert.deepEqual(fake.problems, []);
    const body = fake.orders.get(id)!.body;

    // 3 × 9.99 at 10 % off = 26.97, + 8.99 = 35.96 incl. 25 % VAT; 15 % off = 5.394 → 5.39 → 30.57.
    const summary = summarize([
      { price: 999, discount: 0.1, vat: 0.25, quantity: 3, currency: 'EUR' },
      { price: 899, vat: 0.25, quantity: 1, currency: 'EUR' },
    ]);
    const after = applyCoupon(summary, { percentOff: 15 });
    assert.equal(after.total, 3057);
    assert.match(made.text, /"total_amount":30\.57[,}]/);
    assert.equal(body.total, after.net, 'the commissionable total is after the coupon, without VAT');
    assert.ok(body.total < summary.net);
    const lines = body.line_items as { total: number; amount: number; quantity: number }[];
    assert.equal(
      lines.reduce((sum, l) => sum + l.total, 0),
      body.total,
    );
    for (const l of lines) assert.equal(l.amount * l.quantity, l.total);
  });

  it('shares a total out in proportion, within a unit, adding up exactly (property)', () => {
    assert.deepEqual(shareOut(100, [50, 50]), [50, 50]);
    assert.deepEqual(shareOut(99, [50, 50]), [50, 49]);
    assert.deepEqual(shareOut(0, [0, 0]), [0, 0]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = Math.floor(sum * f);
          const shares = shareOut(total, weights);
          return (
            shares.reduce((a, b) => a + b, 0) === total &&
            shares.every((s, i) => s >= 0 && Math.abs(s - (sum === 0 ? 0 : (weights[i]! * total) / sum)) < 1)
          );
        },
      ),
    );
  });
});
