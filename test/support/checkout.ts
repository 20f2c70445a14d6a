// A customer's steps against a reference server (in this process or another one): order, save a card,
// pay, read the order. Each step asserts the answers a step must have, and returns ids.
import assert from 'node:assert/strict';
import { actionUrl, authenticate } from './authentication.ts';
import type { RequestOptions, TestResponse } from './server.ts';

export interface Requester {
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export function checkout(server: Requester, token: string) {
  const call = (method: string, path: string, body?: unknown, key?: string) =>
    server.request(method, path, { token, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
  /** A payment method made without a token, then given the PaymentMethod `id` (its SetupIntent confirmed). */
  async function saveThroughSetup(id: string): Promise<{ methodId: string; saved: TestResponse }> {
    const setup = await call('POST', '/payment_methods', { payment_method: 'stripe' });
    assert.equal(setup.status, 200, setup.text);
    const methodId = setup.body._id.$oid as string;
    const saved = await call('PUT', `/payment_methods/${methodId}`, { payment_method_id: id });
    assert.equal(saved.status, 200, saved.text);
    return { methodId, saved };
  }
  return {
    call,
    /** A new order of `quantity` × `product`; its id. */
    async order(product: string, quantity = 1): Promise<string> {
      const response = await call('POST', '/orders', { items: [{ product, quantity }] });
      assert.equal(response.status, 200, response.text);
      return response.body._id.$oid as string;
    },
    /** A payment method from seed 000's flow (`tok_…`), or from a PaymentMethod id (`pm_…`) through a SetupIntent. */
    async card(id: string): Promise<string> {
      if (id.startsWith('tok_')) {
        const response = await call('POST', '/payment_methods', { payment_method: 'stripe', token: id });
        assert.equal(response.status, 200, response.text);
        return response.body._id.$oid as string;
      }
      return (await saveThroughSetup(id)).methodId;
    },
    /** A card whose bank asks when it is saved (`pm_card_authenticationRequired`, …), authenticated; its id. */
    async authenticatedCard(id: string): Promise<string> {
      const { methodId, saved } = await saveThroughSetup(id);
      await authenticate(actionUrl(saved.body.setup_intent.next_action), 'complete');
      return methodId;
    },
    pay: (orders: readonly string[], paymentMethod: string, key?: string) =>
      call('POST', '/payments', { orders, payment_method: paymentMethod }, key),
    async status(orderId: string): Promise<string> {
      const response = await call('GET', `/orders/${orderId}`);
      assert.equal(response.status, 200, response.text);
      return response.body.order_status as string;
    },
  };
}

const BUSY = new Set(['payment-in-progress', 'idempotency_key_in_use']);

/**
 * Sends a request again, as a client would, while the answer is a 409 that says "being worked on"
 * (another process holds the payment, for as long as its lease lasts); returns the first other answer.
 */
export async function whileBusy(send: () => Promise<TestResponse>, timeout = 15_000): Promise<TestResponse> {
  const start = Date.now();
  for (;;) {
    const response = await send();
    if (response.status !== 409 || !BUSY.has(response.body?.code) || Date.now() - start > timeout) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
