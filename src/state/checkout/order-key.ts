import { uuid } from '../../api/http.ts';
import { saveSession } from './session.ts';
import { $checkout, update } from './store.ts';

/**
 * The key for creating an order with this body: the same one again after a reload or a lost answer,
 * so the server returns the order it already made; a new one when the cart or contact changed. The
 * key is api's `uuid()`: `crypto.randomUUID` does not exist on a plain-http page.
 */
export function orderKeyFor(body: unknown): string {
  const text = JSON.stringify(body);
  let { orderKey } = $checkout.get();
  if (orderKey?.body !== text) {
    orderKey = { key: uuid(), body: text };
    update({ orderKey });
  }
  saveSession();
  return orderKey.key;
}
