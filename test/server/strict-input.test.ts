// The one body reader (server/http/body.ts): content types, UTF-8, lone surrogates, duplicate keys and
// NUL are refused on every JSON route, saying what and where, and nothing is written; raw routes keep
// the bytes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import type { AppEnv } from '../../server/context.ts';
import { jsonBody, rawBody, readRequestBody } from '../../server/http/body.ts';
import { HttpError } from '../../server/http/errors.ts';
import { invalidUtf8At, parseStrictJson } from '../../server/http/strict-json.ts';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let alice: string;
let product: string;
let order: string;

before(async () => {
  server = await startTestServer();
  alice = await server.userToken('alice', 'alice@example.com');
  product = await createProduct(server, { name: 'A', price: 10, currency: 'EUR', tags: ['drama'] });
  order = (await server.post('/orders', { items: [{ product, quantity: 1 }] }, alice)).body._id.$oid;
  await server.post('/v2/users', { first_name: 'Alice' }, alice);
});
after(() => server.close());

/** A request with the body as given, bytes and all, and exactly the headers given (no Content-Type added). */
async function send(
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string>,
) {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'X-Builton-Api-Key': server.apiKey, Authorization: `Bearer ${alice}`, ...headers },
    // Bytes, so that fetch adds no Content-Type of its own (it would call a string text/plain).
    body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BodyInit | undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Everything a refused request could have changed, to show that nothing was. */
async function snapshot(): Promise<string> {
  const parts = await Promise.all([
    server.get('/orders?size=500', server.serviceKey),
    server.get('/products?size=500&all=true', server.serviceKey),
    server.get('/users/me', alice),
  ]);
  return parts.map((r) => r.text.replace(/"modified":\{"\$date":\d+\}/g, '')).join('\n');
}

describe('a lone UTF-16 surrogate is refused where JSON is stored, naming the field', () => {
  // Each was a 500 (PostgreSQL's JSONB refuses \ud800); a text column stored U+FFFD instead.
  const cases: [string, string, () => string, string][] = [
    [
      'POST',
      '/orders',
      () => `{"items":[{"product":"${product}","quantity":1}],"delivery_address":{"city":"\\ud800"}}`,
      'delivery_address.city',
    ],
    ['PUT', '/orders/:order', () => '{"billing_address":{"lines":["x","\\udc00y"]}}', 'billing_address.lines[1]'],
    ['PUT', '/orders/:order', () => '{"resources":[{"a":"\\ud800"}]}', 'resources[0].a'],
    ['PUT', '/orders/:order', () => '{"note":"a\\ud83d"}', 'note'],
    ['POST', '/v2/users', () => '{"tags":["ok","\\ud800"]}', 'tags[1]'],
    ['POST', '/v2/users', () => '{"addresses":[{"\\ud800":"x"}]}', 'addresses[0]'],
    [
      'POST',
      '/products',
      () => '{"name":"P","price":1,"currency":"EUR","properties":{"year":"\\udfff"}}',
      'properties.year',
    ],
    ['PUT', '/products/:product', () => '{"tags":["\\ud800"]}', 'tags[0]'],
  ];
  for (const [method, path, body, field] of cases) {
    it(`${method} ${path}: ${field}`, async () => {
      const before = await snapshot();
      const admin = path.startsWith('/products');
      const response = await server.request(method, path.replace(':order', order).replace(':product', product), {
        raw: body(),
        token: admin ? server.serviceKey : alice,
      });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, 'text-invalid');
      assert.equal(response.body.field, field);
      assert.match(response.body.message, /surrogate/);
      assert.equal(await snapshot(), before);
    });
  }

  it('a surrogate pair (an emoji) is text, and stored as sent', async () => {
    const response = await server.request('PUT', `/orders/${order}`, {
      raw: '{"note":"\\ud83c\\udf7f"}',
      token: alice,
    });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.note, '🍿');
  });
});

describe('invalid UTF-8 is refused, not stored as U+FFFD', () => {
  for (const [name, bytes] of [
    ['a stray continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['Latin-1 text', [0x4f, 0x73, 0x6c, 0xf8]],
  ] as const) {
    it(name, async () => {
      const before = await snapshot();
      const prefix = new TextEncoder().encode('{"note":"');
      const body = new Uint8Array([...prefix, ...bytes, ...new TextEncoder().encode('"}')]);
      const response = await send('PUT', `/orders/${order}`, body, JSON_TYPE);
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, 'encoding-invalid');
      assert.equal(response.body.field, 'body');
      assert.match(response.body.message, new RegExp(`byte ${prefix.length + (bytes[0] === 0x4f ? 3 : 0)}\\b`));
      assert.equal(await snapshot(), before);
    });
  }

  it('finds the first bad byte', () => {
    assert.equal(invalidUtf8At(new TextEncoder().encode('Ørsted 🍿 日本')), -1);
    assert.equal(invalidUtf8At(new Uint8Array([0x61, 0xf4, 0x90, 0x80, 0x80])), 1); // above U+10FFFF
    assert.equal(invalidUtf8At(new Uint8Array([0x61, 0x62, 0xff])), 2);
  });
});

describe('a body must be application/json', () => {
  const body = JSON.stringify({ items: [{ product: '', quantity: 1 }] });
  for (const [name, headers] of [
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['text/plain; charset=UTF-8', { 'Content-Type': 'text/plain; charset=UTF-8' }],
    ['form-encoded', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['JSON in Latin-1', { 'Content-Type': 'application/json; charset=iso-8859-1' }],
    ['no Content-Type at all', {}],
  ] as const) {
    it(`${name} is 415`, async () => {
      const before = await snapshot();
      const valid = body.replace('""', JSON.stringify(product));
      const response = await send('POST', '/orders', valid, headers);
      assert.equal(response.status, 415, response.text);
      assert.equal(response.body.code, 'content-type-unsupported');
      assert.equal(response.body.field, 'Content-Type');
      assert.equal(await snapshot(), before);
    });
  }

  it('application/json with charset=UTF-8, in any case, is read', async () => {
    const valid = JSON.stringify({ items: [{ product, quantity: 2 }] });
    const response = await send('POST', '/orders', valid, { 'Content-Type': 'Application/JSON; Charset="UTF-8"' });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.total_quantity, 2);
  });

  it('an empty body needs no Content-Type (the SDK cancels with none)', async () => {
    const made = await server.post('/orders', { items: [{ product, quantity: 1 }] }, alice);
    const response = await send('POST', `/orders/${made.body._id.$oid}/cancel`, undefined, {});
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.order_status, 'CANCELLED');
  });
});

describe('a member given twice is refused, not "the last one wins"', () => {
  it('"quantity": 1, "quantity": 9999 orders nothing', async () => {
    const before = await snapshot();
    const raw = `{"items":[{"product":"${product}","quantity":1,"quantity":9999}]}`;
    const response = await server.request('POST', '/orders', { raw, token: alice });
    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'json-duplicate-key');
    assert.equal(response.body.field, 'items[0].quantity');
    assert.equal(await snapshot(), before);
  });

  it('also when spelled with escapes, at the top level, on every route', async () => {
    for (const [method, path, raw, field] of [
      ['PUT', `/orders/${order}`, '{"note":"a","n\\u006fte":"b"}', 'note'],
      ['POST', '/v2/users', '{"first_name":"A","first_name":"B"}', 'first_name'],
      ['POST', '/v1/shops/29/orders', '{"line_items":[],"line_items":[]}', 'line_items'],
      ['POST', '/payments', '{"orders":[],"orders":[]}', 'orders'],
    ] as const) {
      const response = await server.request(method, path, { raw, token: alice });
      assert.equal(response.status, 400, `${path}: ${response.text}`);
      assert.equal(response.body.code, 'json-duplicate-key');
      assert.equal(response.body.field, field);
    }
  });

  it('equal keys in different objects are fine', () => {
    assert.deepEqual(parseStrictJson('{"a":{"a":1},"b":[{"a":2},{"a":3}]}'), { a: { a: 1 }, b: [{ a: 2 }, { a: 3 }] });
  });
});

describe('NUL is refused at its field', () => {
  it('in a value and in a member name', () => {
    const fails = (text: string, field: string) =>
      assert.throws(
        () => parseStrictJson(text),
        (e) => e instanceof HttpError && e.code === 'text-invalid' && e.field === field,
      );
    fails('{"a":[{"b":"x\\u0000"}]}', 'a[0].b');
    fails('{"a":{"\\u0000":1}}', 'a');
    // An escaped backslash followed by "u0000" is text, not NUL.
    assert.deepEqual(parseStrictJson('{"a":"\\\\u0000"}'), { a: '\\u0000' });
  });
});

describe('routes that read the raw body', () => {
  it('get the bytes as sent, unparsed, whatever their type', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      await readRequestBody(c);
      await next();
    });
    app.post('/webhooks/test', (c) => c.json({ bytes: [...rawBody(c)] }));
    app.post('/json', (c) => c.json(jsonBody(c)));
    app.onError((e, c) => c.json({ code: (e as HttpError).code }, (e as HttpError).status as 400));
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]);
    const raw = await app.request('/webhooks/test', {
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': 'text/plain' },
    });
    assert.deepEqual((await raw.json()).bytes, [...bytes]);
    const strict = await app.request('/json', { method: 'POST', body: bytes, headers: JSON_TYPE });
    assert.equal(strict.status, 400);
  });
});
