// The payment endpoints BuiltOn's SDK calls beside create (issue 12's payment rows): a payment method read
// and deleted, payments searched and paid again, lists paged with both total headers; Idempotency-Key on
// PUT /payment_methods/:id and /confirm, parsed rather than compared as bytes; the admin list by state;
// and the test authentication page itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { actionUrl, authenticate } from '../support/authentication.ts';

let server: TestServer;
let product: string;

before(async () => {
  server = await startTestServer();
  product = await createProduct(server, { name: 'Notorious', price: 12, currency: 'EUR' });
});
after(() => server.close());

let n = 0;
async function customer() {
  n++;
  return checkout(server, await server.userToken(`api-${n}`, `api-${n}@example.com`));
}

describe('payment methods: read, delete, list', () => {
  it('GET /payment_methods/:id answers the caller’s own; DELETE answers it deleted and inactive', async () => {
    const shop = await customer();
    const stranger = await customer();
    const id = await shop.card('pm_card_visa');
    const got = await shop.call('GET', `/payment_methods/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.card.last4, '4242');
    assert.equal((await stranger.call('GET', `/payment_methods/${id}`)).status, 404);
    assert.equal((await stranger.call('DELETE', `/payment_methods/${id}`)).status, 404);
    assert.equal((await server.get(`/payment_methods/${id}`, server.serviceKey)).status, 200);
    const deleted = await shop.call('DELETE', `/payment_methods/${id}`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(deleted.body.deleted, true);
    assert.equal(deleted.body.active, false);
    assert.equal(deleted.body._cls, 'PaymentMethod.StripePaymentMethod');
    assert.deepEqual((await shop.call('GET', '/payment_methods')).body, []);
    const order = await shop.order(product);
    const refused = await shop.pay([order], id);
    assert.equal(refused.status, 404);
    assert.equal(refused.body.field, 'payment_method');
  });

  it('lists page with page and size, and send X-Total-Count and X-Pagination-Total', async () => {
    const shop = await customer();
    const ids = [];
    for (const tok of ['tok_visa', 'tok_amex', 'tok_mastercard']) ids.push(await shop.card(tok));
    const first = await shop.call('GET', '/payment_methods?size=2&page=0');
    assert.deepEqual(
      first.body.map((m: { _id: { $oid: string } }) => m._id.$oid),
      ids.slice(0, 2),
    );
    assert.equal(first.headers.get('X-Total-Count'), '3');
    assert.equal(first.headers.get('X-Pagination-Total'), '3');
    const last = await shop.call('GET', '/payment_methods?size=2&page=1');
    assert.deepEqual(
      last.body.map((m: { _id: { $oid: string } }) => m._id.$oid),
      ids.slice(2),
    );
    const beyond = await shop.call('GET', '/payment_methods?size=2&page=5');
    assert.deepEqual(beyond.body, []);
    assert.equal(beyond.headers.get('X-Pagination-Total'), '3');
    // Payments page the same way.
    for (let i = 0; i < 3; i++) assert.equal((await shop.pay([await shop.order(product)], ids[0]!)).status, 200);
    const payments = await shop.call('GET', '/payments?size=2&page=1');
    assert.equal(payments.body.length, 1);
    assert.equal(payments.headers.get('X-Total-Count'), '3');
    assert.equal(payments.headers.get('X-Pagination-Total'), '3');
  });
});

describe('payments: search, pay again, admin by state', () => {
  it('GET /payments/search finds by the payment’s or an order’s id or human id, the caller’s only', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const paid = await shop.pay([order], await shop.card('tok_visa'));
    const { body: orderJson } = await shop.call('GET', `/orders/${order}`);
    for (const query of [paid.body.human_id, paid.body._id.$oid, order, orderJson.human_id.toLowerCase()]) {
      const found = await shop.call('GET', `/payments/search?query=${encodeURIComponent(query)}`);
      assert.equal(found.status, 200, query);
      assert.deepEqual(
        found.body.map((p: { _id: { $oid: string } }) => p._id.$oid),
        [paid.body._id.$oid],
        query,
      );
      assert.equal(found.headers.get('X-Pagination-Total'), '1');
    }
    const stranger = await customer();
    assert.deepEqual((await stranger.call('GET', `/payments/search?query=${paid.body.human_id}`)).body, []);
    assert.equal((await shop.call('GET', '/payments/search')).status, 400);
  });

  it('POST /payments/:id/pay pays a declined payment’s orders again with the card named', async () => {
    const shop = await customer();
    const order = await shop.order(product, 2);
    const declined = await shop.pay([order], await shop.card('pm_card_chargeCustomerFail'));
    assert.equal(declined.status, 402);
    const visa = await shop.card('pm_card_visa');
    const paid = await shop.call('POST', `/payments/${declined.body.payment}/pay`, { payment_method: visa });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body._id.$oid, declined.body.payment);
    assert.equal(paid.body.payment_method, visa);
    assert.match(paid.text, /"amount":24\.00,/);
    const again = await shop.call('POST', `/payments/${declined.body.payment}/pay`, { payment_method: visa });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'order-paid');
    const stranger = await customer();
    assert.equal((await stranger.call('POST', `/payments/${declined.body.payment}/pay`, {})).status, 404);
  });

  it('GET /admin/payments?state= lists payments in a state, for an admin only', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const method = await shop.authenticatedCard('pm_card_authenticationRequired');
    const asked = await shop.pay([order], method);
    assert.equal(asked.status, 422);
    const listed = await server.get('/admin/payments?state=requires_action', server.serviceKey);
    assert.equal(listed.status, 200);
    const mine = listed.body.find((p: { _id: { $oid: string } }) => p._id.$oid === asked.body.error.params.payment_id);
    assert.equal(mine.current_state, 'requires_action');
    assert.equal(mine.next_action.type, 'redirect_to_url');
    assert.ok(listed.body.every((p: { current_state: string }) => p.current_state === 'requires_action'));
    assert.equal(listed.headers.get('X-Total-Count'), String(listed.body.length));
    assert.equal((await shop.call('GET', '/admin/payments?state=processing')).status, 403);
    assert.equal((await server.get('/admin/payments?state=nonsense', server.serviceKey)).status, 400);
  });

  it('refuses a return_url that is not an absolute http(s) URL', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const visa = await shop.card('pm_card_visa');
    const response = await shop.call('POST', '/payments', {
      orders: [order],
      payment_method: visa,
      return_url: 'javascript:alert(1)',
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.field, 'return_url');
    assert.equal(await shop.status(order), 'CREATED');
  });
});

describe('Idempotency-Key on PUT /payment_methods/:id and /confirm, by parsed parameters', () => {
  it('a repeated PUT answers the first answer; another body under the key is 422', async () => {
    const shop = await customer();
    const { body: created } = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const path = `/payment_methods/${created._id.$oid}`;
    const first = await shop.call('PUT', path, { payment_method_id: 'pm_card_visa' }, 'put-key-1');
    // The same JSON written otherwise is the same request.
    const again = await server.request('PUT', path, {
      token: await server.userToken(`api-${n}`),
      raw: ' {\n "payment_method_id" : "pm_card_visa" } ',
      headers: { 'Idempotency-Key': 'put-key-1' },
    });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(again.text, first.text);
    const other = await shop.call('PUT', path, { payment_method_id: 'pm_card_amex' }, 'put-key-1');
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'idempotency_key_reused');
  });

  it('a repeated confirm answers the payment as it is, charging once', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const method = await shop.authenticatedCard('pm_card_authenticationRequired');
    const asked = await shop.pay([order], method, `pay-${order}`);
    const p = asked.body.error.params;
    await authenticate(actionUrl(p.next_action), 'complete');
    const body = { payment_intent_id: p.payment_intent_id, payment_client_secret: p.intent_client_secret };
    const first = await shop.call('POST', `/payments/${p.payment_id}/confirm`, body, `confirm-${order}`);
    const second = await shop.call('POST', `/payments/${p.payment_id}/confirm`, { ...body }, `confirm-${order}`);
    assert.equal(first.status, 200, first.text);
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(second.body.current_state, 'succeeded');
    // The payment's own key, asked again after the customer authenticated, answers it paid too.
    const replayed = await shop.pay([order], method, `pay-${order}`);
    assert.equal(replayed.status, 200);
    assert.equal(replayed.body._id.$oid, p.payment_id);
    const { body: admin } = await server.get(`/payments/${p.payment_id}`, server.serviceKey);
    assert.equal(admin.charges.filter((c: { status: string }) => c.status === 'succeeded').length, 1);
    const wrong = await shop.call('POST', `/payments/${p.payment_id}/confirm`, { payment_intent_id: 'pi_other' });
    assert.equal(wrong.status, 400);
  });
});

describe('the test authentication page', () => {
  it('is a small accessible page: a heading, labelled buttons in forms, and it tells its opener', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const method = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const setup = await shop.call('PUT', `/payment_methods/${method.body._id.$oid}`, {
      payment_method_id: 'pm_card_threeDSecure2Required',
      return_url: 'https://shop.example.com/done?step=card',
    });
    const url = actionUrl(setup.body.setup_intent.next_action);
    const page = await fetch(url);
    assert.match(page.headers.get('Content-Type')!, /^text\/html/);
    assert.doesNotMatch(page.headers.get('X-Frame-Options') ?? '', /deny|sameorigin/i, 'shown in the widget’s iframe');
    const html = await page.text();
    assert.match(html, /^<!doctype html><html lang="en">/);
    assert.match(html, /<title>3D Secure test authentication<\/title>/);
    assert.match(html, /<h1>3D Secure test authentication<\/h1>/);
    assert.equal(html.match(/<form method="post">/g)?.length, 2);
    assert.match(html, /<button type="submit" autofocus>Complete authentication<\/button>/);
    assert.match(html, /<button type="submit">Fail authentication<\/button>/);
    const done = await authenticate(url, 'complete');
    assert.match(done.html, /<h1>Authentication completed<\/h1>/);
    assert.match(done.html, /role="status"/);
    assert.ok(new URL(done.next!).searchParams.get('step') === 'card');
    assert.equal((await fetch(url)).status, 410, 'answered once');
    const missing = await fetch(`${server.url}/test-processor/authenticate/tpa_nothing`);
    assert.equal(missing.status, 404);
    // The payment then asks again for this card (3220 always does), with the payment's amount on the page.
    const asked = await shop.pay([order], method.body._id.$oid);
    assert.equal(asked.status, 422);
    const paymentPage = await (await fetch(actionUrl(asked.body.error.params.next_action))).text();
    assert.match(paymentPage, /a payment of 12\.00 EUR/);
  });
});
