import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TestProcessor } from '../../server/payments/test-processor.ts';
import type { ChargeRequest } from '../../server/payments/processor.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The offline test processor keeps Stripe's idempotency rule for its creates (a charge, a PaymentIntent,
// a SetupIntent), each written as its key and its object in one statement: the same key and parameters
// get the first answer and make nothing more, other parameters are refused, concurrent sends make one
// object, and a key is forgotten after 24 hours.

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.UTC(2026, 11, 1, 12);
const processor = new TestProcessor(() => clock);
let server: TestServer;

before(async () => {
  server = await startTestServer({ processor });
});
after(() => server.close());

const charge = (key: string, amount = 8700, token = 'tok_visa'): ChargeRequest => ({
  amount,
  currency: 'EUR',
  customerId: 'cus_test_keys',
  card: { id: 'card_test_keys' } as ChargeRequest['card'],
  token,
  idempotencyKey: key,
  description: 'Order 1',
  metadata: { order: '1' },
});

const stored = async (kind: string, field: string, value: string) =>
  server.db.query<{ id: string }>(`SELECT id FROM test_processor_objects WHERE kind = $1 AND data->>$2 = $3`, [
    kind,
    field,
    value,
  ]);

describe('the test processor’s idempotency keys', () => {
  it('answers a repeated charge with its first answer and makes one charge', async () => {
    const first = await processor.charge(charge('k-repeat'));
    const again = await processor.charge(charge('k-repeat'));
    assert.equal(first.outcome, 'succeeded');
    assert.deepEqual(again, first);
    assert.deepEqual(
      (await stored('charge', 'idempotency_key', 'k-repeat')).map((r) => r.id),
      [first.id],
    );
  });

  it('keeps a decline as the answer to its key', async () => {
    const first = await processor.charge(charge('k-decline', 8700, 'tok_chargeDeclined'));
    assert.equal(first.outcome, 'declined');
    assert.deepEqual(await processor.charge(charge('k-decline', 8700, 'tok_chargeDeclined')), first);
  });

  it('refuses the same key with other parameters, and writes nothing for it', async () => {
    const first = await processor.charge(charge('k-other'));
    await assert.rejects(processor.charge(charge('k-other', 9900)), /first used for another request/);
    assert.equal((await stored('charge', 'idempotency_key', 'k-other')).length, 1);
    assert.equal(first.outcome, 'succeeded');
  });

  it('makes one charge for one key sent many times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => processor.charge(charge('k-race'))));
    assert.equal(new Set(answers.map((a) => a.id)).size, 1);
    assert.equal((await stored('charge', 'idempotency_key', 'k-race')).length, 1);
  });

  it('makes one PaymentIntent per key, and one SetupIntent per key', async () => {
    const params = {
      amount: 8700,
      currency: 'eur',
      customer: 'cus_test_keys',
      confirmation_method: 'manual',
      allowed_payment_method_types: ['card', 'link'],
      description: 'Order 2',
      metadata: { order: '2' },
    } as const;
    const [a, b] = await Promise.all([processor.createIntent(params, 'k-pi'), processor.createIntent(params, 'k-pi')]);
    assert.ok(a.kind === 'intent' && b.kind === 'intent');
    assert.equal(a.intent.id, b.intent.id);
    assert.equal((await processor.retrieveIntent(a.intent.id)).status, 'requires_payment_method');
    assert.equal((await stored('payment_intent', 'customer', 'cus_test_keys')).length, 1);
    await assert.rejects(processor.createIntent({ ...params, amount: 1 }, 'k-pi'), /first used for another request/);

    const setup = await processor.createSetupIntent('cus_test_keys', { user: 'u1' }, 'k-seti');
    assert.deepEqual(await processor.createSetupIntent('cus_test_keys', { user: 'u1' }, 'k-seti'), setup);
    assert.equal((await processor.retrieveSetupIntent(setup.id)).status, 'requires_payment_method');
  });

  it('forgets a key after 24 hours, as Stripe does: the same key then makes a new charge', async () => {
    const first = await processor.charge(charge('k-old'));
    clock += DAY + 1;
    const later = await processor.charge(charge('k-old', 100));
    assert.notEqual(later.id, first.id);
    assert.equal((await stored('charge', 'idempotency_key', 'k-old')).length, 2);
  });
});
