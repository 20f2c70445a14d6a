import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const john = {
  first_name: 'John',
  last_name: 'McClane',
  email: 'diehardlover@email.com',
  mobile_phone_number: '+4712345678',
  addresses: [
    {
      city: 'Danielsen',
      service: 'google',
      alias: '',
      country: 'Paraguay',
      zip_code: '0556',
      state: 'Oslo',
      street_name: 'Streetname 7',
    },
  ],
};

describe('POST /v2/users', () => {
  it('creates the user of the JWT with the body’s fields, as seed 000 shows', async () => {
    const token = await server.userToken('auth0|john', 'john@token.example');
    const response = await server.post('/v2/users', john, token);
    assert.equal(response.status, 200, response.text);
    const user = response.body;
    assert.equal(user.new_customer, true);
    assert.equal(user.first_name, 'John');
    assert.equal(user.last_name, 'McClane');
    assert.equal(user.email, 'diehardlover@email.com');
    assert.equal(user.mobile_phone_number, '+4712345678');
    assert.deepEqual(user.addresses, john.addresses);
    assert.deepEqual(user.roles, ['user']);
    assert.equal(user._cls, 'User');
    assert.equal(user.auth0_id, 'auth0|john');
    assert.equal(user.deleted, false);
    assert.match(user._id.$oid, /^[0-9a-f]{24}$/);
    assert.match(user.company.$oid, /^[0-9a-f]{24}$/);
    for (const key of ['created', 'modified', 'last_login']) assert.equal(typeof user[key].$date, 'number', key);
  });

  it('logs the same user in the next time, updating only the fields given', async () => {
    const token = await server.userToken('auth0|holly');
    const first = await server.post('/v2/users', { first_name: 'Holly', last_name: 'Gennero', note: 'VIP' }, token);
    const second = await server.post('/v2/users', { last_name: 'McClane' }, token);
    assert.equal(second.status, 200);
    assert.equal(second.body.new_customer, false);
    assert.equal(second.body._id.$oid, first.body._id.$oid);
    assert.equal(second.body.first_name, 'Holly');
    assert.equal(second.body.last_name, 'McClane');
    assert.equal(second.body.note, 'VIP');
    assert.ok(second.body.last_login.$date >= first.body.last_login.$date);
  });

  it('takes the email from the token when the body has none', async () => {
    const token = await server.userToken('auth0|argyle', 'argyle@limo.example');
    const response = await server.post('/v2/users', {}, token);
    assert.equal(response.body.email, 'argyle@limo.example');
    assert.equal(response.body.new_customer, true);
  });

  it('a user who ordered before signing in is still a new customer at the first log-in', async () => {
    const token = await server.userToken('auth0|early');
    await server.get('/payment_methods', token);
    await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, token);
    assert.equal((await server.post('/v2/users', {}, token)).body.new_customer, true);
    assert.equal((await server.post('/v2/users', {}, token)).body.new_customer, false);
  });

  it('refuses wrong types with 400 and the field, changing nothing', async () => {
    const token = await server.userToken('auth0|typed');
    await server.post('/v2/users', { first_name: 'Typed' }, token);
    const cases: [Record<string, unknown>, string][] = [
      [{ first_name: 7 }, 'first_name'],
      [{ addresses: 'Oslo' }, 'addresses'],
      [{ addresses: ['Oslo'] }, 'addresses'],
      [{ billing_address: [] }, 'billing_address'],
      [{ tags: [1, 2] }, 'tags[0]'],
      [{ first_name: 'Changed', email: { at: 'x' } }, 'email'],
    ];
    for (const [body, field] of cases) {
      const response = await server.post('/v2/users', body, token);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.field, field);
    }
    assert.equal((await server.post('/v2/users', {}, token)).body.first_name, 'Typed');
  });

  it('needs a user token: none is 401, the service key 403', async () => {
    assert.equal((await server.post('/v2/users', john)).status, 401);
    assert.equal((await server.post('/v2/users', john, server.serviceKey)).status, 403);
  });
});
