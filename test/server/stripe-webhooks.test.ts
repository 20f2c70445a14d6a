// Stripe's signed webhooks (issue 10): `POST /webhooks/stripe` verifies Stripe-Signature through the
// official SDK and settles payments by reading the intent again, so duplicated and out-of-order events
// change nothing twice. The stand-in sends them as Stripe does; this server's reconciler runs only at
// start-up, so what settles a payment here is the event.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { startStripeServer } from '../support/stripe-server.ts';
import { until } from '../support/until.ts';

const SECRET = 'sk_test_tillkit_webhooks_0123456789';

let stand: StripeStandIn;
let server: TestServer;
let product: string;

before(async () => {
  stand = await startStripeStandIn({ secretKey: SECRET });
  server = await startStripeServer(stand, {
    stripeWebhookSecret: stand.webhookSecret,
    reconcileIntervalMs: 3_600_000,
    paymentLeaseMs: 5000,
  });
  stand.webhooks.endpoint = `${server.url}/webhooks/stripe`;
  product = await createProduct(server, { name: 'Psycho', price: 14, currency: 'EUR' });
});
after(async () => {
  await stand.idle();
  await server.close();
  await stand.close();
});
beforeEach(async () => {
  stand.faults.clear();
  await stand.webhooks.flush();
});

let n = 0;
async function customer() {
  n++;
  return checkout(server, await server.userToken(`hooks-${n}`));
}
type Shop = Awaited<ReturnType<typeof customer>>;

async function card(shop: Shop, pm: string): Promise<string> {
  const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
  const put = await shop.call('PUT', `/payment_methods/${created.body._id.$oid}`, { payment_method_id: pm });
  assert.equal(put.status, 200, put.text);
  return created.body._id.$oid as string;
}

/** A payment whose confirm Stripe carried out but whose answer never came back (202), events held. */
async function lostPayment(shop: Shop) {
  const order = await shop.order(product);
  const visa = await card(shop, 'pm_card_visa');
  stand.webhooks.pause();
  stand.faults.drop({ method: 'POST', path: /\/confirm$/ }, { times: 3 });
  const lost = await shop.pay([order], visa);
  assert.equal(lost.status, 202, lost.text);
  return { order, payment: lost.body._id.$oid as string, intent: lost.body.metadata.intent_id as string };
}

const stateOf = async (payment: string) => (await server.get(`/payments/${payment}`, server.serviceKey)).body;
const eventsOf = (intent: string, type?: string) =>
  stand.state.events().filter((e) => (e.data.object as { id: string }).id === intent && (!type || e.type === type));

describe('POST /webhooks/stripe', () => {
  it('settles a payment whose answer was lost, from events sent twice and in reverse', async () => {
    const shop = await customer();
    const { order, payment, intent } = await lostPayment(shop);
    assert.equal((await stateOf(payment)).current_state, 'processing');
    const deliveries = await stand.webhooks.flush({ order: 'reverse', copies: 2 });
    assert.ok(deliveries.length >= 2);
    assert.ok(
      deliveries.every((d) => d.status === 200),
      JSON.stringify(deliveries),
    );
    await until(async () => (await stateOf(payment)).current_state === 'succeeded', 'the event to settle it');
    assert.equal(await shop.status(order), 'SUCCESS');
    assert.equal(stand.state.successfulChargesByOrder().get(order)!.length, 1);
    const confirms = (await stateOf(payment)).charges.filter((c: { kind: string }) => c.kind === 'confirm');
    assert.deepEqual(
      confirms.map((c: { status: string }) => c.status),
      ['succeeded'],
    );
    void intent;
  });

  it('duplicated and out-of-order events of a settled payment change nothing', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    stand.webhooks.pause();
    const declined = await shop.pay([order], await card(shop, 'pm_card_chargeCustomerFail'));
    assert.equal(declined.status, 402);
    const paid = await shop.pay([order], await card(shop, 'pm_card_visa'));
    assert.equal(paid.status, 200);
    const before = await stateOf(paid.body._id.$oid);
    const deliveries = await stand.webhooks.flush({ order: 'reverse', copies: 3 });
    assert.ok(deliveries.some((d) => d.type === 'payment_intent.payment_failed'));
    assert.ok(deliveries.every((d) => d.status === 200));
    const after = await stateOf(paid.body._id.$oid);
    assert.equal(after.current_state, 'succeeded');
    assert.deepEqual(after.modified, before.modified);
    assert.equal(after.charges.length, before.charges.length);
    assert.equal(await shop.status(order), 'SUCCESS');
  });

  for (const signature of ['missing', 'wrong-secret', 'tampered', 'stale'] as const) {
    it(`refuses an event ${signature === 'missing' ? 'without a signature' : `with a ${signature} signature`} (400), writing nothing`, async () => {
      const shop = await customer();
      const { payment, intent } = await lostPayment(shop);
      const event = eventsOf(intent, 'payment_intent.succeeded')[0]!;
      const refused = await stand.webhooks.send(event, { signature });
      assert.equal(refused.status, 400);
      await stand.idle();
      assert.equal((await stateOf(payment)).current_state, 'processing');
      const accepted = await stand.webhooks.send(event);
      assert.equal(accepted.status, 200);
      assert.equal((await stateOf(payment)).current_state, 'succeeded');
    });
  }

  it('answers other event types 200 and ignores them', async () => {
    const shop = await customer();
    const { payment, intent } = await lostPayment(shop);
    for (const type of ['payment_intent.created', 'charge.succeeded'] as const) {
      const event = stand.state
        .events()
        .find((e) => e.type === type && JSON.stringify(e.data.object).includes(intent)) as Stripe.Event;
      const delivery = await stand.webhooks.send(event);
      assert.equal(delivery.status, 200, type);
    }
    assert.equal((await stateOf(payment)).current_state, 'processing');
    await stand.webhooks.flush();
    await until(async () => (await stateOf(payment)).current_state === 'succeeded', 'the succeeded event');
  });

  it('setup_intent.succeeded saves a card whose authentication completed, without the browser coming back', async () => {
    const shop = await customer();
    const created = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
    const id = created.body._id.$oid;
    const put = await shop.call('PUT', `/payment_methods/${id}`, {
      payment_method_id: 'pm_card_authenticationRequiredOnSetup',
    });
    assert.equal(put.body.setup_intent.status, 'requires_action');
    stand.authenticate(put.body.setup_intent.id, 'complete');
    await stand.idle();
    const [row] = await server.db.query<{ status: string; source: string | null }>(
      `SELECT setup_intent->>'status' AS status, source FROM payment_methods WHERE id = $1`,
      [id],
    );
    assert.equal(row!.status, 'succeeded');
    assert.match(row!.source!, /^pm_/);
  });
});
