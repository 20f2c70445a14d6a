import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { summarize, type PricingLine } from '../../src/core/index.ts';
import type { Database } from '../../server/db/database.ts';
import type { ItemSnapshot } from '../../server/model/order-items.ts';
import { buttonLineItems } from '../../server/button/payload.ts';
import { ButtonReporter } from '../../server/button/sender.ts';
import type { StartOptions } from '../../server/start.ts';
import { startFakeButton, type FakeButton } from '../support/fake-button.ts';
import {
  addSubProducts,
  createProduct,
  dropSchema,
  startTestServer,
  testDatabaseUrl,
  type TestServer,
} from '../support/server.ts';
import { until } from '../support/until.ts';

// Button order reporting (seed 004) through the outbox, against a loopback Button stand-in that checks
// every documented field. Retry delays are milliseconds here (they are seconds to minutes by default).
const BUTTON_KEY = 'btn_test_key_for_tests_only_7f3a9c';
const BASIC = Buffer.from(`${BUTTON_KEY}:`).toString('base64');
const TOKEN = 'fakesrctok-0123456789abcdef';
const logs: string[] = [];
const TIMINGS = {
  pollMs: 40,
  baseDelayMs: 20,
  maxDelayMs: 160,
  timeoutMs: 3000,
  leaseMs: 10_000,
  log: (m: string) => void logs.push(m),
};

/** Every response body the tests saw, to show the key is in none of them. */
const seen: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startFake(): Promise<FakeButton> {
  const fake = await startFakeButton(BUTTON_KEY);
  cleanups.push(() => fake.close());
  return fake;
}

async function start(fake: FakeButton, extra: StartOptions = {}, cleanup = true): Promise<TestServer> {
  const server = await startTestServer({ buttonApiKey: BUTTON_KEY, buttonApiUrl: fake.url, button: TIMINGS, ...extra });
  let closed = false;
  const close = () => server.close();
  const wrapped: TestServer = {
    ...server,
    close: async () => {
      closed = true;
      await close();
    },
    request: async (...args) => {
      const response = await server.request(...args);
      seen.push(response.text);
      return response;
    },
  };
  wrapped.get = (path, token) => wrapped.request('GET', path, { token });
  wrapped.post = (path, body, token, headers) =>
    wrapped.request('POST', path, { body, token, ...(headers ? { headers } : {}) });
  wrapped.put = (path, body, token) => wrapped.request('PUT', path, { body, token });
  if (cleanup) {
    cleanups.push(async () => {
      if (!closed) await close();
    });
  }
  return wrapped;
}

/** One stand-in and server for the tests that need no restart (a PGlite start costs a second or two). */
let shared: Promise<{ fake: FakeButton; server: TestServer; p: Catalogue }> | undefined;
function sharedServer() {
  shared ??= (async () => {
    const fake = await startFakeButton(BUTTON_KEY);
    const server = await start(fake, {}, false);
    return { fake, server, p: await catalogue(server) };
  })();
  return shared;
}
after(async () => {
  const s = await shared;
  await s?.server.close();
  await s?.fake.close();
});

/** The creates (POST /v1/order) Button carried out for one order. */
const creates = (fake: FakeButton, orderId: string) =>
  fake.calls.filter((c) => c.applied && c.method === 'POST' && c.path === '/v1/order' && c.body?.order_id === orderId)
    .length;

/** One database that outlives a server: a PGlite directory, or a PostgreSQL schema. */
function durableDatabase(): StartOptions {
  if (testDatabaseUrl()) {
    const schema = `tillkit_t_${randomBytes(6).toString('hex')}`;
    cleanups.unshift(() => dropSchema(testDatabaseUrl()!, schema));
    return { databaseSchema: schema };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tillkit-button-'));
  cleanups.unshift(async () => rmSync(dir, { recursive: true, force: true }));
  return { dataDir: dir };
}

interface Catalogue {
  A: string;
  B: string;
  W: string;
  odd: string;
}

/** Products as an admin makes them: VAT included, a discount, an add-on, tags. */
async function catalogue(server: TestServer): Promise<Catalogue> {
  const A = await createProduct(server, {
    name: 'Rear Window',
    price: 9.99,
    discount: 0.1,
    vat: 0.25,
    currency: 'EUR',
    tags: ['thriller', 'mystery', '1950s', 'dvd'],
  });
  const B = await createProduct(server, {
    name: 'Casablanca',
    price: 8.99,
    vat: 0.25,
    currency: 'EUR',
    tags: ['drama', 'romance', '1940s', 'dvd'],
  });
  const W = await createProduct(server, {
    name: 'Gift wrap',
    price: 3.5,
    vat: 0.25,
    currency: 'EUR',
    main_product: false,
    tags: ['extra'],
  });
  await addSubProducts(server, B, [W]);
  const odd = await createProduct(server, {
    name: 'Odd one',
    price: 9.99,
    vat: 0.25,
    currency: 'EUR',
    tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
  });
  return { A, B, W, odd };
}

/** What core says these items cost: the EUR prices above in cents. */
const PRICES: Record<keyof Catalogue, PricingLine> = {
  A: { price: 999, discount: 0.1, vat: 0.25, quantity: 1, currency: 'EUR' },
  B: { price: 899, vat: 0.25, quantity: 1, currency: 'EUR' },
  W: { price: 350, vat: 0.25, quantity: 1, currency: 'EUR' },
  odd: { price: 999, vat: 0.25, quantity: 1, currency: 'EUR' },
};

interface Paid {
  id: string;
  humanId: string;
  user: string;
  paymentDate: number;
}

/** A user orders (with the affiliate token, unless null) and pays with a test card. */
async function orderAndPay(
  server: TestServer,
  token: string,
  items: unknown[],
  btnRef: string | null = TOKEN,
): Promise<Paid> {
  const made = await server.post('/orders', { items, ...(btnRef ? { btn_ref: btnRef } : {}) }, token);
  assert.equal(made.status, 200, made.text);
  const method = await server.post('/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, token);
  assert.equal(method.status, 200, method.text);
  const paid = await server.post(
    '/payments',
    { orders: [made.body._id.$oid], payment_method: method.body._id.$oid },
    token,
  );
  assert.equal(paid.status, 200, paid.text);
  return {
    id: made.body._id.$oid,
    humanId: made.body.human_id,
    user: made.body.user._id.$oid,
    paymentDate: paid.body.payment_date.$date,
  };
}

interface Report {
  id: number;
  kind: string;
  state: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  note?: string | null;
  payload: any;
}

async function reports(server: TestServer, orderId: string): Promise<Report[]> {
  const response = await server.get(`/admin/reports?order=${orderId}`, server.serviceKey);
  assert.equal(response.status, 200, response.text);
  return response.body;
}

/** Waits until no report of these orders is pending: the outbox will send none of them again. */
const settled = (server: TestServer, orderIds: readonly string[]) =>
  until(
    async () =>
      (await Promise.all(orderIds.map((id) => reports(server, id)))).flat().every((r) => r.state !== 'pending'),
    'the reports to settle',
  );

let canaries = 0;

/**
 * Waits until the sender has run past every report queued so far: one more paid order's report (queued
 * after them) reaches Button. The sender claims due rows in id order and sends them one at a time, so
 * whatever of the earlier rows was due (or would wrongly go out again) was sent before this one.
 */
async function senderPassed(server: TestServer, fake: FakeButton, product: string): Promise<void> {
  const n = ++canaries;
  const token = await server.userToken(`canary-${n}`, `canary-${n}@example.com`);
  const canary = await orderAndPay(server, token, [{ product, quantity: 1 }]);
  await until(() => fake.orders.has(canary.id), 'the sender to pass the earlier reports');
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The calls Button carried out for one order, as "METHOD path". */
const callsFor = (fake: FakeButton, orderId: string) =>
  fake.calls
    .filter((c) => c.applied && c.method !== 'GET' && (c.path.endsWith(orderId) || c.body?.order_id === orderId))
    .map((c) => `${c.method} ${c.path === '/v1/order' ? '/v1/order' : '/v1/order/:id'}`);

after(() => {
  // Whatever the tests did, the key is in no answer, no log line.
  for (const text of [...seen, ...logs]) {
    assert.ok(!text.includes(BUTTON_KEY) && !text.includes(BASIC), `the Button key leaked: ${text.slice(0, 200)}`);
  }
});

describe('Button reports (POST /v1/order)', () => {
  it('reports a paid order with a btn_ref once, every field as documented, total = core’s VAT-exclusive net', async () => {
    const { fake, server, p } = await sharedServer();
    const alice = await server.userToken('alice', 'Alice.Buyer@Example.COM');
    const order = await orderAndPay(server, alice, [
      { product: p.A, quantity: 2 },
      { product: p.B, quantity: 1, sub_products: [p.W] },
    ]);
    await until(() => fake.orders.has(order.id), 'the report');
    assert.deepEqual(fake.problems, []);
    const call = fake.calls.find(
      (c) => c.method === 'POST' && c.path === '/v1/order' && c.body?.order_id === order.id,
    )!;
    assert.equal(call.authorization, `Basic ${BASIC}`);
    assert.match(call.contentType!, /^application\/json/);
    const body = fake.orders.get(order.id)!.body;

    const summary = summarize([
      { ...PRICES.A, quantity: 2 },
      { ...PRICES.B, subProducts: [{ price: 350 }] },
    ]);
    // 2 × 9.99 at 10 % off = 17.98 incl. 3.60 VAT; 8.99 + 3.50 = 12.49 incl. 2.50 VAT.
    assert.equal(summary.net, 1438 + 999);
    assert.equal(body.total, summary.net, 'the total excludes VAT, in cents');
    assert.equal(body.currency, 'EUR');
    assert.equal(body.order_id, order.id);
    assert.equal(Date.parse(body.purchase_date), order.paymentDate);
    assert.match(body.purchase_date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(body.btn_ref, TOKEN);
    assert.deepEqual(body.customer, { id: order.user, email_sha256: sha256('alice.buyer@example.com'), is_new: true });
    assert.equal(body.customer_order_id, order.humanId);

    const products = await Promise.all([p.A, p.B].map(async (id) => (await server.get(`/products/${id}`)).body));
    assert.equal(body.line_items.length, 2);
    const [a, b] = body.line_items;
    assert.deepEqual(a, {
      identifier: p.A,
      quantity: 2,
      total: summary.lines[0]!.net,
      amount: summary.lines[0]!.net / 2,
      sku: products[0].human_id,
      description: 'Rear Window',
      category: ['thriller', 'mystery', '1950s', 'dvd'],
      attributes: { product_id: p.A, vat_rate: '0.25', discount_rate: '0.1' },
    });
    assert.match(b.identifier, new RegExp(`^${p.B}\\+[0-9a-f]{8}$`));
    assert.equal(b.total, summary.lines[1]!.net);
    assert.equal(b.description, 'Casablanca with Gift wrap');
    assert.deepEqual(b.attributes, { product_id: p.B, vat_rate: '0.25', discount_rate: '0', add_ons: 'Gift wrap' });
    assert.equal(b.sku, products[1].human_id);
    assert.equal(a.total + b.total, body.total);

    const [report] = await reports(server, order.id);
    assert.equal(report!.kind, 'create');
    assert.equal(report!.state, 'sent');
    assert.equal(report!.attempts, 1);
    assert.deepEqual(report!.payload, body, 'the admin sees what was sent');

    // The customer's second purchase is not new; an order without a token is not reported.
    const second = await orderAndPay(server, alice, [{ product: p.odd, quantity: 3 }]);
    const plain = await orderAndPay(server, alice, [{ product: p.B, quantity: 1 }], null);
    await until(() => fake.orders.has(second.id), 'the second report');
    const again = fake.orders.get(second.id)!.body;
    assert.equal(again.customer.is_new, false);
    // 3 × 9.99 incl. 25 % VAT: 23.98 net, which 3 does not divide: 2 × 7.99 + 1 × 8.00.
    assert.equal(again.total, 2398);
    assert.deepEqual(
      again.line_items.map((l: { identifier: string; quantity: number; amount: number; total: number }) => [
        l.identifier,
        l.quantity,
        l.amount,
        l.total,
      ]),
      [
        [p.odd, 2, 799, 1598],
        [`${p.odd}:2`, 1, 800, 800],
      ],
    );
    assert.equal(again.line_items[0].category.length, 7, 'at most 7 categories');
    assert.deepEqual(await reports(server, plain.id), []);
    assert.equal(creates(fake, order.id), 1);
    assert.equal(creates(fake, second.id), 1);
    assert.deepEqual(fake.problems, []);
  });

  it('keeps amount × quantity = total and the lines’ sum = core’s net for any order', () => {
    const item = fc.record({
      price: fc.integer({ min: 0, max: 500_000 }),
      subs: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 3 }),
      discount: fc.constantFrom('0', '0.1', '0.15', '0.333', '0.5', '1'),
      vat: fc.constantFrom('0', '0.12', '0.19', '0.25'),
      quantity: fc.integer({ min: 1, max: 9999 }),
      product: fc.constantFrom('a'.repeat(24), 'b'.repeat(24), 'c'.repeat(24)),
    });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('EUR', 'CLP', 'KWD'),
        (raw, currency) => {
          const items: ItemSnapshot[] = raw.map((r, i) => ({
            product: r.product,
            quantity: r.quantity,
            name: `Item ${i}`,
            price: r.price,
            discount: r.discount,
            vat: r.vat,
            currency,
            final_price: 0,
            sub_products: r.subs.map((price, j) => ({
              id: String(j).repeat(24).slice(0, 24),
              name: `Sub ${j}`,
              price,
            })),
          }));
          const lines = buttonLineItems(items, new Map());
          const net = summarize(
            items.map((i) => ({
              price: i.price,
              subProducts: i.sub_products,
              discount: i.discount,
              vat: i.vat,
              quantity: i.quantity,
              currency,
            })),
          ).net;
          assert.equal(
            lines.reduce((sum, l) => sum + l.total, 0),
            net,
          );
          assert.equal(new Set(lines.map((l) => l.identifier)).size, lines.length, 'identifiers are unique');
          for (const l of lines) {
            assert.equal(l.amount * l.quantity, l.total);
            assert.ok(l.quantity > 0 && l.amount >= 0 && Number.isSafeInteger(l.total));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('retries with exponential backoff, jitter and a cap', () => {
    const reporter = (random: number) =>
      new ButtonReporter({} as Database, {
        apiKey: 'k',
        apiUrl: 'http://x',
        baseDelayMs: 1000,
        maxDelayMs: 60_000,
        random: () => random,
      });
    const low = reporter(0);
    const high = reporter(1);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => high.backoff(n)),
      [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000],
    );
    assert.deepEqual(
      [1, 2, 3, 7, 20].map((n) => low.backoff(n)),
      [500, 1000, 2000, 30000, 30000],
    );
    const some = reporter(0.37);
    for (let n = 1; n < 40; n++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (n - 1));
      assert.ok(some.backoff(n) >= ceiling / 2 && some.backoff(n) <= ceiling);
    }
  });
});

describe('Button outages and restarts', () => {
  it('a Button outage (503s, then up): the report arrives, exactly once', async () => {
    const { fake, server, p } = await sharedServer();
    const bob = await server.userToken('bob', 'bob@example.com');
    fake.failNext(4, 503);
    const order = await orderAndPay(server, bob, [{ product: p.A, quantity: 1 }]);
    await until(async () => (await reports(server, order.id))[0]?.state === 'sent', 'the report to be sent');
    const [report] = await reports(server, order.id);
    assert.ok(report!.attempts >= 3, `attempts ${report!.attempts}`);
    await senderPassed(server, fake, p.A);
    assert.equal(creates(fake, order.id), 1);
    assert.equal(fake.calls.filter((c) => c.outcome === 409).length, 0, 'no second create was even tried');
    assert.equal(fake.orders.get(order.id)!.body.total, summarize([PRICES.A]).net);
    assert.deepEqual(fake.problems, []);
  });

  it('Button not listening, then the server restarts: the report survives in the database and arrives once', async () => {
    const fake = await startFake();
    const db = durableDatabase();
    await fake.down();
    let server = await start(fake, db);
    const p = await catalogue(server);
    const carol = await server.userToken('carol', 'carol@example.com');
    const order = await orderAndPay(server, carol, [{ product: p.B, quantity: 2, sub_products: [p.W] }]);
    await until(async () => ((await reports(server, order.id))[0]?.attempts ?? 0) >= 2, 'failed attempts');
    const [failing] = await reports(server, order.id);
    assert.equal(failing!.state, 'pending');
    assert.match(failing!.last_error!, /no answer/);
    await server.close();

    await fake.up();
    server = await start(fake, db);
    await until(() => fake.orders.has(order.id), 'the report after the restart');
    await until(async () => (await reports(server, order.id))[0]?.state === 'sent', 'the mark');
    await senderPassed(server, fake, p.A);
    assert.equal(creates(fake, order.id), 1);
    const body = fake.orders.get(order.id)!.body;
    assert.equal(body.total, summarize([{ ...PRICES.B, subProducts: [{ price: 350 }], quantity: 2 }]).net);
    assert.equal(body.customer.is_new, true);
    assert.deepEqual(fake.problems, []);
  });

  it('an answer lost after Button created the order: the retry finds it (GET) and does not create it again', async () => {
    const { fake, server, p } = await sharedServer();
    const dan = await server.userToken('dan', 'dan@example.com');
    fake.loseNext(1);
    const order = await orderAndPay(server, dan, [{ product: p.A, quantity: 1 }]);
    await until(async () => (await reports(server, order.id))[0]?.state === 'sent', 'the report to be confirmed');
    assert.equal(creates(fake, order.id), 1);
    assert.equal(fake.calls.filter((c) => c.method === 'GET' && c.path === `/v1/order/${order.id}`).length, 1);
    const [report] = await reports(server, order.id);
    assert.equal(report!.attempts, 2);
    assert.match(report!.note!, /found by GET/);
    assert.equal(report!.last_error, null);
  });

  it('the server stops between Button’s answer and the mark: after the restart the report is not sent twice', async () => {
    const fake = await startFake();
    const db = durableDatabase();
    let server = await start(fake, db);
    const p = await catalogue(server);
    const eve = await server.userToken('eve', 'eve@example.com');
    fake.holdNext();
    const order = await orderAndPay(server, eve, [{ product: p.A, quantity: 3 }]);
    await until(() => fake.orders.has(order.id), 'Button to take the order');
    await server.close(); // the request is in flight: its outcome is unknown to the server
    fake.release();
    server = await start(fake, db);
    await until(async () => (await reports(server, order.id))[0]?.state === 'sent', 'the report to be confirmed');
    await senderPassed(server, fake, p.A);
    assert.equal(creates(fake, order.id), 1);
    assert.deepEqual(fake.problems, []);
  });
});

describe('Button updates and cancellations', () => {
  it('a partial return is POST /v1/order/:id with the whole current order, a cancel DELETE, in order after the create', async () => {
    const { fake, server, p } = await sharedServer();
    const fay = await server.userToken('fay', 'fay@example.com');
    fake.failNext(3, 503); // the create waits in the outbox while the order changes
    const order = await orderAndPay(server, fay, [
      { product: p.A, quantity: 2 },
      { product: p.B, quantity: 1, sub_products: [p.W] },
    ]);
    const returned = await server.put(
      `/orders/${order.id}/items`,
      { items: [{ product: p.A, quantity: 1 }] },
      server.serviceKey,
    );
    assert.equal(returned.status, 200, returned.text);
    assert.equal(returned.body.order_status, 'SUCCESS');
    assert.equal(Math.round(returned.body.total_amount * 100), summarize([PRICES.A]).total);
    await until(async () => ((await reports(server, order.id))[0]?.attempts ?? 0) >= 1, 'a first attempt');
    const cancelled = await server.post(`/orders/${order.id}/cancel`, {}, server.serviceKey);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.order_status, 'CANCELLED');
    await until(() => fake.orders.get(order.id)?.active === false, 'the cancellation');

    assert.deepEqual(callsFor(fake, order.id), ['POST /v1/order', 'POST /v1/order/:id', 'DELETE /v1/order/:id']);
    const create = fake.calls.find(
      (c) => c.applied && c.method === 'POST' && c.path === '/v1/order' && c.body.order_id === order.id,
    )!.body;
    const update = fake.calls.find((c) => c.applied && c.method === 'POST' && c.path === `/v1/order/${order.id}`)!.body;
    assert.equal(create.line_items.length, 2);
    assert.equal(update.line_items.length, 1);
    assert.equal(update.line_items[0].quantity, 1);
    assert.equal(update.total, summarize([PRICES.A]).net);
    assert.equal(update.purchase_date, create.purchase_date);
    assert.deepEqual(update.customer, create.customer);
    assert.deepEqual(
      (await reports(server, order.id)).map((r) => [r.kind, r.state]),
      [
        ['create', 'sent'],
        ['update', 'sent'],
        ['delete', 'sent'],
      ],
    );
    assert.deepEqual(fake.problems, []);

    // A user still can not change or cancel a paid order; an admin's return must keep to the order's lines.
    const other = await orderAndPay(server, fay, [{ product: p.A, quantity: 2 }]);
    assert.equal((await server.post(`/orders/${other.id}/cancel`, {}, fay)).status, 409);
    assert.equal(
      (await server.put(`/orders/${other.id}/items`, { items: [{ product: p.A, quantity: 1 }] }, fay)).status,
      409,
    );
    for (const items of [[{ product: p.A, quantity: 3 }], [{ product: p.B, quantity: 1 }], []]) {
      const refused = await server.put(`/orders/${other.id}/items`, { items }, server.serviceKey);
      assert.equal(refused.status, 400, JSON.stringify(items));
    }
  });

  it('a refused create (4xx) stops that order’s later reports until an admin retries it', async () => {
    const { fake, server, p } = await sharedServer();
    const gus = await server.userToken('gus', 'gus@example.com');
    fake.failNext(1, 400);
    const order = await orderAndPay(server, gus, [{ product: p.A, quantity: 2 }]);
    await until(async () => (await reports(server, order.id))[0]?.state === 'failed', 'the refusal');
    const returned = await server.put(
      `/orders/${order.id}/items`,
      { items: [{ product: p.A, quantity: 1 }] },
      server.serviceKey,
    );
    assert.equal(returned.status, 200, returned.text);
    await senderPassed(server, fake, p.A);
    assert.deepEqual(callsFor(fake, order.id), [], 'the update waits behind the failed create');
    const [failed] = await reports(server, order.id);
    assert.equal(failed!.last_status, 400);
    const retry = await server.post(`/admin/reports/${failed!.id}/retry`, {}, server.serviceKey);
    assert.equal(retry.status, 200, retry.text);
    await until(async () => (await reports(server, order.id)).every((r) => r.state === 'sent'), 'both reports');
    assert.deepEqual(callsFor(fake, order.id), ['POST /v1/order', 'POST /v1/order/:id']);
    assert.equal(
      (await server.post(`/admin/reports/${failed!.id}/retry`, {}, server.serviceKey)).status,
      404,
      'only failed reports are retried',
    );
    assert.equal((await server.get(`/admin/reports?order=${order.id}`, await server.userToken('gus'))).status, 403);
  });

  it('a paid order cancelled before anything reached Button: the create and the delete are both skipped', async () => {
    const fake = await startFake();
    // This server queues reports without sending them, so the cancel finds the create untouched.
    const server = await start(fake, { button: { ...TIMINGS, send: false } });
    const p = await catalogue(server);
    const hal = await server.userToken('hal', 'hal@example.com');
    const order = await orderAndPay(server, hal, [{ product: p.A, quantity: 1 }]);
    assert.equal((await server.post(`/orders/${order.id}/cancel`, {}, server.serviceKey)).status, 200);
    assert.deepEqual(
      (await reports(server, order.id)).map((r) => [r.kind, r.state]),
      [
        ['create', 'skipped'],
        ['delete', 'skipped'],
      ],
    );
    const sender = new ButtonReporter(server.db, { ...TIMINGS, apiKey: BUTTON_KEY, apiUrl: fake.url });
    assert.equal(await sender.runOnce(), 0);
    assert.deepEqual(fake.calls, []);
  });

  it('without BUTTON_API_KEY nothing is queued, and the btn_ref is still kept on the order', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const p = await catalogue(server);
    const ivy = await server.userToken('ivy', 'ivy@example.com');
    const order = await orderAndPay(server, ivy, [{ product: p.A, quantity: 1 }]);
    assert.equal((await server.get(`/orders/${order.id}`, ivy)).body.btn_ref, TOKEN);
    assert.deepEqual(await reports(server, order.id), []);
  });

  it(
    'two servers on one PostgreSQL send every report once',
    { skip: testDatabaseUrl() ? false : 'PostgreSQL only (PGlite is one process)' },
    async () => {
      const fake = await startFake();
      const db = durableDatabase();
      const one = await start(fake, db);
      const two = await start(fake, { ...db, button: { ...TIMINGS, pollMs: 10 } });
      const p = await catalogue(one);
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const server = i % 2 ? two : one;
        ids.push(
          (
            await orderAndPay(server, await server.userToken(`multi-${i}`, `multi-${i}@example.com`), [
              { product: p.A, quantity: 1 },
            ])
          ).id,
        );
      }
      await until(() => ids.every((id) => fake.orders.has(id)), 'every report');
      await settled(one, ids);
      for (const server of [one, two]) await senderPassed(server, fake, p.A);
      assert.deepEqual(
        ids.map((id) => creates(fake, id)),
        [1, 1, 1, 1, 1, 1, 1, 1],
      );
      assert.deepEqual(fake.problems, []);
    },
  );

  it('the key is in no outbox row and no API answer', async () => {
    const { fake, server, p } = await sharedServer();
    const jo = await server.userToken('jo', 'jo@example.com');
    fake.failNext(1, 401);
    const order = await orderAndPay(server, jo, [{ product: p.A, quantity: 1 }]);
    await until(() => fake.orders.has(order.id), 'the report');
    const rows = await server.db.query(`SELECT * FROM button_reports`);
    const dump = JSON.stringify(rows);
    assert.ok(!dump.includes(BUTTON_KEY) && !dump.includes(BASIC));
    for (const path of [`/orders/${order.id}`, '/orders', `/payments?order=${order.id}`, '/admin/reports']) {
      const response = await server.get(path, server.serviceKey);
      assert.equal(response.status, 200);
      assert.ok(!response.text.includes(BUTTON_KEY) && !response.text.includes(BASIC), path);
    }
    assert.ok(seen.length > 50, 'the answers of the whole suite are checked after it');
  });
});
