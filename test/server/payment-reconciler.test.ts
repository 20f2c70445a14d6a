// Nothing stuck (issue 10): the reconciler settles what no request settles, with small timings here.
// An authentication left pending past its deadline is canceled at the processor and the order is payable
// again; one completed but never confirmed is confirmed; a lost answer is asked about and GET tells it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import type { ConfirmParams, IntentAnswer } from '../../server/payments/processor.ts';
import { ProcessorUnavailable } from '../../server/payments/processor.ts';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { actionUrl, authenticate } from '../support/authentication.ts';
import { until } from '../support/until.ts';

/** The test processor, losing the next answers to confirmations it has carried out. */
class LossyProcessor extends TestProcessor {
  lose = 0;
  override async confirmIntent(id: string, params: ConfirmParams, key: string): Promise<IntentAnswer> {
    const answer = await super.confirmIntent(id, params, key);
    if (this.lose > 0) {
      this.lose--;
      throw new ProcessorUnavailable('the connection was reset (simulated)');
    }
    return answer;
  }
}

const processor = new LossyProcessor();
let server: TestServer;
let product: string;

before(async () => {
  server = await startTestServer({ processor, authDeadlineMs: 1500, reconcileIntervalMs: 100, paymentLeaseMs: 2000 });
  product = await createProduct(server, { name: 'Spellbound', price: 8.5, currency: 'EUR' });
});
after(() => server.close());

let n = 0;
async function customer() {
  n++;
  return checkout(server, await server.userToken(`reconciler-${n}`));
}

/** A card that asks for authentication on every payment, set up (its own authentication completed). */
async function strongCard(shop: Awaited<ReturnType<typeof customer>>): Promise<string> {
  const method = await shop.call('POST', '/payment_methods', { payment_method: 'stripe' });
  const setup = await shop.call('PUT', `/payment_methods/${method.body._id.$oid}`, {
    payment_method_id: 'pm_card_authenticationRequired',
  });
  await authenticate(actionUrl(setup.body.setup_intent.next_action), 'complete');
  return method.body._id.$oid as string;
}

const paymentOf = async (id: string) => (await server.get(`/payments/${id}`, server.serviceKey)).body;

describe('the reconciler', () => {
  it('cancels an authentication pending past its deadline: nothing charged, the order payable again', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const asked = await shop.pay([order], await strongCard(shop));
    assert.equal(asked.status, 422);
    const { payment_id, payment_intent_id } = asked.body.error.params;
    await until(async () => (await paymentOf(payment_id)).current_state === 'canceled', 'the deadline to pass');
    assert.equal(await shop.status(order), 'DECLINED');
    assert.equal((await processor.retrieveIntent(payment_intent_id)).status, 'canceled');
    const payment = await paymentOf(payment_id);
    assert.deepEqual(
      payment.charges.map((c: { kind: string; status: string; params: { cancellation_reason?: string } }) => [
        c.kind,
        c.status,
        c.params.cancellation_reason ?? null,
      ]),
      [
        ['create', 'created', null],
        ['confirm', 'requires_action', null],
        ['cancel', 'canceled', 'abandoned'],
      ],
    );
    // The customer comes back: confirming answers the canceled payment; paying again makes a new one.
    const late = await shop.call('POST', `/payments/${payment_id}/confirm`, { payment_intent_id });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'payment-canceled');
    const paid = await shop.pay([order], await shop.card('pm_card_visa'));
    assert.equal(paid.status, 200, paid.text);
    assert.notEqual(paid.body._id.$oid, payment_id);
    assert.equal(await shop.status(order), 'SUCCESS');
  });

  it('confirms an authentication the customer completed but nobody confirmed', async () => {
    const shop = await customer();
    const order = await shop.order(product);
    const asked = await shop.pay([order], await strongCard(shop));
    await authenticate(actionUrl(asked.body.error.params.next_action), 'complete');
    // The browser closed before calling /confirm.
    await until(async () => (await shop.status(order)) === 'SUCCESS', 'the reconciler to confirm it');
    const payment = await paymentOf(asked.body.error.params.payment_id);
    assert.equal(payment.current_state, 'succeeded');
    assert.equal(payment.charges.filter((c: { status: string }) => c.status === 'succeeded').length, 1);
  });

  it('settles a payment whose answer was lost: 202, then GET /payments/:id tells it succeeded', async () => {
    const shop = await customer();
    const order = await shop.order(product, 2);
    processor.lose = 1;
    const lost = await shop.pay([order], await shop.card('pm_card_visa'));
    assert.equal(lost.status, 202, lost.text);
    assert.equal(lost.body.current_state, 'processing');
    const id = lost.body._id.$oid;
    await until(
      async () => (await shop.call('GET', `/payments/${id}`)).body.current_state === 'succeeded',
      'the outcome',
    );
    assert.equal(await shop.status(order), 'SUCCESS');
    const payment = await paymentOf(id);
    const confirms = payment.charges.filter((c: { kind: string }) => c.kind === 'confirm');
    assert.deepEqual(
      confirms.map((c: { status: string }) => c.status),
      ['succeeded'],
    );
    const processing = await server.get('/admin/payments?state=processing', server.serviceKey);
    assert.deepEqual(processing.body, []);
  });
});
