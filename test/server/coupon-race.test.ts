// The last redemption of a coupon, raced for: exactly one payment gets it, the others are refused
// before anything is charged and their orders stay payable. Runs on PGlite, and on PostgreSQL in
// `npm run test:server:pg`, where the claims run truly at once on separate connections.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChargeRequest, ChargeResult } from '../../server/payments/processor.ts';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import { createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';
import { until } from '../support/until.ts';

/** The test processor with a gate: while it is closed, charges wait (the payment stays in flight). */
class GatedProcessor extends TestProcessor {
  gate: Promise<void> | null = null;
  readonly calls: ChargeRequest[] = [];
  override async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.calls.push(request);
    if (this.gate) await this.gate;
    return super.charge(request);
  }
}

const processor = new GatedProcessor();
let server: TestServer;
const p: Record<string, string> = {};
let serial = 0;

before(async () => {
  server = await startTestServer({ processor });
  Object.assign(p, await createWorkedExample(server));
});
after(() => server.close());

const worked = () => [
  { product: p.A, quantity: 2 },
  { product: p.B, quantity: 1, sub_products: [p.B1] },
];

/** A customer with an order carrying `code` and a saved card, ready to pay. */
async function customer(code: string, card = 'tok_visa') {
  const token = await server.userToken(`racer-${++serial}`, `racer${serial}@example.com`);
  const order = await server.post('/orders', { items: worked(), coupon: code }, token);
  assert.equal(order.status, 200, order.text);
  const method = await server.post('/payment_methods', { payment_method: 'stripe', token: card }, token);
  assert.equal(method.status, 200, method.text);
  const orderId = order.body._id.$oid as string;
  return {
    token,
    orderId,
    pay: (methodId = method.body._id.$oid as string) =>
      server.post('/payments', { orders: [orderId], payment_method: methodId }, token),
    methodId: method.body._id.$oid as string,
  };
}

async function newCoupon(max: number): Promise<{ id: string; code: string }> {
  const code = `RACE${Date.now().toString(36)}${++serial}`;
  const made = await server.post('/coupons', { code, percent_off: 10, max_redemptions: max }, server.serviceKey);
  assert.equal(made.status, 200, made.text);
  return { id: made.body._id.$oid, code };
}

const redeemed = async (id: string) => (await server.get(`/coupons/${id}`, server.serviceKey)).body.times_redeemed;

describe('the last redemption of a coupon', () => {
  it('two customers paying at once: exactly one gets it; the other is refused, uncharged, and can pay without it', async () => {
    const coupon = await newCoupon(1);
    const [ann, ben] = [await customer(coupon.code), await customer(coupon.code)];
    const calls = processor.calls.length;
    const results = await Promise.all([ann.pay(), ben.pay()]);
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409], results.map((r) => r.text).join('\n'));
    const loser = results[0].status === 409 ? ann : ben;
    const refusal = results.find((r) => r.status === 409)!.body;
    assert.equal(refusal.code, 'coupon-exhausted');
    assert.equal(refusal.field, 'coupon');
    assert.match(refusal.message, /used up/);
    assert.equal(processor.calls.length, calls + 1, 'the refused payment charged nothing');
    assert.match(results.find((r) => r.status === 200)!.text, /"amount":78\.30[,}]/);
    assert.equal(await redeemed(coupon.id), 1);

    const order = await server.get(`/orders/${loser.orderId}`, loser.token);
    assert.equal(order.body.order_status, 'CREATED');
    assert.equal((await server.put(`/orders/${loser.orderId}`, { coupon: null }, loser.token)).status, 200);
    const paid = await loser.pay();
    assert.equal(paid.status, 200, paid.text);
    assert.match(paid.text, /"amount":87\.00[,}]/);
    assert.equal(await redeemed(coupon.id), 1);
  });

  it('many at once for the last three: three are paid, the rest refused before any charge', async () => {
    const coupon = await newCoupon(3);
    const racers = [];
    for (let i = 0; i < 8; i++) racers.push(await customer(coupon.code));
    const calls = processor.calls.length;
    const results = await Promise.all(racers.map((r) => r.pay()));
    const won = results.filter((r) => r.status === 200).length;
    assert.equal(won, 3, results.map((r) => `${r.status} ${r.body?.code ?? ''}`).join(', '));
    assert.ok(results.every((r) => r.status === 200 || (r.status === 409 && r.body.code === 'coupon-exhausted')));
    assert.equal(processor.calls.length, calls + 3);
    assert.equal(await redeemed(coupon.id), 3);
    const statuses = await Promise.all(
      racers.map(async (r) => (await server.get(`/orders/${r.orderId}`, r.token)).body.order_status),
    );
    assert.deepEqual(statuses.filter((s) => s === 'SUCCESS').length, 3);
    assert.ok(statuses.every((s) => s === 'SUCCESS' || s === 'CREATED'));
  });

  it('is held while a payment is in flight, and given back when its charge is declined', async () => {
    const coupon = await newCoupon(1);
    const declining = await customer(coupon.code, 'tok_chargeDeclined');
    const waiting = await customer(coupon.code);
    let open!: () => void;
    processor.gate = new Promise((resolve) => (open = resolve));
    const calls = processor.calls.length;
    const first = declining.pay();
    await until(() => processor.calls.length > calls, 'the first charge in flight');
    // The first payment holds the last redemption while its charge is out: the second is refused.
    const second = await waiting.pay();
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'coupon-exhausted');
    processor.gate = null;
    open();
    assert.equal((await first).status, 402);
    assert.equal(await redeemed(coupon.id), 0);
    // Declined: the redemption is free again, and the second customer gets it.
    const retry = await waiting.pay();
    assert.equal(retry.status, 200, retry.text);
    assert.equal(await redeemed(coupon.id), 1);
  });
});
