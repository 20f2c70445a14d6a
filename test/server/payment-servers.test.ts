// Several servers on one PostgreSQL reconcile without doing anything twice (issue 10): each payment whose
// answer was lost is asked about by one of them only (FOR UPDATE SKIP LOCKED and leases). PostgreSQL only:
// PGlite serves one process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, dropSchema, testDatabaseUrl, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { startStripeServer } from '../support/stripe-server.ts';
import { until } from '../support/until.ts';

const SECRET = 'sk_test_tillkit_servers_0123456789';
const url = testDatabaseUrl();
const schema = `tillkit_t_${randomBytes(6).toString('hex')}`;
const PAYMENTS = 12;

let stand: StripeStandIn;
const servers: TestServer[] = [];

describe(
  'three servers on one PostgreSQL',
  { skip: url ? false : 'PostgreSQL only (TILLKIT_TEST_DATABASE_URL)' },
  () => {
    before(async () => {
      stand = await startStripeStandIn({ secretKey: SECRET });
      for (let i = 0; i < 3; i++) {
        servers.push(
          await startStripeServer(stand, {
            databaseSchema: schema,
            // The first server's reconciler would settle its own payments at once: only the others reconcile.
            reconcileIntervalMs: i === 0 ? 3_600_000 : 50,
            paymentLeaseMs: 5000,
          }),
        );
      }
    });
    after(async () => {
      for (const s of servers) await s.close();
      await stand?.close();
      if (url) await dropSchema(url, schema);
    });

    it('settle every lost answer once: one retrieve per intent, no confirm sent again', async () => {
      const [first] = servers;
      const product = await createProduct(first!, { name: 'Marnie', price: 9, currency: 'EUR' });
      const shop = checkout(first!, await first!.userToken('servers'));
      const visa = await shop.card('pm_card_visa');
      const lost: { order: string; payment: string; intent: string }[] = [];
      for (let i = 0; i < PAYMENTS; i++) {
        const order = await shop.order(product);
        stand.faults.drop({ method: 'POST', path: /\/confirm$/ }, { times: 3 });
        const answer = await shop.pay([order], visa);
        assert.equal(answer.status, 202, answer.text);
        lost.push({ order, payment: answer.body._id.$oid, intent: answer.body.metadata.intent_id });
      }
      await until(
        async () =>
          (await first!.get('/admin/payments?state=succeeded&size=100', first!.serviceKey)).body.length === PAYMENTS,
        'the other servers to settle them',
        20_000,
      );
      for (const { order, intent } of lost) {
        const retrieves = stand.requests.filter(
          (r) => r.method === 'GET' && r.path === `/v1/payment_intents/${intent}`,
        );
        const confirms = stand.requests.filter(
          (r) => r.method === 'POST' && r.path === `/v1/payment_intents/${intent}/confirm`,
        );
        assert.equal(retrieves.length, 1, `${intent} asked about ${retrieves.length} times`);
        assert.equal(confirms.length, 3, 'the first confirm and the SDK’s two retries, nothing more');
        assert.equal(stand.state.successfulChargesByOrder().get(order)!.length, 1);
      }
    });
  },
);
