// Coupons: the admin's /coupons, the customer's check, orders priced with a coupon by core's
// applyCoupon (EUR, JPY, KWD, to the minor unit, VAT included), every refusal with its code, and a
// redemption counted once, when the payment succeeds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCoupon, summarize, toMinor } from '../../src/core/index.ts';
import { createProduct, createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let alice: string;
let admin: string;
const p: Record<string, string> = {};
const NOW = Date.now();
const DAY = 24 * 60 * 60 * 1000;

before(async () => {
  server = await startTestServer();
  admin = server.serviceKey;
  alice = await server.userToken('alice', 'alice@example.com');
  Object.assign(p, await createWorkedExample(server));
  p.yen = await createProduct(server, { name: 'Yen DVD', price: 1999, vat: 0.1, currency: 'JPY' });
  p.kwd = await createProduct(server, { name: 'Dinar DVD', price: 12.345, vat: 0.05, currency: 'KWD' });
});
after(() => server.close());

const worked = () => [
  { product: p.A, quantity: 2 },
  { product: p.B, quantity: 1, sub_products: [p.B1] },
];

async function coupon(body: Record<string, unknown>) {
  const response = await server.post('/coupons', body, admin);
  assert.equal(response.status, 200, response.text);
  return response.body;
}

let serial = 0;
const code = (prefix: string) => `${prefix}${++serial}`;

async function orderCount(): Promise<number> {
  return Number((await server.get('/orders?size=1', admin)).headers.get('X-Total-Count'));
}

/** Pays an order with a fresh test card as the given user; answers the payment request's response. */
async function pay(orderId: string, token: string, card = 'tok_visa') {
  const method = await server.post('/payment_methods', { payment_method: 'stripe', token: card }, token);
  assert.equal(method.status, 200, method.text);
  return server.post('/payments', { orders: [orderId], payment_method: method.body._id.$oid }, token);
}

describe('admin /coupons', () => {
  it('creates, reads, lists, updates and retires a coupon in Stripe’s vocabulary', async () => {
    const made = await coupon({
      code: 'Summer10',
      name: 'Summer',
      percent_off: 12.5,
      min_order_amount: 20,
      currency: 'EUR',
      valid_from: NOW - DAY,
      redeem_by: NOW + DAY,
      max_redemptions: 100,
    });
    assert.match(made._id.$oid, /^[0-9a-f]{24}$/);
    assert.equal(made.code, 'Summer10');
    assert.equal(made.percent_off, 12.5);
    assert.equal(made.amount_off, null);
    assert.equal(made.currency, 'EUR');
    assert.equal(made.times_redeemed, 0);
    assert.equal(made.active, true);
    assert.deepEqual(made.redeem_by, { $date: NOW + DAY });
    const text = (await server.get(`/coupons/${made._id.$oid}`, admin)).text;
    assert.match(text, /"min_order_amount":20\.00[,}]/);

    const amount = await coupon({ code: code('FIVE'), amount_off: 5, currency: 'EUR' });
    assert.match((await server.get(`/coupons/${amount._id.$oid}`, admin)).text, /"amount_off":5\.00[,}]/);

    const list = await server.get('/coupons?size=1', admin);
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 1);
    assert.ok(Number(list.headers.get('X-Total-Count')) >= 2);
    assert.equal(list.headers.get('X-Pagination-Total'), list.headers.get('X-Total-Count'));

    const updated = await server.put(`/coupons/${made._id.$oid}`, { max_redemptions: 5, name: 'Summer sale' }, admin);
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.max_redemptions, 5);
    assert.equal(updated.body.name, 'Summer sale');
    const readonly = await server.put(`/coupons/${made._id.$oid}`, { percent_off: 50 }, admin);
    assert.equal(readonly.status, 400);
    assert.equal(readonly.body.code, 'coupon-readonly');

    const retired = await server.request('DELETE', `/coupons/${made._id.$oid}`, { token: admin });
    assert.equal(retired.status, 200, retired.text);
    assert.equal(retired.body.active, false);
    assert.equal(retired.body.deleted, true);
    const offered = await server.get('/coupons?active=true&size=500', admin);
    assert.ok(!offered.body.some((c: { code: string }) => c.code === 'Summer10'));
  });

  it('only for admins', async () => {
    assert.equal((await server.post('/coupons', { code: 'X1', percent_off: 5 }, alice)).status, 403);
    assert.equal((await server.get('/coupons', alice)).status, 403);
    assert.equal((await server.get('/coupons')).status, 401);
  });

  it('refuses terms that are no coupon, saying which field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ percent_off: 10 }, 'code', 'coupon-invalid'],
      [{ code: 'has space', percent_off: 10 }, 'code', 'coupon-invalid'],
      [{ code: 'NONE' }, 'percent_off', 'coupon-invalid'],
      [{ code: 'BOTH', percent_off: 10, amount_off: 5, currency: 'EUR' }, 'percent_off', 'coupon-invalid'],
      [{ code: 'ZERO', percent_off: 0 }, 'percent_off', 'coupon-invalid'],
      [{ code: 'MORE', percent_off: 100.5 }, 'percent_off', 'coupon-invalid'],
      [{ code: 'NOCUR', amount_off: 5 }, 'currency', 'required'],
      [{ code: 'BADCUR', amount_off: 5, currency: 'XXY' }, 'currency', 'currency-unknown'],
      [{ code: 'CENTS', amount_off: 5.001, currency: 'EUR' }, 'amount_off', 'amount-precision'],
      [{ code: 'YEN', amount_off: 5.5, currency: 'JPY' }, 'amount_off', 'amount-precision'],
      [{ code: 'MIN', percent_off: 5, min_order_amount: 10 }, 'currency', 'required'],
      [{ code: 'WINDOW', percent_off: 5, valid_from: NOW, redeem_by: NOW - 1 }, 'redeem_by', 'coupon-invalid'],
      [{ code: 'MAX', percent_off: 5, max_redemptions: 0 }, 'max_redemptions', 'type-invalid'],
    ];
    for (const [body, field, errorCode] of cases) {
      const response = await server.post('/coupons', body, admin);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text}`);
      assert.equal(response.body.field, field, JSON.stringify(body));
      assert.equal(response.body.code, errorCode, JSON.stringify(body));
    }
  });

  it('a code is one coupon, whatever its case', async () => {
    await coupon({ code: 'TwiceOnly', percent_off: 5 });
    const again = await server.post('/coupons', { code: 'TWICEONLY', percent_off: 7 }, admin);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'coupon-code-taken');
  });
});

describe('GET /coupons/:code, for a customer checking a code', () => {
  it('answers the public terms and whether it can be used now, by code in any case', async () => {
    const c = code('CHECK');
    await coupon({ code: c, amount_off: 500, currency: 'JPY', max_redemptions: 3, redeem_by: NOW + DAY });
    const response = await server.get(`/coupons/${c.toLowerCase()}`);
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /"amount_off":500[,}]/);
    assert.equal(response.body.valid, true);
    assert.equal(response.body.times_redeemed, undefined, 'counts are the merchant’s');
    assert.equal(response.body._id, undefined);
  });

  it('says an expired code is not valid; an unknown or retired one is 404', async () => {
    const expired = code('OLD');
    await coupon({ code: expired, percent_off: 5, redeem_by: NOW - DAY });
    assert.equal((await server.get(`/coupons/${expired}`)).body.valid, false);
    assert.equal((await server.get('/coupons/NO-SUCH-CODE')).status, 404);
    const retired = await coupon({ code: code('GONE'), percent_off: 5 });
    await server.request('DELETE', `/coupons/${retired._id.$oid}`, { token: admin });
    assert.equal((await server.get(`/coupons/${retired.code}`)).status, 404);
    // The public check is by code, not by id.
    assert.equal((await server.get(`/coupons/${retired._id.$oid}`)).status, 404);
  });
});

describe('an order with a coupon', () => {
  // Each: items, the coupon's terms, and the totals core gives (checked by hand in the comments).
  const cases: [string, () => object[], Record<string, unknown>, string, string, string][] = [
    // 87.00 EUR, 25 % VAT included (17.40): 10 % off is 8.70 → 78.30, VAT 17.40 × 78.30 / 87 = 15.66.
    ['EUR, percent_off', worked, { percent_off: 10 }, '78.30', '8.70', '15.66'],
    // 5.00 off → 82.00, VAT 17.40 × 82 / 87 = 16.40.
    ['EUR, amount_off', worked, { amount_off: 5, currency: 'EUR' }, '82.00', '5.00', '16.40'],
    // 1999 JPY, 10 % VAT (182): 15 % off is 299.85 → 300 → 1699, VAT 182 × 1699 / 1999 = 154.7 → 155.
    ['JPY, percent_off', () => [{ product: p.yen, quantity: 1 }], { percent_off: 15 }, '1699', '300', '155'],
    [
      'JPY, amount_off',
      () => [{ product: p.yen, quantity: 1 }],
      { amount_off: 500, currency: 'JPY' },
      '1499',
      '500',
      '136',
    ],
    // 12.345 KWD, 5 % VAT (0.588): 33 % off is 4.07385 → 4.074 → 8.271, VAT 0.588 × 8.271 / 12.345 → 0.394.
    ['KWD, percent_off', () => [{ product: p.kwd, quantity: 1 }], { percent_off: 33 }, '8.271', '4.074', '0.394'],
    [
      'KWD, amount_off',
      () => [{ product: p.kwd, quantity: 1 }],
      { amount_off: 1.5, currency: 'KWD' },
      '10.845',
      '1.500',
      '0.517',
    ],
  ];
  for (const [name, items, terms, total, discount, vat] of cases) {
    it(`${name}: total_amount = Σ final_price − discount, to the minor unit, VAT scaled`, async () => {
      const c = await coupon({ code: code('F'), ...terms });
      const response = await server.post('/orders', { items: items(), coupon: c.code }, alice);
      assert.equal(response.status, 200, response.text);
      assert.match(response.text, new RegExp(`"total_amount":${total.replace('.', '\\.')}[,}]`));
      assert.match(response.text, new RegExp(`"discount_amount":${discount.replace('.', '\\.')}[,}]`));
      assert.match(response.text, new RegExp(`"total_vat":${vat.replace('.', '\\.')}[,}]`));
      const order = response.body;
      assert.equal(order.coupon.code, c.code);
      assert.deepEqual(order.coupons, [order.coupon]);
      // The same figures as core's, from the items' snapshots: what the cart shows.
      const minor = (value: number) => toMinor(value, order.currency);
      const summary = summarize(
        order.items.map((i: any) => ({
          price: minor(i.price),
          subProducts: i.sub_products.map((s: any) => ({ price: minor(s.price) })),
          discount: i.discount,
          vat: i.vat,
          quantity: i.quantity,
          currency: order.currency,
        })),
      );
      const expected = applyCoupon(
        summary,
        terms.percent_off !== undefined
          ? { percentOff: terms.percent_off as number }
          : { amountOff: minor(terms.amount_off as number), currency: order.currency },
      );
      assert.deepEqual([order.subtotal_amount, order.discount_amount, order.total_amount, order.total_vat].map(minor), [
        expected.subtotal,
        expected.discount,
        expected.total,
        expected.vat,
      ]);
    });
  }

  it('a code takes at most the whole total: an order for free', async () => {
    const c = await coupon({ code: code('ALL'), amount_off: 1000, currency: 'EUR' });
    const response = await server.post('/orders', { items: worked(), coupon: c.code }, alice);
    assert.match(response.text, /"total_amount":0\.00[,}]/);
    assert.match(response.text, /"discount_amount":87\.00[,}]/);
  });

  it('is named by id or by code in any case; PUT changes or removes it, and the totals follow', async () => {
    const ten = await coupon({ code: code('TEN'), percent_off: 10 });
    const five = await coupon({ code: code('FIVEOFF'), amount_off: 5, currency: 'EUR' });
    const made = await server.post('/orders', { items: worked(), coupon: ten._id.$oid }, alice);
    assert.match(made.text, /"total_amount":78\.30[,}]/);
    const id = made.body._id.$oid;
    const changed = await server.put(`/orders/${id}`, { coupon: five.code.toLowerCase() }, alice);
    assert.match(changed.text, /"total_amount":82\.00[,}]/);
    // A client echoing the order back (its coupon object) changes nothing.
    const echoed = await server.put(`/orders/${id}`, { note: 'hi', coupon: changed.body.coupon }, alice);
    assert.match(echoed.text, /"total_amount":82\.00[,}]/);
    const removed = await server.put(`/orders/${id}`, { coupon: null }, alice);
    assert.match(removed.text, /"total_amount":87\.00[,}]/);
    assert.equal(removed.body.coupon, null);
    assert.match(removed.text, /"discount_amount":0\.00[,}]/);
  });

  it('new items are priced with the order’s coupon, and refused below its minimum', async () => {
    const c = await coupon({ code: code('MIN'), percent_off: 10, min_order_amount: 50, currency: 'EUR' });
    const made = await server.post('/orders', { items: worked(), coupon: c.code }, alice);
    const id = made.body._id.$oid;
    const more = await server.put(`/orders/${id}/items`, { items: [{ product: p.A, quantity: 4 }] }, alice);
    // 4 × 36.00 = 144.00, 10 % off → 129.60
    assert.match(more.text, /"total_amount":129\.60[,}]/);
    const less = await server.put(`/orders/${id}/items`, { items: [{ product: p.A, quantity: 1 }] }, alice);
    assert.equal(less.status, 400);
    assert.equal(less.body.code, 'coupon-minimum');
    assert.equal(less.body.field, 'coupon');
    assert.match((await server.get(`/orders/${id}`, alice)).text, /"total_amount":129\.60[,}]/);
  });
});

describe('a code an order can not use is a 400 with its code, and no order', () => {
  const refusals: [string, () => Promise<string>, () => object[], string][] = [
    ['unknown', async () => 'NOPE-NOT-A-CODE', worked, 'coupon-unknown'],
    [
      'retired',
      async () => {
        const c = await coupon({ code: code('RET'), percent_off: 5 });
        await server.request('DELETE', `/coupons/${c._id.$oid}`, { token: admin });
        return c.code;
      },
      worked,
      'coupon-unknown',
    ],
    [
      'expired',
      async () => (await coupon({ code: code('EXP'), percent_off: 5, redeem_by: NOW - 1000 })).code,
      worked,
      'coupon-expired',
    ],
    [
      'not yet valid',
      async () => (await coupon({ code: code('SOON'), percent_off: 5, valid_from: NOW + DAY })).code,
      worked,
      'coupon-not-yet-valid',
    ],
    [
      'below the minimum',
      async () => (await coupon({ code: code('BIG'), percent_off: 5, min_order_amount: 87.01, currency: 'EUR' })).code,
      worked,
      'coupon-minimum',
    ],
    [
      'in another currency',
      async () => (await coupon({ code: code('EURO'), amount_off: 5, currency: 'EUR' })).code,
      () => [{ product: p.yen, quantity: 1 }],
      'coupon-currency',
    ],
    [
      'used up',
      async () => {
        const c = await coupon({ code: code('ONCE'), percent_off: 5, max_redemptions: 1 });
        const first = await server.post('/orders', { items: worked(), coupon: c.code }, alice);
        assert.equal((await pay(first.body._id.$oid, alice)).status, 200);
        return c.code;
      },
      worked,
      'coupon-exhausted',
    ],
  ];
  for (const [name, make, items, errorCode] of refusals) {
    it(name, async () => {
      const ref = await make();
      const before = await orderCount();
      const response = await server.post('/orders', { items: items(), coupon: ref }, alice);
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, errorCode);
      assert.equal(response.body.field, 'coupon');
      assert.ok(response.body.message.length > 10);
      assert.equal(await orderCount(), before);
    });
  }
});

describe('redemptions', () => {
  it('charges the discounted total and counts one redemption when the payment succeeds', async () => {
    const c = await coupon({ code: code('PAY'), percent_off: 10, max_redemptions: 5 });
    const made = await server.post('/orders', { items: worked(), coupon: c.code }, alice);
    const declined = await pay(made.body._id.$oid, alice, 'tok_chargeDeclined');
    assert.equal(declined.status, 402);
    assert.equal(
      (await server.get(`/coupons/${c._id.$oid}`, admin)).body.times_redeemed,
      0,
      'a decline counts nothing',
    );
    const paid = await pay(made.body._id.$oid, alice);
    assert.equal(paid.status, 200, paid.text);
    assert.match(paid.text, /"amount":78\.30[,}]/);
    assert.equal((await server.get(`/coupons/${c._id.$oid}`, admin)).body.times_redeemed, 1);
    const again = await pay(made.body._id.$oid, alice);
    assert.equal(again.status, 409, 'a paid order is not paid again');
    assert.equal((await server.get(`/coupons/${c._id.$oid}`, admin)).body.times_redeemed, 1);
  });

  it('an order whose code expired or was retired before payment is refused 409, nothing charged, and payable without it', async () => {
    const c = await coupon({ code: code('LATE'), percent_off: 10 });
    const made = await server.post('/orders', { items: worked(), coupon: c.code }, alice);
    const id = made.body._id.$oid;
    await server.request('DELETE', `/coupons/${c._id.$oid}`, { token: admin });
    const refused = await pay(id, alice);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.code, 'coupon-retired');
    assert.equal(refused.body.field, 'coupon');
    assert.equal((await server.get(`/orders/${id}`, alice)).body.order_status, 'CREATED');
    await server.put(`/orders/${id}`, { coupon: null }, alice);
    const paid = await pay(id, alice);
    assert.equal(paid.status, 200, paid.text);
    assert.match(paid.text, /"amount":87\.00[,}]/);
  });
});
