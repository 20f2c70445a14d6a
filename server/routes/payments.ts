import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { callerUserMade } from '../caller.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { idValue, optString, paging, queryEnum, querySearch, type Body } from '../http/validate.ts';
import { keepWithEffect, keyKept, keyPart } from '../idempotency.ts';
import { callsOf } from '../model/payment-calls.ts';
import { paymentJson } from '../model/payment-json.ts';
import { paymentMethodById, updateSetup, type PaymentMethodRow } from '../model/payment-methods.ts';
import { PAYMENT_STATES, listPayments, ordersOf, paymentById, type PaymentRow } from '../model/payments.ts';
import { originOf, paymentAnswer } from '../payments/answer.ts';
import type { KeyCommit } from '../payments/claim.ts';
import { confirmPayment } from '../payments/confirm.ts';
import { pay } from '../payments/pay.ts';
import { refreshSetup } from '../payments/setup.ts';

const MAX_ORDERS = 20;

/** `orders` (1 to 20 order ids, as given). */
function readOrders(body: Body): string[] {
  if (!Array.isArray(body.orders) || body.orders.length === 0 || body.orders.length > MAX_ORDERS) {
    throw badRequest('orders-invalid', `orders must list 1 to ${MAX_ORDERS} order ids`, 'orders');
  }
  return body.orders.map((value: unknown, i) => {
    const id = idValue(value);
    if (typeof id !== 'string') throw badRequest('type-invalid', `orders[${i}] must be an order id`, `orders[${i}]`);
    if (!isObjectId(id)) throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
    return id;
  });
}

/** `return_url`: where the browser goes back to after authenticating, an absolute http(s) URL. */
export function readReturnUrl(body: Body): string | null {
  const text = optString(body, 'return_url', 2000);
  if (text === undefined) return null;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw badRequest('url-invalid', 'return_url must be an absolute http(s) URL', 'return_url');
  }
  return url.href;
}

/**
 * The payment routes: `POST /payments` pays orders through one PaymentIntent (payments/pay.ts: 200 paid,
 * 402 declined, 422 the bank asks the customer to authenticate, 202 the processor's answer was lost, 409
 * when another payment holds an order); `POST /payments/:id/confirm` after the customer authenticated;
 * `POST /payments/:id/pay` pays a payment's orders again with another (or the same) payment method; reads.
 */
export function paymentRoutes(deps: Deps): Hono<AppEnv> {
  const { db, now } = deps;
  const app = new Hono<AppEnv>();
  const commitFor = (c: AppContext): KeyCommit => ({
    alone: (tx, paymentId) => keepWithEffect(tx, c, { paymentId }),
    part: (q, paymentId) => keyPart(c, q, { paymentId }),
    kept: (count) => keyKept(c, count),
  });

  /** The payment method named, which must be the caller's (an admin pays with the orders' owner's). */
  async function payer(c: AppContext, methodValue: unknown): Promise<{ userId: string; method: PaymentMethodRow }> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const methodId = idValue(methodValue);
    if (typeof methodId !== 'string')
      throw badRequest('required', 'payment_method must be a payment method id', 'payment_method');
    const method = await paymentMethodById(db, c.get('company'), methodId);
    const userId = caller.kind === 'admin' ? method?.user_id : (await callerUserMade(c, db, now())).id;
    if (!method || method.user_id !== userId)
      throw new HttpError(404, 'not-found', 'Payment method not found', 'payment_method');
    return { userId, method: await setUp(method) };
  }

  /** A card whose saving waited for the customer to authenticate: read its SetupIntent again. */
  async function setUp(method: PaymentMethodRow): Promise<PaymentMethodRow> {
    if (method.setup_intent?.status !== 'requires_action') return method;
    const result = await refreshSetup(deps.processor, method).catch(() => null);
    return result ? updateSetup(db, method.id, result.setup, result.saved, now()) : method;
  }

  /** The caller's payment (an admin's: any of the company's), or 404. */
  async function ownPayment(c: AppContext): Promise<PaymentRow> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const row = await paymentById(
      db,
      c.get('company'),
      c.req.param('id') ?? '',
      caller.kind === 'user' ? caller.sub : undefined,
    );
    if (!row) throw notFound('Payment');
    return row;
  }

  app.post('/', async (c) => {
    const body = jsonBody(c);
    const orderIds = readOrders(body);
    const { userId, method } = await payer(c, body.payment_method);
    const returnUrl = readReturnUrl(body);
    const payment = await pay(deps, { company: c.get('company'), userId, orderIds, method, returnUrl }, commitFor(c));
    return paymentAnswer(c, db, payment);
  });

  app.post('/:id/pay', async (c) => {
    const paid = await ownPayment(c);
    const body = jsonBody(c);
    const { userId, method } = await payer(c, body.payment_method ?? paid.payment_method_id);
    if (userId !== paid.user_id) throw new HttpError(404, 'not-found', 'Payment method not found', 'payment_method');
    const orderIds = (await ordersOf(db, [paid.id])).get(paid.id) ?? [];
    const returnUrl = readReturnUrl(body) ?? paid.return_url;
    const payment = await pay(deps, { company: c.get('company'), userId, orderIds, method, returnUrl }, commitFor(c));
    return paymentAnswer(c, db, payment);
  });

  app.post('/:id/confirm', async (c) => {
    const payment = await ownPayment(c);
    const body = jsonBody(c);
    const request = {
      paymentIntentId: optString(body, 'payment_intent_id', 255),
      clientSecret: optString(body, 'payment_client_secret', 500),
    };
    return paymentAnswer(c, db, await confirmPayment(deps, payment, request, commitFor(c)));
  });

  /** A page of payments (oldest first): a user's own, or (admin) all, with their calls. */
  async function list(c: AppContext, text: string | undefined): Promise<Response> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const query = (name: string) => c.req.query(name);
    const page = paging((name) => (name === 'size' ? (query('size') ?? '100') : query(name)));
    const { rows, total } = await listPayments(
      db,
      c.get('company'),
      {
        sub: caller.kind === 'user' ? caller.sub : undefined,
        order: query('order') || undefined,
        state: queryEnum(query, 'state', PAYMENT_STATES),
        text,
      },
      page,
    );
    const ids = rows.map((r) => r.id);
    const orders = await ordersOf(db, ids);
    const calls = caller.kind === 'admin' ? await callsOf(db, ids) : undefined;
    const origin = originOf(c);
    return send(
      c,
      rows.map((r) => paymentJson(r, orders.get(r.id) ?? [], origin, calls ? (calls.get(r.id) ?? []) : undefined)),
      200,
      { 'X-Total-Count': String(total), 'X-Pagination-Total': String(total) },
    );
  }

  app.get('/', (c) => list(c, undefined));

  app.get('/search', (c) =>
    list(
      c,
      querySearch((name) => c.req.query(name)),
    ),
  );

  app.get('/:id', async (c) => {
    const row = await ownPayment(c);
    const orders = await ordersOf(db, [row.id]);
    const calls = c.get('caller').kind === 'admin' ? await callsOf(db, [row.id]) : undefined;
    return send(
      c,
      paymentJson(row, orders.get(row.id) ?? [], originOf(c), calls ? (calls.get(row.id) ?? []) : undefined),
    );
  });

  return app;
}
