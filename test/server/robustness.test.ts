// "No client mistake produces a 500": random JSON bodies and query strings against every route, as a
// user and as an admin, must get an answer below 500 (and a JSON error with a message when refused).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addSubProducts, createProduct, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let user: string;
const ids: Record<string, string> = {};

before(async () => {
  server = await startTestServer();
  user = await server.userToken('fuzzer', 'fuzz@example.com');
  ids.product = await createProduct(server, { name: 'A', price: 10, currency: 'EUR' });
  ids.sub = await createProduct(server, { name: 'S', price: 1, currency: 'EUR', main_product: false });
  await addSubProducts(server, ids.product, [ids.sub]);
  ids.order = (await server.post('/orders', { items: [{ product: ids.product, quantity: 1 }] }, user)).body._id.$oid;
  ids.method = (
    await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, user)
  ).body._id.$oid;
  // A paid order, which an admin may return in part or in full.
  ids.paid = (
    await server.post('/orders', { items: [{ product: ids.product, quantity: 3, sub_products: [ids.sub] }] }, user)
  ).body._id.$oid;
  await server.post('/payments', { orders: [ids.paid], payment_method: ids.method }, user);
});
after(() => server.close());

/** JSON values biased towards what the routes read: their field names, ids, numbers at the edges. */
const id = fc
  .constantFrom(
    () => ids.product!,
    () => ids.sub!,
    () => ids.order!,
    () => ids.method!,
    () => ids.paid!,
  )
  .map((f) => f());
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e21,
    9999,
    10000,
    0.125,
    null,
    true,
    'EUR',
    'NOK',
    'XXX',
    'stripe',
    'tok_visa',
    '$oid',
    '',
  ),
  id,
);
const field = fc.constantFrom(
  'items',
  'product',
  'quantity',
  'sub_products',
  'discount',
  'orders',
  'payment_method',
  'token',
  'user',
  'name',
  'price',
  'currency',
  'vat',
  'tags',
  'media',
  'image',
  'add',
  'remove',
  'main_product',
  'note',
  'delivery_address',
  'delivery_time',
  'delivery_status',
  'resources',
  'email',
  'addresses',
  'billing_address',
  '$oid',
  'properties',
  'deleted',
);
const { value: json } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(field, fc.string()), tie('value'), { maxKeys: 5 }),
}));
const body = fc.oneof(fc.dictionary(field, json, { maxKeys: 6 }), json, fc.string());

const routes: [string, (id: string) => string][] = [
  ['POST', () => '/v2/users'],
  ['POST', () => '/products'],
  ['PUT', (x) => `/products/${x}`],
  ['PUT', (x) => `/products/${x}/sub_products`],
  ['POST', () => '/orders'],
  ['PUT', (x) => `/orders/${x}`],
  ['PUT', (x) => `/orders/${x}/items`],
  ['POST', (x) => `/orders/${x}/cancel`],
  ['POST', () => '/payment_methods'],
  ['POST', () => '/payments'],
  ['POST', () => '/demo/token'],
  ['POST', (x) => `/admin/reports/${x}/retry`],
];

describe('random input never gets a 500', () => {
  for (const [method, path] of routes) {
    it(`${method} ${path(':id')}`, async () => {
      await fc.assert(
        fc.asyncProperty(body, id, fc.boolean(), async (value, target, admin) => {
          const raw = typeof value === 'string' && value.length % 2 === 0 ? value : JSON.stringify(value);
          const response = await server.request(method, path(target), { raw, token: admin ? server.serviceKey : user });
          assert.ok(response.status < 500, `${response.status} ${response.text}`);
          if (response.status >= 400) assert.equal(typeof response.body?.message, 'string', response.text);
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
      );
    });
  }

  it('GET lists with random query strings', async () => {
    const names = fc.constantFrom(
      'size',
      'page',
      'sort',
      'from_date',
      'to_date',
      'date_filter',
      'all',
      'include_deleted',
      'query',
      'tags',
      'order_status',
      'delivery_status',
      'user',
      'order',
      'expand',
      'state',
    );
    const query = fc.dictionary(
      names,
      fc.oneof(
        fc.string(),
        fc.integer().map(String),
        fc.constantFrom('-price', 'name', '-created', 'true', 'CANCELED', '1e3', '-0'),
      ),
      { maxKeys: 5 },
    );
    const list = fc.constantFrom(
      '/products',
      '/products/search',
      '/products/tags',
      '/orders',
      '/orders/search',
      '/payments',
      '/payment_methods',
      '/admin/reports',
    );
    await fc.assert(
      fc.asyncProperty(list, query, fc.boolean(), async (path, q, admin) => {
        const response = await server.request('GET', `${path}?${new URLSearchParams(q)}`, {
          token: admin ? server.serviceKey : user,
        });
        assert.ok(response.status < 500, `${path}?${new URLSearchParams(q)}: ${response.status} ${response.text}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});
