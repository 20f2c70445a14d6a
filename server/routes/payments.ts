import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { idValue, type Body } from '../http/validate.ts';
import { paymentJson } from '../model/payment-json.ts';
import { paymentMethodById } from '../model/payment-methods.ts';
import { chargesOf, listPayments, ordersOf, paymentById } from '../model/payments.ts';
import { userForToken } from '../model/users.ts';
import { chargeClaim } from '../payments/charge.ts';
import { claimOrders } from '../payments/claim.ts';
import { recordAttempt } from '../payments/record.ts';

const MAX_ORDERS = 20;

/** `orders` (1 to 20 order ids, as given) and `payment_method` of a payment request. */
function readPayment(body: Body): { orderIds: string[]; methodId: string } {
  if (!Array.isArray(body.orders) || body.orders.length === 0 || body.orders.length > MAX_ORDERS) {
    throw badRequest('orders-invalid', `orders must list 1 to ${MAX_ORDERS} order ids`, 'orders');
  }
  const orderIds = body.orders.map((value: unknown, i) => {
    const id = idValue(value);
    if (typeof id !== 'string') throw badRequest('type-invalid', `orders[${i}] must be an order id`, `orders[${i}]`);
    if (!isObjectId(id)) throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
    return id;
  });
  const methodId = idValue(body.payment_method);
  if (typeof methodId !== 'string')
    throw badRequest('required', 'payment_method must be a payment method id', 'payment_method');
  return { orderIds, methodId };
}

/**
 * `POST /payments` charges the sum of the orders' totals in one processor call, and never twice: it
 * claims the orders (`payments/claim.ts`: one transaction moves them to PROCESSING and records the
 * payment and a pending charge), charges (`payments/charge.ts`: the processor, outside any transaction,
 * with an idempotency key), and records the outcome (`payments/record.ts`: SUCCESS; DECLINED, 402 with
 * Stripe's codes; or FAILED when the processor could not be reached, 502). DECLINED and FAILED orders
 * can be paid again.
 */
export function paymentRoutes({ db, processor, now, config, reporter }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const company = c.get('company');
    const { orderIds, methodId } = readPayment(jsonBody(c));
    const method = await paymentMethodById(db, company, methodId);
    // The payment method must be the caller's (an admin pays with the orders' owner's method).
    const userId =
      caller.kind === 'admin' ? method?.user_id : (await userForToken(db, company, caller.sub, caller.email, now())).id;
    if (!method || method.user_id !== userId)
      throw new HttpError(404, 'not-found', 'Payment method not found', 'payment_method');

    const claim = await claimOrders(db, { company, userId, orderIds, method, processor: processor.name }, now());
    const attempt = await chargeClaim(processor, claim, method);
    const { payment, reported } = await recordAttempt(db, config, claim, attempt, now());
    if (reported) reporter?.wake();

    const { result, failure } = attempt;
    if (result?.outcome === 'declined') {
      throw new HttpError(402, result.code, result.message, 'payment_method', {
        decline_code: result.declineCode,
        payment: payment.id,
      });
    }
    if (failure) {
      throw new HttpError(
        502,
        'processor-unavailable',
        'The payment processor could not be reached. Please try again.',
        'payment_method',
        { payment: payment.id },
      );
    }
    return send(c, paymentJson(payment, claim.orderIds));
  });

  /** Lists payments: a user's own, or (admin) all, with the charges made; `?order=` narrows to one order. */
  app.get('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const rows = await listPayments(db, c.get('company'), {
      sub: caller.kind === 'user' ? caller.sub : undefined,
      order: c.req.query('order'),
    });
    const ids = rows.map((r) => r.id);
    const orders = await ordersOf(db, ids);
    const charges = caller.kind === 'admin' ? await chargesOf(db, ids) : undefined;
    return send(
      c,
      rows.map((r) => paymentJson(r, orders.get(r.id) ?? [], charges ? (charges.get(r.id) ?? []) : undefined)),
      200,
      { 'X-Total-Count': String(rows.length) },
    );
  });

  app.get('/:id', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const sub = caller.kind === 'user' ? caller.sub : undefined;
    const row = await paymentById(db, c.get('company'), c.req.param('id'), sub);
    if (!row) throw notFound('Payment');
    const orders = await ordersOf(db, [row.id]);
    const charges = caller.kind === 'admin' ? await chargesOf(db, [row.id]) : undefined;
    return send(c, paymentJson(row, orders.get(row.id) ?? [], charges?.get(row.id) ?? (charges ? [] : undefined)));
  });

  return app;
}
