import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHttp, IDEMPOTENCY_IN_FLIGHT, MESSAGES, uuid } from '../../src/api/http.ts';
import { createBuiltOnClient } from '../../src/api/index.ts';
import type { BuiltOnClientOptions } from '../../src/api/types.ts';
import { failure, fakeFetch, json, networkDown, type Reply } from './fake-fetch.ts';

function setup(replies: Reply[], options: Partial<BuiltOnClientOptions> = {}) {
  const fetch = fakeFetch(...replies);
  const base: BuiltOnClientOptions = { baseUrl: 'https://api.test/', apiKey: 'key-1', fetch, backoff: 0, ...options };
  return { fetch, http: createHttp(base), client: createBuiltOnClient(base) };
}

describe('http: requests', () => {
  it('joins the base URL and path, and sends the API key and JSON content type', async () => {
    const { fetch, http } = setup([json({})]);
    await http({ method: 'GET', path: '/products' });
    const [call] = fetch.calls;
    assert.equal(call!.url.href, 'https://api.test/products');
    assert.equal(call!.headers.get('X-Builton-Api-Key'), 'key-1');
    assert.equal(call!.headers.get('Content-Type'), 'application/json');
  });

  it('keeps a path prefix in the base URL', async () => {
    const { fetch, http } = setup([json({})], { baseUrl: 'https://shop.test/api/builton' });
    await http({ method: 'GET', path: '/orders/1' });
    assert.equal(fetch.calls[0]!.url.href, 'https://shop.test/api/builton/orders/1');
  });

  it('sends no Authorization header without a token', async () => {
    const { fetch, http } = setup([json({})], { getToken: () => null });
    await http({ method: 'GET', path: '/products' });
    assert.equal(fetch.calls[0]!.headers.get('Authorization'), null);
  });

  it('sends the bearer token getToken gives, sync or async', async () => {
    const sync = setup([json({})], { getToken: () => 'jwt-1' });
    await sync.http({ method: 'GET', path: '/orders/1' });
    assert.equal(sync.fetch.calls[0]!.headers.get('Authorization'), 'Bearer jwt-1');
    const later = setup([json({})], { getToken: async () => 'jwt-2' });
    await later.http({ method: 'GET', path: '/orders/1' });
    assert.equal(later.fetch.calls[0]!.headers.get('Authorization'), 'Bearer jwt-2');
  });

  it('writes the query string, leaving out undefined values', async () => {
    const { fetch, http } = setup([json([])]);
    await http({
      method: 'GET',
      path: '/products/search',
      query: { query: 'die hard & co', page: 2, size: undefined },
    });
    const { url } = fetch.calls[0]!;
    assert.equal(url.searchParams.get('query'), 'die hard & co');
    assert.equal(url.searchParams.get('page'), '2');
    assert.equal(url.searchParams.has('size'), false);
  });

  it('sends a JSON body and reads a JSON answer', async () => {
    const { fetch, http } = setup([json({ ok: true }, 201)]);
    const response = await http({ method: 'POST', path: '/orders', body: { items: [] } });
    assert.deepEqual(fetch.calls[0]!.body, { items: [] });
    assert.equal(response.status, 201);
    assert.deepEqual(response.data, { ok: true });
  });

  it('reads an empty answer as null', async () => {
    const { http } = setup([new Response(null, { status: 204 })]);
    assert.equal((await http({ method: 'POST', path: '/x' })).data, null);
  });

  it('puts a fresh UUID Idempotency-Key on every POST and PUT, and none on GET', async () => {
    const { fetch, http } = setup([json({})]);
    await http({ method: 'POST', path: '/orders', body: {} });
    await http({ method: 'POST', path: '/orders', body: {} });
    await http({ method: 'PUT', path: '/orders/1/items', body: {} });
    await http({ method: 'GET', path: '/orders/1' });
    const keys = fetch.calls.map((c) => c.headers.get('Idempotency-Key'));
    assert.match(keys[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(keys[0], keys[1]);
    assert.ok(keys[2]);
    assert.equal(keys[3], null);
  });

  it('uses the caller-given idempotency key', async () => {
    const { fetch, client } = setup([json({ _id: 'pm1', method: 'stripe' })]);
    await client.createPaymentMethod('tok_visa', { idempotencyKey: 'order-7-pay-1' });
    assert.equal(fetch.calls[0]!.headers.get('Idempotency-Key'), 'order-7-pay-1');
  });

  it('makes v4 UUIDs without randomUUID (plain-http pages)', () => {
    const own = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const a = uuid();
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(a, uuid());
    } finally {
      // Put back what was there: an own property, or none (the method lives on Crypto's prototype).
      if (own) Object.defineProperty(crypto, 'randomUUID', own);
      else delete (crypto as Partial<Crypto>).randomUUID;
    }
  });
});

describe('http: errors', () => {
  it('maps a JSON error to its message and field', async () => {
    const { http } = setup([
      json({ message: 'An order can not have products with different currencies', field: 'currency' }, 400),
    ]);
    const error = await failure(http({ method: 'POST', path: '/orders', body: {} }));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 400);
    assert.equal(error.message, 'An order can not have products with different currencies');
    assert.equal(error.field, 'currency');
  });

  it('reads an error nested under "error" too', async () => {
    const { http } = setup([json({ error: { message: 'No such order', code: 'not_found' } }, 404)]);
    const error = await failure(http({ method: 'GET', path: '/orders/x' }));
    assert.equal(error.message, 'No such order');
    assert.equal(error.code, 'not_found');
  });

  it('maps a 402 decline with its decline_code', async () => {
    const body = { message: 'Your card was declined.', code: 'card_declined', decline_code: 'insufficient_funds' };
    const { http } = setup([json(body, 402)]);
    const error = await failure(http({ method: 'POST', path: '/payments', body: {} }));
    assert.equal(error.status, 402);
    assert.equal(error.code, 'card_declined');
    assert.equal(error.declineCode, 'insufficient_funds');
    assert.equal(error.message, 'Your card was declined.');
  });

  it('explains a non-JSON 500 in a sentence for the customer', async () => {
    const { http } = setup([new Response('<html>Bad gateway</html>', { status: 500 })], { retries: 0 });
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 500);
    assert.equal(error.message, 'The shop had a problem. Please try again in a moment.');
  });

  it('gives known statuses without a message their own sentence', async () => {
    const { http } = setup([json({}, 401)]);
    assert.equal(
      (await failure(http({ method: 'GET', path: '/orders/1' }))).message,
      'Please sign in again to continue.',
    );
  });

  it('turns a network TypeError into kind network, status 0', async () => {
    const { http } = setup([networkDown()], { retries: 0 });
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.kind, 'network');
    assert.equal(error.status, 0);
    assert.equal(error.message, MESSAGES.network);
    assert.ok(error.cause instanceof TypeError);
  });

  it('turns a success that is not JSON into kind invalid-response', async () => {
    const { http } = setup([new Response('<html></html>', { status: 200 })]);
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.status, 200);
  });

  it('times out an attempt that hangs', async () => {
    const { fetch, http } = setup(['hang'], { timeout: 20, retries: 0 });
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.message, MESSAGES.timeout);
    assert.equal(fetch.calls.length, 1);
  });

  it('retries a timed-out GET and succeeds', async () => {
    const { fetch, http } = setup(['hang', json({ ok: 1 })], { timeout: 20 });
    assert.deepEqual((await http({ method: 'GET', path: '/products' })).data, { ok: 1 });
    assert.equal(fetch.calls.length, 2);
  });

  it('is kind aborted when the caller aborts, and is not retried', async () => {
    const { fetch, http } = setup(['hang'], { retries: 3 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const error = await failure(http({ method: 'GET', path: '/products', signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
    assert.equal(fetch.calls.length, 1);
  });

  it('does not even call fetch for an already-aborted signal', async () => {
    const { fetch, http } = setup([json({})]);
    const error = await failure(http({ method: 'GET', path: '/x', signal: AbortSignal.abort() }));
    assert.equal(error.kind, 'aborted');
    assert.equal(fetch.calls.length, 0);
  });

  it('stops waiting between retries when the caller aborts', async () => {
    const { fetch, http } = setup([json({}, 503)], { backoff: 10_000, retries: 3 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    const error = await failure(http({ method: 'GET', path: '/x', signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
    assert.equal(fetch.calls.length, 1);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('http: retries', () => {
  it('retries a GET on network errors and 5xx, then succeeds', async () => {
    const { fetch, http } = setup([networkDown(), json({}, 503), json([1])]);
    assert.deepEqual((await http({ method: 'GET', path: '/products' })).data, [1]);
    assert.equal(fetch.calls.length, 3);
  });

  it('gives up after `retries` extra attempts with the last error', async () => {
    const { fetch, http } = setup([json({ message: 'down' }, 500)], { retries: 2 });
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.message, 'down');
    assert.equal(fetch.calls.length, 3);
  });

  it('does not retry a GET on 4xx', async () => {
    const { fetch, http } = setup([json({}, 404)]);
    await failure(http({ method: 'GET', path: '/products/x' }));
    assert.equal(fetch.calls.length, 1);
  });

  it('retries a 429, waiting out a small Retry-After', async () => {
    const { fetch, http } = setup([json({}, 429, { 'Retry-After': '0.05' }), json({ ok: 1 })]);
    const started = Date.now();
    await http({ method: 'GET', path: '/products' });
    assert.equal(fetch.calls.length, 2);
    assert.ok(Date.now() - started >= 45);
  });

  it('does not wait out a long Retry-After: the customer is told instead', async () => {
    const { fetch, http } = setup([json({}, 429, { 'Retry-After': '120' })]);
    const error = await failure(http({ method: 'GET', path: '/products' }));
    assert.equal(error.status, 429);
    assert.equal(error.message, 'The shop is busy right now. Please try again in a moment.');
    assert.equal(fetch.calls.length, 1);
  });

  it('backs off exponentially between attempts', async () => {
    const times: number[] = [];
    const { http } = setup(
      [
        () => (times.push(Date.now()), json({}, 503)),
        () => (times.push(Date.now()), json({}, 503)),
        () => (times.push(Date.now()), json({})),
      ],
      { backoff: 40 },
    );
    await http({ method: 'GET', path: '/x' });
    // Jitter keeps each wait between half and all of 40 ms, then of 80 ms.
    assert.ok(times[1]! - times[0]! >= 19, `first wait ${times[1]! - times[0]!}`);
    assert.ok(times[2]! - times[1]! >= 39, `second wait ${times[2]! - times[1]!}`);
  });

  it('does not retry a POST on 400 or 500', async () => {
    for (const status of [400, 500]) {
      const { fetch, http } = setup([json({}, status), json({})]);
      await failure(http({ method: 'POST', path: '/payments', body: {} }));
      assert.equal(fetch.calls.length, 1, `status ${status}`);
    }
  });

  it('retries a POST on a network error, timeout and 502/503/504 with the same Idempotency-Key', async () => {
    const { fetch, http } = setup(
      [networkDown(), 'hang', json({}, 502), json({}, 503), json({}, 504), json({ ok: 1 })],
      {
        retries: 5,
        timeout: 20,
      },
    );
    await http({ method: 'POST', path: '/payments', body: { orders: ['o1'] } });
    assert.equal(fetch.calls.length, 6);
    const keys = new Set(fetch.calls.map((c) => c.headers.get('Idempotency-Key')));
    assert.equal(keys.size, 1);
    assert.ok([...keys][0]);
    assert.ok(fetch.calls.every((c) => JSON.stringify(c.body) === '{"orders":["o1"]}'));
  });

  it('keeps a caller-given key across retries', async () => {
    const { fetch, client } = setup([networkDown(), json({ _id: 'pm1' })]);
    await client.createPaymentMethod('tok_visa', { idempotencyKey: 'k-42' });
    assert.deepEqual(
      fetch.calls.map((c) => c.headers.get('Idempotency-Key')),
      ['k-42', 'k-42'],
    );
  });

  it('retries a POST on the 409 that says its key is still in flight, not on other 409s', async () => {
    const inFlight = setup([json({ message: 'in progress', code: IDEMPOTENCY_IN_FLIGHT }, 409), json({ ok: 1 })]);
    await inFlight.http({ method: 'POST', path: '/payments', body: {} });
    assert.equal(inFlight.fetch.calls.length, 2);
    const exhausted = setup(
      [json({ message: 'A request with this Idempotency-Key is being handled', code: IDEMPOTENCY_IN_FLIGHT }, 409)],
      { retries: 1 },
    );
    const stillBusy = await failure(exhausted.http({ method: 'POST', path: '/payments', body: {} }));
    assert.equal(exhausted.fetch.calls.length, 2);
    assert.equal(stillBusy.message, 'This request is already being handled. Please wait a moment and try again.');
    const other = setup([json({ message: 'Order already paid', code: 'order_paid' }, 409)]);
    const error = await failure(other.http({ method: 'POST', path: '/payments', body: {} }));
    assert.equal(error.message, 'Order already paid');
    assert.equal(other.fetch.calls.length, 1);
  });

  it('does not retry at all with retries: 0', async () => {
    const { fetch, http } = setup([networkDown()], { retries: 0 });
    await failure(http({ method: 'GET', path: '/x' }));
    assert.equal(fetch.calls.length, 1);
  });
});
