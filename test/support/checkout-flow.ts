// The checkout the server bench drives and the statement budget counts: seed 000's flow for a new
// customer, four requests in a row, each POST with its own Idempotency-Key as the widget sends it.
import { randomBytes } from 'node:crypto';

/** Sends one request and answers its JSON body; throws on anything but 2xx. */
export type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<any>;

export const CHECKOUT_STEPS = ['POST /v2/users', 'POST /orders', 'POST /payment_methods', 'POST /payments'] as const;
export type CheckoutStep = (typeof CHECKOUT_STEPS)[number];

/** What a checkout buys: a film offering a sub-product (two of it, with the sub-product) and another product. */
export interface Basket {
  readonly film: string;
  readonly sub: string;
  readonly other: string;
}

/** A basket from the server's catalogue (the demo's, or any with a product offering sub-products). */
export async function findBasket(call: Call): Promise<Basket> {
  const products: any[] = await call('GET', '/products?size=100');
  const film = products.find((p) => p._sub_products.length > 0);
  const other = products.find((p) => p !== film);
  if (!film || !other) throw new Error('the catalogue has no product offering sub-products');
  return { film: film._id.$oid, sub: film._sub_products[0].$oid, other: other._id.$oid };
}

/** A call's headers: the API key, the user's token, and with a body its type and a fresh Idempotency-Key. */
export function callHeaders(apiKey: string, body: unknown, token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'X-Builton-Api-Key': apiKey };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = randomBytes(12).toString('hex');
  }
  return headers;
}

/** A `call` over fetch with the API key; every request with a body carries a fresh Idempotency-Key. */
export function fetchCall(baseUrl: string, apiKey: string): Call {
  return async (method, path, body, token) => {
    const headers = callHeaders(apiKey, body, token);
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/**
 * One checkout by the customer of `token` (seen for the first time): log in, order, save `tok_visa`,
 * pay. `after` runs after each request (the statement counter reads its counts there).
 */
export async function checkoutOnce(
  call: Call,
  token: string,
  basket: Basket,
  after: (step: CheckoutStep) => Promise<void> | void = () => {},
): Promise<void> {
  await call('POST', '/v2/users', { first_name: 'Bench', last_name: 'Customer' }, token);
  await after('POST /v2/users');
  const order = await call(
    'POST',
    '/orders',
    {
      items: [
        { product: basket.film, quantity: 2, sub_products: [basket.sub] },
        { product: basket.other, quantity: 1 },
      ],
    },
    token,
  );
  await after('POST /orders');
  const method = await call('POST', '/payment_methods', { payment_method: 'stripe', token: 'tok_visa' }, token);
  await after('POST /payment_methods');
  const payment = await call('POST', '/payments', { orders: [order._id.$oid], payment_method: method._id.$oid }, token);
  await after('POST /payments');
  if (payment.current_state !== 'succeeded') throw new Error(`payment ${payment.current_state}`);
}
