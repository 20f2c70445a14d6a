import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { TEST_JWT_SECRET, createProduct, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const SHOP = 'https://shop.example';

before(async () => {
  server = await startTestServer({ demoAuth: true, corsOrigins: [SHOP, 'http://localhost:5173'] });
});
after(() => server.close());

const sign = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));

describe('X-Builton-Api-Key', () => {
  it('is needed on every API request (401 JSON without it)', async () => {
    for (const path of ['/products', '/orders', '/payment_methods']) {
      const response = await server.request('GET', path, { apiKey: null });
      assert.equal(response.status, 401, path);
      assert.equal(response.body.field, 'X-Builton-Api-Key');
      assert.equal(response.body.code, 'api-key-missing');
      assert.match(response.headers.get('Content-Type')!, /application\/json/);
    }
  });

  it('must be a key the server knows', async () => {
    const response = await server.request('GET', '/products', { apiKey: 'pk_live_someone_else' });
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'api-key-invalid');
  });

  it('is all that product reads need', async () => {
    assert.equal((await server.get('/products')).status, 200);
  });

  it('is not needed for the health check and the media', async () => {
    assert.equal((await server.request('GET', '/health', { apiKey: null })).status, 200);
    assert.equal((await server.request('GET', '/media/covers/casablanca.svg', { apiKey: null })).status, 200);
  });

  it('unknown routes are 404 JSON', async () => {
    const response = await server.get('/nowhere');
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'not-found');
  });
});

describe('user tokens (HS256 JWT)', () => {
  it('a valid token is a user', async () => {
    const token = await server.userToken('user-1', 'one@example.com');
    assert.equal((await server.get('/orders', token)).status, 200);
  });

  it('an expired token is 401 token-expired', async () => {
    const token = await server.userToken('user-1', undefined, { now: Date.now() - 3 * 60 * 60 * 1000, ttlSeconds: 60 });
    const response = await server.get('/orders', token);
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'token-expired');
    assert.equal(response.body.field, 'Authorization');
  });

  it('a token verified once is still refused once it expires', async () => {
    let clock = Date.now();
    const timed = await startTestServer({ now: () => clock });
    try {
      const token = await timed.userToken('user-1', undefined, { now: clock, ttlSeconds: 60 });
      assert.equal((await timed.get('/orders', token)).status, 200);
      clock += 61_000;
      const response = await timed.get('/orders', token);
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'token-expired');
    } finally {
      await timed.close();
    }
  });

  it('a verified token with another signature is 401 token-invalid', async () => {
    const token = await server.userToken('user-2');
    assert.equal((await server.get('/orders', token)).status, 200);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const response = await server.get('/orders', `${header}.${payload}.${flipped}`);
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'token-invalid');
  });

  it('a forged token (another secret, alg none, garbage) is 401 token-invalid', async () => {
    const forged = await sign({ sub: 'user-1' }, 'not-the-secret-not-the-secret-not-the-secret');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"user-1"}').toString('base64url')}.`;
    for (const token of [forged, none, 'garbage', 'a.b.c']) {
      const response = await server.get('/orders', token);
      assert.equal(response.status, 401, token);
      assert.equal(response.body.code, 'token-invalid');
    }
  });

  it('a token without a subject is 401', async () => {
    const response = await server.get('/orders', await sign({ email: 'x@example.com' }));
    assert.equal(response.status, 401);
  });

  it('a bad credential is refused even where none is needed', async () => {
    assert.equal((await server.get('/products', 'garbage')).status, 401);
    assert.equal((await server.request('GET', '/products', { headers: { Authorization: 'Basic abc' } })).status, 401);
  });
});

describe('the service key', () => {
  it('is admin: it may create products', async () => {
    const response = await server.post(
      '/products',
      { name: 'Admin DVD', price: 9.99, currency: 'EUR' },
      server.serviceKey,
    );
    assert.equal(response.status, 200);
  });

  it('admin routes give users 403 and anonymous callers 401', async () => {
    const user = await server.userToken('user-2');
    const id = await createProduct(server, { name: 'Guarded', price: 1, currency: 'EUR' });
    const attempts: [string, string, unknown][] = [
      ['POST', '/products', { name: 'Mine', price: 1, currency: 'EUR' }],
      ['PUT', `/products/${id}`, { price: 0 }],
      ['PUT', `/products/${id}/sub_products`, { add: [id] }],
    ];
    for (const [method, path, body] of attempts) {
      const asUser = await server.request(method, path, { token: user, body });
      assert.equal(asUser.status, 403, `${method} ${path}`);
      assert.equal(asUser.body.code, 'forbidden');
      assert.equal((await server.request(method, path, { body })).status, 401, `${method} ${path}`);
    }
    assert.equal((await server.get(`/products/${id}`)).body.price, 1);
  });
});

describe('POST /demo/token', () => {
  it('hands out a short-lived user token for an email when demo sign-in is on', async () => {
    const response = await server.post('/demo/token', { email: 'Dana@Example.com' });
    assert.equal(response.status, 200);
    const [, payload] = response.body.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    assert.equal(claims.email, 'dana@example.com');
    assert.ok(claims.exp - claims.iat <= 2 * 60 * 60);
    const user = await server.post('/v2/users', { first_name: 'Dana' }, response.body.token);
    assert.equal(user.status, 200);
    assert.equal(user.body.email, 'dana@example.com');
  });

  it('refuses a body without an email', async () => {
    assert.equal((await server.post('/demo/token', { email: 'not an email' })).status, 400);
    assert.equal((await server.post('/demo/token', {})).body.field, 'email');
  });

  it('does not exist when demo sign-in is off (the default)', async () => {
    const plain = await startTestServer();
    try {
      const response = await plain.post('/demo/token', { email: 'dana@example.com' });
      assert.equal(response.status, 404);
    } finally {
      await plain.close();
    }
  });
});

describe('CORS', () => {
  it('answers the preflight of a configured origin', async () => {
    const response = await fetch(`${server.url}/orders`, {
      method: 'OPTIONS',
      headers: {
        Origin: SHOP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,authorization,x-builton-api-key,idempotency-key',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), SHOP);
    const allowed = response.headers.get('Access-Control-Allow-Headers')!.toLowerCase();
    for (const header of ['content-type', 'authorization', 'x-builton-api-key', 'idempotency-key'])
      assert.ok(allowed.includes(header), header);
    assert.match(response.headers.get('Access-Control-Allow-Methods')!, /PUT/);
  });

  it('marks answers (errors too) for a configured origin and exposes X-Total-Count', async () => {
    const ok = await server.request('GET', '/products', { headers: { Origin: SHOP } });
    assert.equal(ok.headers.get('Access-Control-Allow-Origin'), SHOP);
    assert.match(ok.headers.get('Access-Control-Expose-Headers')!, /X-Total-Count/i);
    const refused = await server.request('GET', '/products', { apiKey: null, headers: { Origin: SHOP } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), SHOP);
  });

  it('allows DELETE and the SDK’s header spelling, and exposes both paging headers', async () => {
    const preflight = await fetch(`${server.url}/coupons/5a2948b0d57ba22d228b1767`, {
      method: 'OPTIONS',
      headers: {
        Origin: SHOP,
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'X-Builton-API-Key,Authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('Access-Control-Allow-Methods')!, /DELETE/);
    assert.match(preflight.headers.get('Access-Control-Allow-Headers')!, /x-builton-api-key/i);
    const list = await server.request('GET', '/products', { headers: { Origin: SHOP } });
    assert.match(list.headers.get('Access-Control-Expose-Headers')!, /X-Pagination-Total/i);
    assert.equal(list.headers.get('X-Pagination-Total'), list.headers.get('X-Total-Count'));
    const sdkSpelling = await fetch(`${server.url}/products`, { headers: { 'X-Builton-API-Key': server.apiKey } });
    assert.equal(sdkSpelling.status, 200);
  });

  it('does not allow other origins', async () => {
    const response = await fetch(`${server.url}/orders`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
  });
});
