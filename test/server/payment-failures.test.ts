// Issue 10's four failures of the old payment path, each as it was reported, against the Stripe stand-in
// (which answers as Stripe does: a key reused with other parameters is a 400 idempotency_error, a dropped
// answer has still been acted on). Failure 3, a server killed mid-charge, is in payment-crash.test.ts.
// Each test runs every step first and asserts afterwards, so that on the old code it shows the harm done
// (two charges for one order, a 502 for ever, a second order) rather than stopping at the first change.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';
import { createProduct, type TestResponse, type TestServer } from '../support/server.ts';
import { checkout } from '../support/checkout.ts';
import { startStripeServer } from '../support/stripe-server.ts';
import { until } from '../support/until.ts';

const SECRET = 'sk_test_tillkit_failures_0123456789';

let stand: StripeStandIn;
let server: TestServer;
let product: string;
/** The server's clock runs `skew` ms ahead when a test needs time to pass (idempotency keys age). */
let skew = 0;

before(async () => {
  stand = await startStripeStandIn({ secretKey: SECRET });
  server = await startStripeServer(stand, {
    now: () => Date.now() + skew,
    reconcileIntervalMs: 200,
    // Longer than the SDK takes to retry a call twice, so the reconciler does not take a call in flight over.
    paymentLeaseMs: 5000,
  });
  product = await createProduct(server, { name: 'Casablanca', price: 43.5, currency: 'EUR', vat: 0.25 });
});

after(async () => {
  await server.close();
  await stand.close();
});

beforeEach(() => {
  stand.faults.clear();
  skew = 0;
});

let customers = 0;
async function customer() {
  return checkout(server, await server.userToken(`failures-${++customers}`, `f${customers}@example.com`));
}

/** Stripe acts on the charge, but its answer never arrives: the first call and the SDK's two retries. */
const loseChargeAnswers = () => stand.faults.drop({ method: 'POST', path: '/v1/charges' }, { times: 3 });
const chargesOf = (orderId: string) => stand.state.successfulChargesByOrder().get(orderId) ?? [];
const statuses = (answers: readonly TestResponse[]) => answers.map((a) => a.status);

describe('issue 10, failure 1: a charge whose answer was lost', () => {
  it('is never made a second time, by another card or inside a larger payment', async () => {
    const shop = await customer();
    const a = await shop.order(product);
    const b = await shop.order(product, 2);
    const visa = await shop.card('tok_visa');
    const mastercard = await shop.card('tok_mastercard');
    loseChargeAnswers();
    const answers = [await shop.pay([a], visa)];
    // The customer tries again with another card, then pays both orders at once.
    answers.push(await shop.pay([a], mastercard));
    answers.push(await shop.pay([a, b], visa));

    assert.deepEqual([...stand.state.doublyCharged().keys()], [], 'an order charged twice');
    assert.equal(chargesOf(a).length, 1, 'the lost charge went through at Stripe');
    assert.ok(
      answers.every((r) => r.status < 500),
      `no 5xx for a lost answer: ${statuses(answers).join(', ')}`,
    );
    assert.equal(answers[0]!.status, 202, answers[0]!.text);
    assert.equal(answers[0]!.body.current_state, 'processing');
    await until(async () => (await shop.status(a)) === 'SUCCESS', 'the lost charge to be recorded');
    // b was not paid by the refused larger payment, and still can be, once.
    assert.equal(await shop.status(b), 'CREATED');
    const paid = await shop.pay([b], visa);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(chargesOf(b).length, 1);
    assert.equal(chargesOf(b)[0]!.amount, 8700);
  });
});

describe('issue 10, failure 2: retrying with the same card after a lost answer', () => {
  it('gets the first charge back instead of a 502 for ever', async () => {
    const shop = await customer();
    const a = await shop.order(product);
    const visa = await shop.card('tok_visa');
    loseChargeAnswers();
    const answers = [await shop.pay([a], visa)];
    for (let i = 0; i < 3 && answers.at(-1)!.status !== 200; i++) answers.push(await shop.pay([a], visa));

    assert.ok(
      answers.every((r) => r.status < 500),
      `no 5xx for a lost answer: ${statuses(answers).join(', ')}`,
    );
    assert.equal(answers.at(-1)!.status, 200, answers.at(-1)!.text);
    assert.equal(answers.at(-1)!.body.current_state, 'succeeded');
    assert.equal(await shop.status(a), 'SUCCESS');
    assert.equal(chargesOf(a).length, 1);
    // Stripe never saw a key reused with other parameters.
    const refused = stand.requests.filter((r) => r.path === '/v1/charges' && r.status === 400);
    assert.deepEqual(
      refused.map((r) => r.body),
      [],
    );
  });
});

describe('issue 10, failure 4: an order committed just before a crash', () => {
  it('is not created a second time when its Idempotency-Key is used again minutes later', async () => {
    const shop = await customer();
    const key = `order-before-crash-${Date.now()}`;
    // The process "dies" once the order is committed and before its key's answer is written: the
    // database refuses that write, once.
    await server.db.exec(`
      CREATE OR REPLACE FUNCTION tillkit_test_die() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.state = 'done' THEN RAISE EXCEPTION 'the server died here'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER tillkit_test_die BEFORE INSERT OR UPDATE ON idempotency_keys
        FOR EACH ROW EXECUTE FUNCTION tillkit_test_die();
    `);
    const body = { items: [{ product, quantity: 3 }] };
    let first: TestResponse;
    try {
      first = await shop.call('POST', '/orders', body, key);
    } finally {
      await server.db.exec(`DROP TRIGGER tillkit_test_die ON idempotency_keys; DROP FUNCTION tillkit_test_die();`);
    }
    skew = 6 * 60 * 1000; // the customer's app retries the same request six minutes later
    const again = await shop.call('POST', '/orders', body, key);
    const once_more = await shop.call('POST', '/orders', body, key);

    const mine = await shop.call('GET', '/orders?size=50');
    assert.equal(mine.body.length, 1, `orders made: ${mine.body.length} (first answer ${first.status})`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body._id.$oid, mine.body[0]._id.$oid);
    assert.equal(once_more.text, again.text);
    assert.equal(once_more.headers.get('Idempotent-Replayed'), 'true');
  });
});
