import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct, createWorkedExample, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let alice: string;
let bob: string;
const p: Record<string, string> = {};

const HUMAN_ID = /^[0-9A-Z]{6}$/;

before(async () => {
  server = await startTestServer();
  alice = await server.userToken('alice', 'alice@example.com');
  bob = await server.userToken('bob', 'bob@example.com');
  // The worked example of the Orders documentation.
  Object.assign(p, await createWorkedExample(server));
  // The item examples: 20 at 50 % off, and 10.
  p.half = await createProduct(server, { name: 'Half price', price: 20, discount: 0.5, currency: 'EUR' });
  p.ten = await createProduct(server, { name: 'Ten', price: 10, currency: 'EUR' });
  p.nok = await createProduct(server, { name: 'Norwegian DVD', price: 99, currency: 'NOK' });
  p.other = await createProduct(server, { name: 'Other sub', price: 2, currency: 'EUR', main_product: false });
  await server.post('/v2/users', { first_name: 'Alice', last_name: 'Liddell' }, alice);
  await server.post('/v2/users', { first_name: 'Bob', last_name: 'Builder' }, bob);
});

after(() => server.close());

const deep = (levels: number): Record<string, unknown> =>
  levels === 0 ? { city: 'Oslo' } : { inner: deep(levels - 1) };

const workedExample = () => ({
  items: [
    { product: p.A, quantity: 2 },
    { product: p.B, quantity: 1, sub_products: [p.B1] },
  ],
});

/** How many orders exist (admin view), to show that refused requests wrote nothing. */
async function orderCount(): Promise<number> {
  const response = await server.get('/orders?size=1', server.serviceKey);
  return Number(response.headers.get('X-Total-Count'));
}

describe('POST /orders', () => {
  it('prices the worked example of the documentation at 87.00 EUR', async () => {
    const response = await server.post('/orders', workedExample(), alice);
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /"total_amount":87\.00[,}]/);
    const order = response.body;
    assert.equal(order.currency, 'EUR');
    assert.equal(order.total_quantity, 3);
    assert.equal(order.units, 2);
    assert.equal(order.order_status, 'CREATED');
    assert.equal(order.delivery_status, 'PENDING');
    assert.match(order.human_id, HUMAN_ID);
    assert.match(order._id.$oid, /^[0-9a-f]{24}$/);
    assert.equal(typeof order.created.$date, 'number');
    assert.match(order.user._id.$oid, /^[0-9a-f]{24}$/);
    assert.deepEqual(order.payments, []);
  });

  it('snapshots each item: name, price, discount, vat, currency, final_price and sub-products', async () => {
    const { body: order, text } = await server.post('/orders', workedExample(), alice);
    const [a, b] = order.items;
    assert.deepEqual(
      {
        product: a.product.$oid,
        quantity: a.quantity,
        name: a.name,
        price: a.price,
        discount: a.discount,
        vat: a.vat,
        currency: a.currency,
        final_price: a.final_price,
      },
      {
        product: p.A,
        quantity: 2,
        name: 'Product A',
        price: 40,
        discount: 0.1,
        vat: 0.25,
        currency: 'EUR',
        final_price: 72,
      },
    );
    assert.equal(b.final_price, 15);
    assert.deepEqual(b.sub_products, [{ _id: { $oid: p.B1 }, name: 'Sub Product B1', price: 5 }]);
    assert.match(text, /"price":40\.00,"final_price":72\.00/);
    assert.match(text, /"name":"Sub Product B1","price":5\.00/);
  });

  it('prices the item examples: 20 at 0.5 × 1 is 10, 10 × 3 is 30, the order 40', async () => {
    const response = await server.post(
      '/orders',
      {
        items: [
          { product: p.half, quantity: 1 },
          { product: p.ten, quantity: 3 },
        ],
      },
      alice,
    );
    assert.equal(response.status, 200);
    assert.deepEqual(
      response.body.items.map((i: { final_price: number }) => i.final_price),
      [10, 30],
    );
    assert.match(response.text, /"total_amount":40\.00/);
    assert.equal(response.body.total_quantity, 4);
  });

  it('keeps the snapshot when the product changes later', async () => {
    const { body: order } = await server.post('/orders', { items: [{ product: p.ten, quantity: 1 }] }, alice);
    const ten2 = await createProduct(server, { name: 'Ten, briefly', price: 10, currency: 'EUR' });
    await server.put(`/products/${ten2}`, { price: 12 }, server.serviceKey);
    await server.put(`/products/${p.ten}`, { price: 11, name: 'Ten (repriced)' }, server.serviceKey);
    const { body: again } = await server.get(`/orders/${order._id.$oid}`, alice);
    assert.equal(again.items[0].name, 'Ten');
    assert.equal(again.items[0].price, 10);
    assert.equal(again.total_amount, 10);
    await server.put(`/products/${p.ten}`, { price: 10, name: 'Ten' }, server.serviceKey);
  });

  it('stores the addresses, note, delivery time and btn_ref given', async () => {
    const address = {
      city: 'Oslo',
      geo: [59.9294087, 10.7643042],
      zip_code: '0557',
      street_name: 'Christies gate 34A',
      country: 'Norway',
    };
    const response = await server.post(
      '/orders',
      {
        ...workedExample(),
        delivery_address: address,
        billing_address: address,
        note: 'I am a note.',
        delivery_time: 1472022000000,
        btn_ref: 'srctok-abc123',
        currency: 'EUR',
      },
      alice,
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.delivery_address, address);
    assert.deepEqual(response.body.delivery_time, { $date: 1472022000000 });
    assert.equal(response.body.note, 'I am a note.');
    assert.equal(response.body.btn_ref, 'srctok-abc123');
  });

  it('refuses products in different currencies with the documented message, writing nothing', async () => {
    const before = await orderCount();
    const response = await server.post(
      '/orders',
      {
        items: [
          { product: p.A, quantity: 1 },
          { product: p.nok, quantity: 1 },
        ],
      },
      alice,
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'An order can not have products with different currencies');
    assert.equal(response.body.code, 'currency-mismatch');
    assert.equal(await orderCount(), before);
  });

  it('refuses an order currency that is not the items’ currency', async () => {
    const response = await server.post('/orders', { ...workedExample(), currency: 'NOK' }, alice);
    assert.equal(response.status, 400);
    assert.equal(response.body.message, 'An order can not have products with different currencies');
  });

  describe('keeps the sub-product rules', () => {
    it('a sub-product is not bought without its parent (rule 4)', async () => {
      const response = await server.post('/orders', { items: [{ product: p.B1, quantity: 1 }] }, alice);
      assert.equal(response.status, 400);
      assert.equal(response.body.field, 'items[0].product');
      assert.equal(response.body.code, 'sub-product-alone');
    });

    it('only with a parent that offers it', async () => {
      const response = await server.post(
        '/orders',
        { items: [{ product: p.A, quantity: 1, sub_products: [p.B1] }] },
        alice,
      );
      assert.equal(response.status, 400);
      assert.equal(response.body.field, 'items[0].sub_products');
      assert.equal(response.body.code, 'sub-product-not-offered');
    });

    it('a main product is not an add-on (rule 3)', async () => {
      const response = await server.post(
        '/orders',
        { items: [{ product: p.B, quantity: 1, sub_products: [p.A] }] },
        alice,
      );
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'sub-product-nested');
    });

    it('the same add-on is not chosen twice', async () => {
      const response = await server.post(
        '/orders',
        { items: [{ product: p.B, quantity: 1, sub_products: [p.B1, p.B1] }] },
        alice,
      );
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'sub-product-duplicate');
    });
  });

  describe('refuses bad input with 400/404/413 and {message, field}, writing nothing', () => {
    const cases: [string, () => Record<string, unknown> | string, string][] = [
      ['malformed JSON', () => '{"items": [', 'body'],
      ['a body that is not an object', () => '[1,2]', 'body'],
      ['no items', () => ({}), 'items'],
      ['items that are not a list', () => ({ items: 'A' }), 'items'],
      ['an item that is not an object', () => ({ items: [5] }), 'items[0]'],
      ['a zero quantity', () => ({ items: [{ product: p.A, quantity: 0 }] }), 'items[0].quantity'],
      ['a negative quantity', () => ({ items: [{ product: p.A, quantity: -2 }] }), 'items[0].quantity'],
      ['a fractional quantity', () => ({ items: [{ product: p.A, quantity: 1.5 }] }), 'items[0].quantity'],
      ['a quantity as a string', () => ({ items: [{ product: p.A, quantity: '2' }] }), 'items[0].quantity'],
      ['a huge quantity', () => ({ items: [{ product: p.A, quantity: 1e9 }] }), 'items[0].quantity'],
      [
        'an unknown product id',
        () => ({ items: [{ product: 'ffffffffffffffffffffffff', quantity: 1 }] }),
        'items[0].product',
      ],
      ['a product id that is no id', () => ({ items: [{ product: 'productA', quantity: 1 }] }), 'items[0].product'],
      [
        'an unknown sub-product',
        () => ({ items: [{ product: p.B, quantity: 1, sub_products: ['eeeeeeeeeeeeeeeeeeeeeeee'] }] }),
        'items[0].sub_products[0]',
      ],
      ['a note that is not a string', () => ({ ...workedExample(), note: 5 }), 'note'],
      [
        'an address that is not an object',
        () => ({ ...workedExample(), delivery_address: 'Oslo' }),
        'delivery_address',
      ],
      [
        'a delivery time that is no timestamp',
        () => ({ ...workedExample(), delivery_time: 'tomorrow' }),
        'delivery_time',
      ],
      ['a NUL character, which PostgreSQL can not store', () => '{"items": [], "note": "a\\u0000b"}', 'note'],
      ['an address nested too deep', () => ({ ...workedExample(), delivery_address: deep(50) }), 'delivery_address'],
      ['resources nested too deep', () => ({ ...workedExample(), resources: [deep(20)] }), 'resources'],
    ];
    for (const [name, body, field] of cases) {
      it(name, async () => {
        const before = await orderCount();
        const value = body();
        const response = await server.request('POST', '/orders', {
          token: alice,
          ...(typeof value === 'string' ? { raw: value } : { body: value }),
        });
        assert.equal(response.status, 400, response.text);
        assert.equal(response.body.field, field);
        assert.equal(typeof response.body.message, 'string');
        assert.equal(await orderCount(), before);
      });
    }

    it('an oversized body is 413', async () => {
      const before = await orderCount();
      const response = await server.post('/orders', { ...workedExample(), note: 'x'.repeat(70 * 1024) }, alice);
      assert.equal(response.status, 413);
      assert.equal(response.body.field, 'body');
      assert.equal(await orderCount(), before);
    });
  });

  it('needs a user or admin token', async () => {
    const response = await server.post('/orders', workedExample());
    assert.equal(response.status, 401);
  });

  it('lets an admin order for a named user, and only so', async () => {
    const missing = await server.post('/orders', workedExample(), server.serviceKey);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'user');
    const { body: bobsOrder } = await server.post('/orders', workedExample(), bob);
    const response = await server.post(
      '/orders',
      { ...workedExample(), user: bobsOrder.user._id.$oid },
      server.serviceKey,
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.user._id.$oid, bobsOrder.user._id.$oid);
    const unknown = await server.post(
      '/orders',
      { ...workedExample(), user: 'dddddddddddddddddddddddd' },
      server.serviceKey,
    );
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'user');
  });

  it('refuses a user ordering for someone else', async () => {
    const { body: bobsOrder } = await server.post('/orders', workedExample(), bob);
    const response = await server.post('/orders', { ...workedExample(), user: bobsOrder.user._id.$oid }, alice);
    assert.equal(response.status, 403);
  });

  it('gives each order a unique 6-character human_id', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) ids.add((await server.post('/orders', workedExample(), alice)).body.human_id);
    assert.equal(ids.size, 10);
    for (const id of ids) assert.match(id, HUMAN_ID);
  });
});

describe('a user sees and changes only their own orders', () => {
  let alicesOrder: { _id: { $oid: string }; human_id: string };
  before(async () => {
    alicesOrder = (await server.post('/orders', workedExample(), alice)).body;
  });

  it('GET, PUT, PUT items and cancel of another user’s order are 404', async () => {
    const id = alicesOrder._id.$oid;
    assert.equal((await server.get(`/orders/${id}`, bob)).status, 404);
    assert.equal((await server.put(`/orders/${id}`, { note: 'mine now' }, bob)).status, 404);
    assert.equal(
      (await server.put(`/orders/${id}/items`, { items: [{ product: p.A, quantity: 1 }] }, bob)).status,
      404,
    );
    assert.equal((await server.post(`/orders/${id}/cancel`, {}, bob)).status, 404);
    const { body } = await server.get(`/orders/${id}`, alice);
    assert.equal(body.note, '');
    assert.equal(body.order_status, 'CREATED');
    assert.equal(body.items.length, 2);
  });

  it('a user who never signed in has no orders', async () => {
    const stranger = await server.userToken('stranger');
    assert.equal((await server.get(`/orders/${alicesOrder._id.$oid}`, stranger)).status, 404);
    const list = await server.get('/orders', stranger);
    assert.deepEqual(list.body, []);
  });

  it('lists and searches only the caller’s orders; an admin sees all', async () => {
    const bobs = await server.get('/orders?size=100', bob);
    assert.ok(bobs.body.length > 0);
    assert.ok(
      bobs.body.every((o: { user: { _id: { $oid: string } } }) => o.user._id.$oid === bobs.body[0].user._id.$oid),
    );
    assert.ok(!bobs.body.some((o: { _id: { $oid: string } }) => o._id.$oid === alicesOrder._id.$oid));
    assert.deepEqual((await server.get(`/orders/search?query=${alicesOrder.human_id}`, bob)).body, []);
    const admin = await server.get(`/orders/search?query=${alicesOrder.human_id}`, server.serviceKey);
    assert.deepEqual(
      admin.body.map((o: { _id: { $oid: string } }) => o._id.$oid),
      [alicesOrder._id.$oid],
    );
    assert.equal((await server.get(`/orders/${alicesOrder._id.$oid}`, server.serviceKey)).status, 200);
  });

  it('an id that is no id is 404', async () => {
    assert.equal((await server.get('/orders/not-an-id', alice)).status, 404);
    assert.equal((await server.put('/orders/123/items', { items: [] }, alice)).status, 404);
    assert.equal((await server.post('/orders/zzz/cancel', {}, alice)).status, 404);
  });
});

describe('PUT /orders/:id', () => {
  it('updates the note, addresses and delivery time, not the items', async () => {
    const { body: order } = await server.post('/orders', workedExample(), alice);
    const id = order._id.$oid;
    const response = await server.put(
      `/orders/${id}`,
      { note: 'Delivery before 4PM', delivery_time: 1700000000000, billing_address: { city: 'Bergen' } },
      alice,
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.note, 'Delivery before 4PM');
    assert.deepEqual(response.body.delivery_time, { $date: 1700000000000 });
    assert.deepEqual(response.body.billing_address, { city: 'Bergen' });
    assert.equal(response.body.total_amount, 87);
    assert.ok(response.body.modified.$date >= order.modified.$date);
    const items = await server.put(`/orders/${id}`, { items: [] }, alice);
    assert.equal(items.status, 400);
    assert.equal(items.body.field, 'items');
  });

  it('leaves the delivery status to an admin', async () => {
    const { body: order } = await server.post('/orders', workedExample(), alice);
    assert.equal((await server.put(`/orders/${order._id.$oid}`, { delivery_status: 'DONE' }, alice)).status, 403);
    const admin = await server.put(`/orders/${order._id.$oid}`, { delivery_status: 'processing' }, server.serviceKey);
    assert.equal(admin.body.delivery_status, 'PROCESSING');
    const bad = await server.put(`/orders/${order._id.$oid}`, { delivery_status: 'LOST' }, server.serviceKey);
    assert.equal(bad.status, 400);
  });
});

describe('PUT /orders/:id/items', () => {
  it('overwrites the items and re-totals', async () => {
    const { body: order } = await server.post('/orders', workedExample(), alice);
    const response = await server.put(
      `/orders/${order._id.$oid}/items`,
      { items: [{ product: p.half, quantity: 2 }] },
      alice,
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.items.length, 1);
    assert.equal(response.body.items[0].name, 'Half price');
    assert.match(response.text, /"total_amount":20\.00/);
    assert.equal(response.body.total_quantity, 2);
    assert.equal(response.body.units, 1);
  });

  it('refuses what POST refuses, leaving the order as it was', async () => {
    const { body: order } = await server.post('/orders', workedExample(), alice);
    const id = order._id.$oid;
    const mixed = await server.put(
      `/orders/${id}/items`,
      {
        items: [
          { product: p.A, quantity: 1 },
          { product: p.nok, quantity: 1 },
        ],
      },
      alice,
    );
    assert.equal(mixed.status, 400);
    assert.equal(mixed.body.message, 'An order can not have products with different currencies');
    const zero = await server.put(`/orders/${id}/items`, { items: [{ product: p.A, quantity: 0 }] }, alice);
    assert.equal(zero.body.field, 'items[0].quantity');
    const { body: same } = await server.get(`/orders/${id}`, alice);
    assert.equal(same.total_amount, 87);
    assert.equal(same.items.length, 2);
  });
});

describe('POST /orders/:id/cancel', () => {
  it('cancels an open order, which then can not be edited or cancelled again (409)', async () => {
    const { body: order } = await server.post('/orders', workedExample(), alice);
    const id = order._id.$oid;
    const response = await server.post(`/orders/${id}/cancel`, {}, alice);
    assert.equal(response.status, 200);
    assert.equal(response.body.order_status, 'CANCELLED');
    const edit = await server.put(`/orders/${id}`, { note: 'too late' }, alice);
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'order-cancelled');
    assert.equal(
      (await server.put(`/orders/${id}/items`, { items: [{ product: p.A, quantity: 1 }] }, alice)).status,
      409,
    );
    assert.equal((await server.post(`/orders/${id}/cancel`, {}, alice)).status, 409);
    assert.equal((await server.request('POST', `/orders/${id}/cancel`, { token: alice })).status, 409);
  });
});

describe('GET /orders and /orders/search', () => {
  let carol: string;
  const made: { id: string; human: string; created: number }[] = [];
  before(async () => {
    carol = await server.userToken('carol', 'carol@example.com');
    await server.post('/v2/users', { first_name: 'Carol', last_name: 'Danvers' }, carol);
    for (let i = 0; i < 12; i++) {
      const { body } = await server.post(
        '/orders',
        { items: [{ product: p.ten, quantity: i + 1 }], delivery_time: 1_800_000_000_000 + i * 86_400_000 },
        carol,
      );
      made.push({ id: body._id.$oid, human: body.human_id, created: body.created.$date });
    }
    await server.post(`/orders/${made[0]!.id}/cancel`, {}, carol);
  });

  it('pages by size and page (default 10, newest first) and says the total', async () => {
    const first = await server.get('/orders', carol);
    assert.equal(first.body.length, 10);
    assert.equal(first.headers.get('X-Total-Count'), '12');
    assert.equal(first.body[0]._id.$oid, made[11]!.id);
    const second = await server.get('/orders?size=10&page=1', carol);
    assert.equal(second.body.length, 2);
    const empty = await server.get('/orders?size=10&page=5', carol);
    assert.deepEqual(empty.body, []);
    assert.equal(empty.headers.get('X-Total-Count'), '12');
  });

  it('sorts', async () => {
    const byTotal = await server.get('/orders?sort=total_amount&size=3', carol);
    assert.deepEqual(
      byTotal.body.map((o: { total_amount: number }) => o.total_amount),
      [10, 20, 30],
    );
    const oldest = await server.get('/orders?sort=created&size=1', carol);
    assert.equal(oldest.body[0]._id.$oid, made[0]!.id);
    assert.equal((await server.get('/orders?sort=password', carol)).status, 400);
  });

  it('filters by order status, delivery status and dates', async () => {
    const cancelled = await server.get('/orders?order_status=CANCELLED', carol);
    assert.deepEqual(
      cancelled.body.map((o: { _id: { $oid: string } }) => o._id.$oid),
      [made[0]!.id],
    );
    assert.equal((await server.get('/orders?order_status=CANCELED', carol)).body.length, 1);
    assert.equal((await server.get('/orders?delivery_status=PENDING&size=100', carol)).body.length, 12);
    const delivered = await server.get(
      `/orders?date_filter=delivery&from_date=${1_800_000_000_000 + 2 * 86_400_000}&to_date=${1_800_000_000_000 + 4 * 86_400_000}`,
      carol,
    );
    assert.equal(delivered.body.length, 3);
    const created = await server.get(`/orders?from_date=${made[11]!.created + 1}`, carol);
    assert.deepEqual(created.body, []);
    assert.equal((await server.get('/orders?order_status=LOST', carol)).status, 400);
    assert.equal((await server.get('/orders?size=0', carol)).status, 400);
    assert.equal((await server.get('/orders?page=-1', carol)).status, 400);
    assert.equal((await server.get('/orders?from_date=yesterday', carol)).status, 400);
  });

  it('searches by human_id, _id and the user’s name', async () => {
    const byHuman = await server.get(`/orders/search?query=${made[3]!.human.toLowerCase()}`, carol);
    assert.deepEqual(
      byHuman.body.map((o: { _id: { $oid: string } }) => o._id.$oid),
      [made[3]!.id],
    );
    const byId = await server.get(`/orders/search?query=${made[4]!.id}`, carol);
    assert.deepEqual(
      byId.body.map((o: { _id: { $oid: string } }) => o._id.$oid),
      [made[4]!.id],
    );
    const byName = await server.get('/orders/search?query=danvers&size=100', server.serviceKey);
    assert.equal(byName.body.length, 12);
    assert.equal((await server.get('/orders/search', carol)).status, 400);
  });
});
