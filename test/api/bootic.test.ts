import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBooticClient } from '../../src/api/bootic.ts';
import { isApiError } from '../../src/api/http.ts';
import { fakeFetch, json } from './fake-fetch.ts';

// The 201 body of Bootic's create_order documentation, trimmed to the fields the widget reads.
const CREATED = {
  _links: {
    self: { href: 'https://api.bootic.net/v1/shops/10/orders/R1C3964' },
    'btc:web_cart': { href: 'http://www.acme.com/cart/R1C3964', type: 'text/html' },
    'btc:web_checkout': { href: 'https://checkout.bootic.net/orders/R1C3964', type: 'text/html' },
  },
  id: 583085,
  shop_id: 29,
  code: 'R1C3964',
  status: 'checkout',
  net_total: 29990,
  total: 33704,
  shipping_total: 3714,
  discount_total: 100,
  _embedded: {
    line_items: [
      {
        product_title: '130924 Tinto',
        variant_title: '39',
        unit_price: 29990,
        units: 3,
        total: 89870,
        variant_id: 1234,
      },
    ],
  },
};

// The 422 body of the same documentation.
const UNPROCESSABLE = {
  _class: ['errors'],
  _embedded: {
    errors: [{ _class: ['error'], field: 'variant.id', messages: ['Variant 32222 does not exist in this shop'] }],
  },
};

const client = (fetch: ReturnType<typeof fakeFetch>) =>
  createBooticClient({ baseUrl: 'https://shop.test/api', apiKey: 'pk', shopId: '29', fetch, backoff: 0 });

describe('Bootic create_order client', () => {
  it('posts line items, contact and address to the shop path with an Idempotency-Key', async () => {
    const fetch = fakeFetch(json(CREATED, 201));
    const input = {
      line_items: [
        { variant_id: 1234, units: 3 },
        { variant_id: 3222, units: 1 },
      ],
      contact: { email: 'joe@bloggs.com', name: 'Joe Bloggs', phone_number: '12322222222' },
      address: { id: 35666 },
    };
    await client(fetch).createOrder(input, { idempotencyKey: 'key-1' });
    const [call] = fetch.calls;
    assert.equal(call!.method, 'POST');
    assert.equal(call!.url.href, 'https://shop.test/api/v1/shops/29/orders');
    assert.deepEqual(call!.body, input);
    assert.equal(call!.headers.get('Idempotency-Key'), 'key-1');
  });

  it('reads the 201: code, integer totals (CLP has no decimals) and the web checkout link', async () => {
    const order = await client(fakeFetch(json(CREATED, 201))).createOrder({
      line_items: [{ variant_id: 1234, units: 3 }],
    });
    assert.equal(order.code, 'R1C3964');
    assert.equal(order.total, 33704);
    assert.equal(order.netTotal, 29990);
    assert.equal(order.shippingTotal, 3714);
    assert.equal(order.webCheckout, 'https://checkout.bootic.net/orders/R1C3964');
    assert.equal(order.webCart, 'http://www.acme.com/cart/R1C3964');
    assert.deepEqual(order.lineItems[0], {
      variantId: 1234,
      title: '130924 Tinto · 39',
      units: 3,
      unitPrice: 29990,
      total: 89870,
    });
  });

  it('turns a 422 into an ApiError listing every field message', async () => {
    const twoErrors = {
      _embedded: {
        errors: [
          { field: 'contact.name', messages: ['is required for a new contact'] },
          { field: 'contact.phone_number', messages: ['is required for a new contact', 'is too short'] },
        ],
      },
    };
    for (const [body, expected] of [
      [UNPROCESSABLE, [{ field: 'variant.id', message: 'Variant 32222 does not exist in this shop' }]],
      [
        twoErrors,
        [
          { field: 'contact.name', message: 'is required for a new contact' },
          { field: 'contact.phone_number', message: 'is required for a new contact' },
          { field: 'contact.phone_number', message: 'is too short' },
        ],
      ],
    ] as const) {
      await assert.rejects(client(fakeFetch(json(body, 422))).createOrder({ line_items: [] }), (error) => {
        assert.ok(isApiError(error, 'http'));
        assert.equal(error.status, 422);
        assert.deepEqual(error.errors, expected);
        assert.equal(error.field, expected[0].field);
        assert.equal(error.message, expected[0].message);
        return true;
      });
    }
  });

  it('refuses a 201 that is not an order', async () => {
    await assert.rejects(client(fakeFetch(json({ hello: 'world' }, 201))).createOrder({ line_items: [] }), (error) =>
      isApiError(error, 'invalid-response'),
    );
  });
});
