// Chaos (issue 10): 200 checkouts by concurrent customers against real server processes that are killed
// and restarted on the same database, a Stripe stand-in that loses, fails and delays answers at random,
// requests sent twice, and cards changed after declines and failed authentications. It ends with, for every
// order, at most one successful charge at the stand-in, the order's status agreeing with it, and nothing
// left processing once the reconciler's lease and deadline have passed.
//
// On PostgreSQL (TILLKIT_TEST_DATABASE_URL; in `npm test` the server suite's PostgreSQL pass) two servers
// run at once and are killed with SIGKILL. PGlite does not reliably survive SIGKILL (in our trials one
// kill in 27 left an empty, re-initialised database; see server/README.md), so without PostgreSQL one
// PGlite server is stopped with SIGTERM, which closes its database under the requests in flight.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { signUserToken } from '../../server/auth.ts';
import { seededRandom } from '../support/stripe/faults.ts';
import { startStripeStandIn, type Chaos, type StripeStandIn } from '../support/stripe/index.ts';
import { TEST_JWT_SECRET, TEST_SERVICE_KEY, dropSchema, httpClient, type TestResponse } from '../support/server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { until } from '../support/until.ts';

const SECRET = 'sk_test_tillkit_chaos_0123456789';
const url = process.env.TILLKIT_TEST_DATABASE_URL;
const onPostgres = Boolean(url) && process.env.TILLKIT_TEST_DB !== 'pglite';
const skip = url && !onPostgres ? 'runs in the PostgreSQL pass (npm run test:server:pg)' : false;
const SERVERS = onPostgres ? 2 : 1;
const KILL: NodeJS.Signals = onPostgres ? 'SIGKILL' : 'SIGTERM';
const CHECKOUTS = 200;
/** Checkouts go on past 200 until the servers were killed this often (a fast machine finishes early). */
const KILLS = 5;
/** And no more than this often: each restart costs seconds (PGlite's most), which the checkouts wait out. */
const MAX_KILLS = onPostgres ? 12 : 6;
const CUSTOMERS = 12;
const schema = `tillkit_t_${randomBytes(6).toString('hex')}`;
const dataDir = onPostgres ? undefined : mkdtempSync(join(tmpdir(), 'tillkit-chaos-'));
const random = seededRandom(Number(process.env.TILLKIT_CHAOS_SEED ?? 20240610));

const counts = { checkouts: 0, kills: 0, duplicates: 0, resent: 0, cardChanges: 0, authentications: 0, abandoned: 0 };
let stand: StripeStandIn;
let chaos: Chaos;
const slots: (ServerProcess | null)[] = Array<ServerProcess | null>(SERVERS).fill(null);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function start(): Promise<ServerProcess> {
  return startServerProcess({
    ...(onPostgres ? { DATABASE_URL: url!, TILLKIT_DATABASE_SCHEMA: schema } : { TILLKIT_DATA_DIR: dataDir! }),
    TILLKIT_PAYMENTS: 'stripe',
    STRIPE_SECRET_KEY: SECRET,
    STRIPE_API_URL: stand.url,
    TILLKIT_RECONCILE_INTERVAL_MS: '200',
    TILLKIT_PAYMENT_LEASE_MS: '1500',
    TILLKIT_AUTH_DEADLINE_MS: '3000',
  });
}

/** Any live server's base URL, waiting for one while all are down (PGlite's one restarting). */
async function live(): Promise<string> {
  for (;;) {
    const up = slots.filter((s): s is ServerProcess => s !== null);
    if (up.length) return pick(up).url;
    await sleep(50);
  }
}

/** One request as a customer's app sends it: to any live server, again with the same key when cut off. */
async function send(token: string, method: string, path: string, body?: unknown, key?: string): Promise<TestResponse> {
  for (let attempt = 0; ; attempt++) {
    const base = await live();
    try {
      const response = await httpClient(base).request(method, path, {
        token,
        body,
        ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
      });
      const busy =
        response.status === 409 && ['payment-in-progress', 'idempotency_key_in_use'].includes(response.body?.code);
      if (response.status < 500 && !busy) return response;
      if (attempt > 40) return response;
    } catch (error) {
      if (attempt > 40) throw error;
    }
    if (key) counts.resent++;
    await sleep(60);
  }
}

async function killer(done: () => boolean): Promise<void> {
  while (!done() && counts.kills < MAX_KILLS) {
    await sleep(300 + random() * 700);
    if (done()) return;
    const i = Math.floor(random() * SERVERS);
    const victim = slots[i];
    if (!victim) continue;
    slots[i] = null;
    await victim.kill(KILL);
    counts.kills++;
    slots[i] = await start();
  }
}

interface Cards {
  visa: string;
  failing: string;
  strong: string;
  tokVisa: string;
  tokDeclined: string;
}

async function saveCards(token: string): Promise<Cards> {
  const card = async (id: string): Promise<string> => {
    if (id.startsWith('tok_')) {
      const saved = await send(
        token,
        'POST',
        '/payment_methods',
        { payment_method: 'stripe', token: id },
        randomUUID(),
      );
      assert.equal(saved.status, 200, saved.text);
      return saved.body._id.$oid;
    }
    const created = await send(token, 'POST', '/payment_methods', { payment_method: 'stripe' }, randomUUID());
    assert.equal(created.status, 200, created.text);
    const methodId = created.body._id.$oid as string;
    const put = await send(token, 'PUT', `/payment_methods/${methodId}`, { payment_method_id: id }, randomUUID());
    assert.equal(put.status, 200, put.text);
    if (put.body.setup_intent.status === 'requires_action') {
      stand.authenticate(put.body.setup_intent.id, 'complete');
      await send(token, 'GET', `/payment_methods/${methodId}`);
    }
    return methodId;
  };
  return {
    visa: await card('pm_card_visa'),
    failing: await card('pm_card_chargeCustomerFail'),
    strong: await card('pm_card_authenticationRequired'),
    tokVisa: await card('tok_visa'),
    tokDeclined: await card('tok_chargeCustomerFail'),
  };
}

/** Pays, sometimes sending the same request twice at once (the same key): both answers must agree. */
async function pay(token: string, orders: string[], method: string): Promise<TestResponse> {
  const key = randomUUID();
  const body = { orders, payment_method: method };
  if (random() < 0.25) {
    counts.duplicates++;
    const [a, b] = await Promise.all([
      send(token, 'POST', '/payments', body, key),
      send(token, 'POST', '/payments', body, key),
    ]);
    return random() < 0.5 ? a : b;
  }
  return send(token, 'POST', '/payments', body, key);
}

/** One checkout: order, pay, and follow the answer (a card change after a decline, authentication, waiting). */
async function checkout(token: string, products: string[], cards: Cards): Promise<void> {
  counts.checkouts++;
  const orders: string[] = [];
  for (let i = random() < 0.2 ? 2 : 1; i > 0; i--) {
    const order = await send(
      token,
      'POST',
      '/orders',
      { items: [{ product: pick(products), quantity: 1 + Math.floor(random() * 3) }] },
      randomUUID(),
    );
    orders.push(order.body._id.$oid);
  }
  let method = pick([cards.visa, cards.visa, cards.failing, cards.strong, cards.tokVisa, cards.tokDeclined]);
  let answer = await pay(token, orders, method);
  for (let step = 0; step < 8; step++) {
    if (answer.status === 200 || answer.body?.code === 'order-paid') return;
    if (answer.status === 402 || answer.body?.code === 'payment-canceled') {
      counts.cardChanges++;
      method = method.length && random() < 0.5 ? cards.visa : cards.tokVisa;
      answer = await pay(token, orders, method);
    } else if (answer.status === 422) {
      const p = answer.body.error.params;
      const outcome = random();
      if (outcome < 0.1) {
        counts.abandoned++; // the customer closes the page: the deadline cancels it
        return;
      }
      counts.authentications++;
      try {
        stand.authenticate(p.payment_intent_id, outcome < 0.75 ? 'complete' : 'fail');
      } catch {
        // Already settled (superseded, or canceled at its deadline).
      }
      answer = await send(
        token,
        'POST',
        `/payments/${p.payment_id}/confirm`,
        { payment_intent_id: p.payment_intent_id },
        randomUUID(),
      );
    } else if (answer.status === 202) {
      await sleep(300);
      answer = await send(token, 'GET', `/payments/${answer.body._id.$oid}`);
      if (answer.body.current_state === 'processing') answer = { ...answer, status: 202 };
    } else {
      return;
    }
  }
}

describe('chaos: checkouts with servers killed, answers lost and requests sent twice', { skip }, () => {
  before(async () => {
    stand = await startStripeStandIn({ secretKey: SECRET });
    for (let i = 0; i < SERVERS; i++) slots[i] = await start();
  });

  after(async () => {
    chaos?.stop();
    for (const s of slots) await s?.kill('SIGTERM');
    await stand?.close();
    if (onPostgres) await dropSchema(url!, schema);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${CHECKOUTS} checkouts: each order charged at most once, as its status says, nothing left processing`, async () => {
    const started = Date.now();
    const admin = TEST_SERVICE_KEY;
    const products: string[] = [];
    for (const [name, price] of [
      ['Chinatown', 12.5],
      ['Sunset Boulevard', 9.99],
      ['Double Indemnity', 7],
    ] as const) {
      const created = await send(admin, 'POST', '/products', { name, price, currency: 'EUR' });
      assert.equal(created.status, 200, created.text);
      products.push(created.body._id.$oid);
    }
    const customers = await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, i) => {
        const token = await signUserToken(TEST_JWT_SECRET, { sub: `chaos-${i}`, email: `chaos-${i}@example.com` });
        return { token, cards: await saveCards(token) };
      }),
    );
    chaos = stand.faults.chaos({
      match: (r) => r.method === 'POST' && (r.path.startsWith('/v1/payment_intents') || r.path === '/v1/charges'),
      rate: 0.15,
      seed: 7,
    });
    let begun = 0;
    let finished = false;
    const killing = killer(() => finished);
    await Promise.all(
      customers.map(async ({ token, cards }) => {
        while ((begun < CHECKOUTS || counts.kills < KILLS) && begun < 3 * CHECKOUTS) {
          begun++;
          await checkout(token, products, cards);
        }
      }),
    );
    finished = true;
    chaos.stop();
    await killing;

    // The reconciler's lease (1.5 s) and deadline (3 s) pass: everything must be settled.
    const server = httpClient(await live());
    await until(
      async () => {
        const [processing, waiting] = await Promise.all([
          server.get('/admin/payments?state=processing&size=500', admin),
          server.get('/admin/payments?state=requires_action&size=500', admin),
        ]);
        return processing.body.length === 0 && waiting.body.length === 0;
      },
      'every payment to be settled',
      30_000,
    );
    const orders: { _id: { $oid: string }; order_status: string }[] = [];
    for (let page = 0; ; page++) {
      const { body } = await server.get(`/orders?size=500&page=${page}`, admin);
      orders.push(...body);
      if (body.length < 500) break;
    }
    const charged = stand.state.successfulChargesByOrder();
    const statuses: Record<string, number> = {};
    for (const order of orders) {
      const id = order._id.$oid;
      const n = charged.get(id)?.length ?? 0;
      statuses[order.order_status] = (statuses[order.order_status] ?? 0) + 1;
      assert.ok(n <= 1, `order ${id} charged ${n} times`);
      if (order.order_status === 'SUCCESS') assert.equal(n, 1, `order ${id} is SUCCESS without a charge`);
      else {
        assert.equal(n, 0, `order ${id} is ${order.order_status} but was charged`);
        assert.ok(
          ['CREATED', 'DECLINED', 'FAILED'].includes(order.order_status),
          `order ${id} is ${order.order_status}`,
        );
      }
    }
    assert.deepEqual([...stand.state.doublyCharged().keys()], []);
    assert.ok(counts.checkouts >= CHECKOUTS);
    assert.ok(counts.kills >= KILLS, `only ${counts.kills} kills`);
    const summary = {
      database: onPostgres ? `PostgreSQL, ${SERVERS} servers, ${KILL}` : `PGlite, 1 server, ${KILL}`,
      ...counts,
      faults: chaos.counts,
      charges: [...charged.values()].reduce((sum, list) => sum + list.length, 0),
      orders: orders.length,
      statuses,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    console.log(`chaos: ${JSON.stringify(summary)}`);
  });
});
