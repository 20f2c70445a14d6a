// The BuiltOn client's PaymentIntent calls against the real reference server (the test processor), over
// HTTP: a card saved through a SetupIntent with a test PaymentMethod, a payment the bank wants
// authenticated (422 with its action), the test page completed, then `/confirm`; and a card whose
// saving asks for authentication first (3155), read again once authenticated.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createBuiltOnClient, type BuiltOnClient } from '../../src/api/index.ts';
import { authenticate } from '../support/authentication.ts';
import { createProduct, startTestServer, type TestServer } from '../support/server.ts';
import { failure } from './fake-fetch.ts';

let server: TestServer;
let film: string;

before(async () => {
  server = await startTestServer({ demoAuth: true });
  film = await createProduct(server, { name: 'Heat', price: 8.5, vat: 0.25, currency: 'EUR' });
});
after(() => server?.close());

async function customer(): Promise<BuiltOnClient> {
  const response = await fetch(`${server.url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': server.apiKey },
    body: JSON.stringify({ email: `sca-${randomUUID()}@example.com` }),
  });
  const { token } = (await response.json()) as { token: string };
  return createBuiltOnClient({ baseUrl: server.url, apiKey: server.apiKey, getToken: () => token, backoff: 0 });
}

describe('BuiltOn client ↔ reference server: PaymentIntents', () => {
  it('saves a card through a SetupIntent and pays; the bank asks to authenticate (3184): 422, the page, /confirm', async () => {
    const client = await customer();
    await client.createUser({ first_name: 'Hans', last_name: 'Gruber' });
    const order = await client.createOrder({ items: [{ product: film, quantity: 1 }] });
    const made = await client.setUpPaymentMethod();
    assert.equal(made.setupIntent?.status, 'requires_payment_method');
    assert.match(made.setupIntent.clientSecret, /^seti_/);

    // 3184 asks to authenticate when saved too.
    let saved = await client.savePaymentMethod(made.id, 'pm_card_authenticationRequired');
    assert.equal(saved.setupIntent?.status, 'requires_action');
    assert.equal((await authenticate(saved.setupIntent.nextAction!.url!, 'complete')).message?.outcome, 'complete');
    saved = await client.getPaymentMethod(made.id);
    assert.deepEqual([saved.setupIntent?.status, saved.card?.last4], ['succeeded', '3184']);
    assert.match(saved.source!, /^pm_/);

    const action = await failure(client.createPayment({ orders: [order.id], paymentMethod: made.id }));
    assert.equal(action.status, 422);
    const { paymentId, intentId, clientSecret, nextAction } = action.action!;
    assert.equal(nextAction?.type, 'redirect_to_url');
    const page = await authenticate(nextAction.url!, 'complete');
    assert.deepEqual([page.message?.type, page.message?.intent], ['tillkit:authentication', intentId]);
    const pending = await client.getPayment(paymentId);
    assert.deepEqual(
      [pending.currentState, pending.intentId, pending.clientSecret],
      ['requires_action', intentId, clientSecret],
    );

    const paid = await client.confirmPayment(paymentId, { intentId, clientSecret });
    assert.deepEqual([paid.id, paid.currentState, paid.amount], [paymentId, 'succeeded', order.totalAmount]);
    assert.equal((await client.getOrder(order.id)).status, 'SUCCESS');
  });

  it('a failed authentication is a 402 at /confirm, and the order is payable with another card on the same payment', async () => {
    const client = await customer();
    await client.createUser({ first_name: 'Hans', last_name: 'Gruber' });
    const order = await client.createOrder({ items: [{ product: film, quantity: 1 }] });
    const card = async (pm: string) => {
      const made = await client.setUpPaymentMethod();
      const saved = await client.savePaymentMethod(made.id, pm);
      if (saved.setupIntent?.status === 'requires_action')
        await authenticate(saved.setupIntent.nextAction!.url!, 'complete');
      return made.id;
    };
    const action = (
      await failure(
        client.createPayment({ orders: [order.id], paymentMethod: await card('pm_card_threeDSecure2Required') }),
      )
    ).action!;
    await authenticate(action.nextAction!.url!, 'fail');
    const declined = await failure(client.confirmPayment(action.paymentId, {}));
    assert.deepEqual([declined.status, declined.payment], [402, action.paymentId]);
    assert.match(declined.code ?? '', /authentication_failure/);

    const paid = await client.createPayment({ orders: [order.id], paymentMethod: await card('pm_card_visa') });
    assert.deepEqual([paid.id, paid.currentState], [action.paymentId, 'succeeded']);
  });
});
