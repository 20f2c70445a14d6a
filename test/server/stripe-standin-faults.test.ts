// The Stripe stand-in's idempotency layer (Stripe's documented rules), its faults on demand, its
// request log, and its signed webhooks, all seen through the official `stripe` SDK.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { KEY_LIFETIME_MS, startStripeStandIn, type StripeStandIn } from '../support/stripe/index.ts';

let stand: StripeStandIn;
let stripe: Stripe;

before(async () => {
  stand = await startStripeStandIn();
  stripe = new Stripe(stand.secretKey, stand.clientOptions());
});
after(() => stand.close());
afterEach(() => stand.faults.clear());

async function refusal(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Stripe.errors.StripeError, String(error));
    return error;
  }
  assert.fail('expected Stripe to refuse');
}

const cardsOnly = { allowed_payment_method_types: ['card' as const] };
let n = 0;
const key = () => `test-key-${++n}-${Date.now()}`;
const payParams = (order: string): Stripe.PaymentIntentCreateParams => ({
  amount: 8700,
  currency: 'eur',
  payment_method: 'pm_card_visa',
  confirm: true,
  metadata: { tillkit_orders: order, tillkit_company: 'c1' },
  ...cardsOnly,
});
const intentsOf = (order: string) => stand.state.paymentIntents().filter((pi) => pi.metadata.tillkit_orders === order);

describe('idempotent requests', () => {
  it('the same key and parameters get the first answer back, replayed, and nothing happens again', async () => {
    const k = key();
    const first = await stripe.paymentIntents.create(payParams('idem-1'), { idempotencyKey: k });
    assert.equal(first.lastResponse.headers['idempotent-replayed'], undefined);
    // The same parameters sent in another order: parsed, they are the same request.
    const reordered = {
      ...cardsOnly,
      metadata: { tillkit_company: 'c1', tillkit_orders: 'idem-1' },
      ...payParams('idem-1'),
    };
    const second = await stripe.paymentIntents.create(reordered, { idempotencyKey: k });
    assert.equal(second.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(second.lastResponse.headers['original-request'], first.lastResponse.requestId);
    assert.equal(second.id, first.id);
    assert.equal(second.latest_charge, first.latest_charge);
    assert.equal(intentsOf('idem-1').length, 1);
    assert.equal(stand.state.successfulChargesByOrder().get('idem-1')!.length, 1);
    const replays = stand.requests.filter((r) => r.idempotencyKey === k);
    assert.deepEqual(
      replays.map((r) => [r.status, r.replayed]),
      [
        [200, false],
        [200, true],
      ],
    );
  });

  it('the same key with other parameters is a 400 idempotency_error, and does nothing', async () => {
    const k = key();
    await stripe.paymentIntents.create(payParams('idem-2'), { idempotencyKey: k });
    const error = await refusal(stripe.paymentIntents.create(payParams('idem-2b'), { idempotencyKey: k }));
    assert.ok(error instanceof Stripe.errors.StripeIdempotencyError);
    assert.equal(error.statusCode, 400);
    assert.equal(error.rawType, 'idempotency_error');
    assert.equal(
      error.message,
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${k}' if you meant to execute a different request.`,
    );
    assert.equal(intentsOf('idem-2b').length, 0);
    const elsewhere = await refusal(stripe.customers.create({}, { idempotencyKey: k }));
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.message, /same endpoint/);
  });

  it('a card error is an answer like any other: the same key replays the 402', async () => {
    const k = key();
    const params = { ...payParams('idem-3'), payment_method: 'pm_card_chargeDeclined' };
    const first = await refusal(stripe.paymentIntents.create(params, { idempotencyKey: k }));
    const second = await refusal(stripe.paymentIntents.create(params, { idempotencyKey: k }));
    assert.equal(second.statusCode, 402);
    assert.equal(second.headers!['idempotent-replayed'], 'true');
    assert.equal(second.charge, first.charge);
    assert.equal(intentsOf('idem-3').length, 1);
  });

  it('a request refused in validation saves nothing: the key can be used again once it is right', async () => {
    const k = key();
    const bad = await refusal(
      stripe.paymentIntents.create({ ...payParams('idem-4'), currency: 'xyz' }, { idempotencyKey: k }),
    );
    assert.equal(bad.statusCode, 400);
    const good = await stripe.paymentIntents.create(payParams('idem-4'), { idempotencyKey: k });
    assert.equal(good.status, 'succeeded');
  });

  it('a key still in progress answers 409; the first request finishes, then the key replays', async () => {
    const k = key();
    const hold = stand.faults.hold({ idempotencyKey: k });
    const first = stripe.paymentIntents.create(payParams('idem-5'), { idempotencyKey: k });
    await hold.arrived;
    const conflict = await refusal(stripe.paymentIntents.create(payParams('idem-5'), { idempotencyKey: k }));
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.code, 'idempotency_key_in_use');
    assert.equal(conflict.rawType, 'idempotency_error');
    hold.release();
    const done = await first;
    assert.equal(done.status, 'succeeded');
    const replay = await stripe.paymentIntents.create(payParams('idem-5'), { idempotencyKey: k });
    assert.equal(replay.id, done.id);
    assert.equal(intentsOf('idem-5').length, 1);
  });

  it('keys belong to one account and are forgotten after 24 hours', async () => {
    const other = await startStripeStandIn({ otherSecretKeys: ['sk_test_second_account'] });
    try {
      const a = new Stripe(other.secretKey, other.clientOptions());
      const b = new Stripe('sk_test_second_account', other.clientOptions());
      const k = key();
      const one = await a.customers.create({ email: 'a@example.com' }, { idempotencyKey: k });
      const two = await b.customers.create({ email: 'b@example.com' }, { idempotencyKey: k });
      assert.notEqual(one.id, two.id);
      other.clock.advance(KEY_LIFETIME_MS - 1000);
      assert.equal(
        (await refusal(a.customers.create({ email: 'c@example.com' }, { idempotencyKey: k }))).statusCode,
        400,
      );
      other.clock.advance(1000);
      const fresh = await a.customers.create({ email: 'c@example.com' }, { idempotencyKey: k });
      assert.notEqual(fresh.id, one.id);
      assert.equal(fresh.lastResponse.headers['idempotent-replayed'], undefined);
    } finally {
      await other.close();
    }
  });
});

describe('faults on demand', () => {
  it('drop after acting: the client sees a network error, the payment happened, a retry with the key replays it', async () => {
    const k = key();
    // The SDK retries a reset connection once even with maxNetworkRetries 0: drop both.
    stand.faults.drop({ method: 'POST', path: '/v1/payment_intents' }, { times: 2 });
    const error = await refusal(stripe.paymentIntents.create(payParams('drop-1'), { idempotencyKey: k }));
    assert.ok(error instanceof Stripe.errors.StripeConnectionError);
    const [intent] = intentsOf('drop-1');
    assert.equal(intent!.status, 'succeeded');
    const retried = await stripe.paymentIntents.create(payParams('drop-1'), { idempotencyKey: k });
    assert.equal(retried.id, intent!.id);
    assert.equal(retried.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(stand.state.successfulChargesByOrder().get('drop-1')!.length, 1);
    const seen = stand.requests.filter((r) => r.idempotencyKey === k);
    assert.deepEqual(
      seen.map((r) => [r.status, r.faults.join(), r.replayed]),
      [
        [null, 'drop-after', false],
        [null, 'drop-after', true],
        [200, '', true],
      ],
    );
  });

  it('drop before acting: nothing happened', async () => {
    stand.faults.drop({ path: '/v1/customers' }, { when: 'before', times: 2 });
    const before = stand.state.customers().length;
    await refusal(stripe.customers.create({ email: 'lost@example.com' }));
    assert.equal(stand.state.customers().length, before);
  });

  it('fail before acting (503, 429): nothing happened and the key is free', async () => {
    const k = key();
    stand.faults.fail({ path: '/v1/payment_intents' }, { status: 503 });
    const unavailable = await refusal(stripe.paymentIntents.create(payParams('fail-1'), { idempotencyKey: k }));
    assert.ok(unavailable instanceof Stripe.errors.StripeAPIError);
    assert.equal(unavailable.statusCode, 503);
    stand.faults.rateLimit({ path: '/v1/payment_intents' });
    const limited = await refusal(stripe.paymentIntents.create(payParams('fail-1'), { idempotencyKey: k }));
    assert.ok(limited instanceof Stripe.errors.StripeRateLimitError);
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.code, 'rate_limit');
    assert.equal(intentsOf('fail-1').length, 0);
    const paid = await stripe.paymentIntents.create(payParams('fail-1'), { idempotencyKey: k });
    assert.equal(paid.lastResponse.headers['idempotent-replayed'], undefined);
    assert.equal(paid.status, 'succeeded');
  });

  it('fail after acting: a 500 although the payment happened, and Stripe replays that 500 for the key', async () => {
    const k = key();
    stand.faults.fail({ path: '/v1/payment_intents' }, { when: 'after', status: 500 });
    const error = await refusal(stripe.paymentIntents.create(payParams('fail-2'), { idempotencyKey: k }));
    assert.equal(error.statusCode, 500);
    assert.equal(error.headers!['stripe-should-retry'], 'false');
    assert.equal(intentsOf('fail-2')[0]!.status, 'succeeded');
    const again = await refusal(stripe.paymentIntents.create(payParams('fail-2'), { idempotencyKey: k }));
    assert.equal(again.statusCode, 500);
    assert.equal(again.headers!['idempotent-replayed'], 'true');
    // The way out is to ask: the intent can be found by its metadata.
    const found = await stripe.paymentIntents.search({ query: "metadata['tillkit_orders']:'fail-2'" });
    assert.equal(found.data[0]!.status, 'succeeded');
  });

  it('hold after acting: the effect is visible while the answer waits', async () => {
    const hold = stand.faults.hold({ path: '/v1/payment_intents' }, { when: 'after' });
    const pending = stripe.paymentIntents.create(payParams('hold-1'));
    const caught = await hold.arrived;
    assert.equal(caught.method, 'POST');
    assert.equal(intentsOf('hold-1')[0]!.status, 'succeeded');
    hold.release();
    assert.equal((await pending).status, 'succeeded');
    assert.equal(hold.caught, 1);
  });

  it('delay, and a predicate matcher', async () => {
    stand.faults.delay((r) => r.path.startsWith('/v1/customers') && r.params.email === 'slow@example.com', 150);
    const started = Date.now();
    await stripe.customers.create({ email: 'slow@example.com' });
    assert.ok(Date.now() - started >= 140);
  });

  it('records every request: method, path, parsed parameters, key, Stripe-Version, answer', async () => {
    const k = key();
    const intent = await stripe.paymentIntents.create(payParams('log-1'), { idempotencyKey: k });
    const seen = stand.requests.find((r) => r.idempotencyKey === k)!;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.path, '/v1/payment_intents');
    assert.deepEqual(seen.params, {
      amount: '8700',
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      metadata: { tillkit_orders: 'log-1', tillkit_company: 'c1' },
      allowed_payment_method_types: ['card'],
    });
    assert.equal(seen.stripeVersion, Stripe.API_VERSION);
    assert.equal(seen.account, stand.secretKey);
    assert.equal(seen.status, 200);
    assert.equal((seen.body as Stripe.PaymentIntent).id, intent.id);
  });

  it('chaos: hundreds of payments retried with their keys through random faults charge each order once', async () => {
    const chaos = stand.faults.chaos({ match: { path: /^\/v1\/payment_intents/ }, rate: 0.35, seed: 42 });
    const retrying = new Stripe(stand.secretKey, { ...stand.clientOptions(), maxNetworkRetries: 0 });
    const orders = Array.from({ length: 200 }, (_, i) => `chaos-${i}`);
    const payOnce = async (order: string) => {
      const k = `chaos-key-${order}`;
      let paid: Stripe.PaymentIntent | null = null;
      for (let attempt = 0; !paid && attempt < 20; attempt++) {
        try {
          paid = await retrying.paymentIntents.create(payParams(order), { idempotencyKey: k });
        } catch (error) {
          // A saved 500 (fail after acting) replays forever: ask Stripe instead of charging again.
          if (error instanceof Stripe.errors.StripeAPIError && error.headers?.['idempotent-replayed'] === 'true') {
            const found = await retrying.paymentIntents
              .search({ query: `metadata['tillkit_orders']:'${order}'` })
              .catch(() => null);
            paid = found?.data[0] ?? null;
          }
        }
      }
      assert.equal(paid?.status, 'succeeded', order);
    };
    // Twenty customers at a time, as a busy shop would send them.
    for (let i = 0; i < orders.length; i += 20) await Promise.all(orders.slice(i, i + 20).map(payOnce));
    chaos.stop();
    const counts = chaos.counts;
    assert.ok(
      Object.values(counts).every((c) => c > 0),
      JSON.stringify(counts),
    );
    const byOrder = stand.state.successfulChargesByOrder();
    for (const order of orders) assert.equal(byOrder.get(order)?.length, 1, order);
    assert.equal(stand.state.doublyCharged().size, 0);
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let received: { event: Stripe.Event | null; error: string | null }[];
  let hooked: StripeStandIn;
  let client: Stripe;
  const verifier = new Stripe('sk_test_unused');

  before(async () => {
    received = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += String(c)));
      req.on('end', () => {
        try {
          const event = verifier.webhooks.constructEvent(
            body,
            req.headers['stripe-signature'] ?? '',
            hooked.webhookSecret,
          );
          received.push({ event, error: null });
          res.writeHead(200).end('{}');
        } catch (error) {
          received.push({ event: null, error: (error as Error).message });
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
    hooked = await startStripeStandIn({ webhookUrl: url });
    client = new Stripe(hooked.secretKey, hooked.clientOptions());
  });
  after(async () => {
    await hooked.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('sends signed events as things happen; the SDK’s constructEvent verifies them', async () => {
    received.length = 0;
    const intent = await client.paymentIntents.create({ ...payParams('hook-1') });
    await hooked.idle();
    const types = received.map((r) => r.event?.type);
    assert.deepEqual(types, ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    const succeeded = received[2]!.event as Stripe.PaymentIntentSucceededEvent;
    assert.equal(succeeded.data.object.id, intent.id);
    assert.equal(succeeded.data.object.status, 'succeeded');
    assert.equal(succeeded.data.object.metadata.tillkit_orders, 'hook-1');
    assert.equal(succeeded.api_version, Stripe.API_VERSION);
    assert.ok(hooked.webhooks.deliveries.every((d) => d.status === 200));
    assert.equal((await client.events.retrieve(succeeded.id)).id, succeeded.id);
  });

  it('payment_failed, canceled and setup_intent.succeeded too', async () => {
    received.length = 0;
    const failed = await refusal(
      client.paymentIntents.create({ ...payParams('hook-2'), payment_method: 'pm_card_chargeDeclined' }),
    );
    await client.paymentIntents.cancel(failed.payment_intent!.id);
    const setup = await client.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true, ...cardsOnly });
    await hooked.idle();
    const types = received.map((r) => r.event?.type);
    assert.ok(types.includes('payment_intent.payment_failed'));
    assert.ok(types.includes('payment_intent.canceled'));
    const saved = received.find((r) => r.event?.type === 'setup_intent.succeeded')!
      .event as Stripe.SetupIntentSucceededEvent;
    assert.equal(saved.data.object.id, setup.id);
  });

  for (const [signature, reason] of [
    ['wrong-secret', /No signatures found matching the expected signature/],
    ['tampered', /No signatures found matching the expected signature/],
    ['stale', /Timestamp outside the tolerance zone/],
    ['missing', /No stripe-signature header value was provided|Unable to extract timestamp/],
  ] as const) {
    it(`a ${signature} signature is refused by constructEvent`, async () => {
      received.length = 0;
      const event = hooked.state.events().at(-1)!;
      const delivery = await hooked.webhooks.send(event, { signature });
      assert.equal(delivery.status, 400);
      assert.match(received[0]!.error!, reason);
    });
  }

  it('a valid one is verified, and its header is t=…,v1=<hmac of "t.payload">', async () => {
    const event = hooked.state.events().at(-1)!;
    const { payload, header } = hooked.webhooks.signed(event);
    assert.match(header!, /^t=\d+,v1=[0-9a-f]{64}$/);
    const parsed = verifier.webhooks.constructEvent(payload, header!, hooked.webhookSecret);
    assert.equal(parsed.id, event.id);
  });

  it('paused events are sent again later: duplicated and out of order', async () => {
    received.length = 0;
    hooked.webhooks.pause();
    await client.paymentIntents.create({ ...payParams('hook-3') });
    assert.equal(received.length, 0);
    const deliveries = await hooked.webhooks.flush({ order: 'reverse', copies: 2 });
    assert.deepEqual(
      deliveries.map((d) => d.type),
      [
        'payment_intent.succeeded',
        'payment_intent.succeeded',
        'charge.succeeded',
        'charge.succeeded',
        'payment_intent.created',
        'payment_intent.created',
      ],
    );
    assert.equal(received.length, 6);
    assert.equal(received[0]!.event!.id, received[1]!.event!.id);
  });
});
