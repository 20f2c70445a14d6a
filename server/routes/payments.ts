import { Hono } from 'hono';
import { CURRENCY_MISMATCH } from 'tillkit/core';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import { Params } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { humanId, isObjectId, objectId } from '../http/ids.ts';
import { date, money, oid, optionalDate, type Json } from '../http/json.ts';
import { idValue } from '../http/validate.ts';
import { OPEN_STATUSES_SQL, type OrderRow } from '../model/orders.ts';
import { userForToken } from '../model/users.ts';
import type { ChargeResult } from '../payments/processor.ts';
import { reportPaid } from '../button/outbox.ts';
import { closedOrder } from './orders.ts';
import type { PaymentMethodRow } from './payment-methods.ts';

interface PaymentRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly human_id: string;
  readonly payment_method_id: string;
  readonly order_key: string;
  readonly amount: number;
  readonly currency: string;
  readonly current_state: 'processing' | 'succeeded' | 'declined' | 'failed';
  readonly charge_id: string | null;
  readonly error_code: string | null;
  readonly decline_code: string | null;
  readonly error_message: string | null;
  readonly payment_date: number | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

interface ChargeRow {
  readonly id: string;
  readonly payment_id: string;
  readonly processor: string;
  readonly amount: number;
  readonly currency: string;
  readonly idempotency_key: string;
  readonly status: string;
  readonly processor_id: string | null;
  readonly code: string | null;
  readonly decline_code: string | null;
  readonly message: string | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

const MAX_ORDERS = 20;

/** Seed 000's payment object; admins also see the processor calls made for it (`charges`). */
function paymentJson(row: PaymentRow, orders: readonly string[], charges?: readonly ChargeRow[]): Json {
  return {
    _id: oid(row.id),
    company: oid(row.company_id),
    user: oid(row.user_id),
    human_id: row.human_id,
    amount: money(row.amount, row.currency),
    currency: row.currency,
    current_state: row.current_state,
    active: true,
    deleted: false,
    metadata: {},
    subject: orders[0] ?? null,
    orders: orders.map(oid),
    payment_method: row.payment_method_id,
    payment_date: optionalDate(row.payment_date),
    charge_id: row.charge_id ?? undefined,
    error_code: row.error_code ?? undefined,
    decline_code: row.decline_code ?? undefined,
    error_message: row.error_message ?? undefined,
    charges: charges?.map((ch) => ({
      _id: oid(ch.id),
      processor: ch.processor,
      amount: money(ch.amount, ch.currency),
      currency: ch.currency,
      status: ch.status,
      processor_id: ch.processor_id,
      code: ch.code,
      decline_code: ch.decline_code,
      message: ch.message,
      idempotency_key: ch.idempotency_key,
      created: date(ch.created),
    })),
    created: date(row.created),
    modified: date(row.modified),
  };
}

/**
 * `POST /payments` charges the sum of the orders' totals in one processor call, and never twice:
 *
 * 1. One transaction locks the orders (in id order, so two payments can not deadlock), checks they are
 *    the caller's, open and in one currency, moves them to PROCESSING and records the payment and a
 *    pending charge. A concurrent payment for any of them finds PROCESSING (or SUCCESS) and gets 409.
 * 2. The processor is called outside any transaction, with an idempotency key.
 * 3. A second transaction records the outcome: SUCCESS; DECLINED (402, Stripe's codes); or FAILED when
 *    the processor could not be reached (502). DECLINED and FAILED orders can be paid again.
 */
export function paymentRoutes({ db, processor, now, config, reporter }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const company = c.get('company');
    const body = jsonBody(c);
    if (!Array.isArray(body.orders) || body.orders.length === 0 || body.orders.length > MAX_ORDERS) {
      throw badRequest('orders-invalid', `orders must list 1 to ${MAX_ORDERS} order ids`, 'orders');
    }
    const orderIds = body.orders.map((value: unknown, i) => {
      const id = idValue(value);
      if (typeof id !== 'string') throw badRequest('type-invalid', `orders[${i}] must be an order id`, `orders[${i}]`);
      if (!isObjectId(id)) throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
      return id;
    });
    const unique = [...new Set(orderIds)].sort();
    const methodId = idValue(body.payment_method);
    if (typeof methodId !== 'string')
      throw badRequest('required', 'payment_method must be a payment method id', 'payment_method');
    const [method] = isObjectId(methodId)
      ? await db.query<PaymentMethodRow>(
          `SELECT * FROM payment_methods WHERE company_id = $1 AND id = $2 AND NOT deleted`,
          [company, methodId],
        )
      : [];
    // The payment method must be the caller's (an admin pays with the orders' owner's method).
    const userId =
      caller.kind === 'admin' ? method?.user_id : (await userForToken(db, company, caller.sub, caller.email, now())).id;
    if (!method || method.user_id !== userId)
      throw new HttpError(404, 'not-found', 'Payment method not found', 'payment_method');

    const at = now();
    const orderKey = unique.join(',');
    const claim = await db.transaction(async (tx) => {
      const q = new Params();
      const rows = await tx.query<OrderRow>(
        `SELECT * FROM orders WHERE company_id = ${q.add(company)} AND id IN (SELECT jsonb_array_elements_text(${q.json(unique)}))
          ORDER BY id FOR UPDATE`,
        q.values,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      orderIds.forEach((id, i) => {
        const row = byId.get(id);
        if (!row || row.user_id !== userId) throw new HttpError(404, 'not-found', 'Order not found', `orders[${i}]`);
      });
      for (const row of rows) {
        if (!['CREATED', 'DECLINED', 'FAILED'].includes(row.order_status)) {
          const refusal = closedOrder(row.order_status);
          throw new HttpError(
            409,
            refusal.code,
            `${refusal.message} (order ${row.human_id})`,
            `orders[${orderIds.indexOf(row.id)}]`,
          );
        }
      }
      const currency = rows[0]!.currency;
      if (rows.some((r) => r.currency !== currency)) throw badRequest('currency-mismatch', CURRENCY_MISMATCH, 'orders');
      const amount = rows.reduce((sum, r) => sum + r.total_amount, 0);
      if (amount <= 0) throw badRequest('amount-invalid', 'There is nothing to pay for these orders', 'orders');
      if (!Number.isSafeInteger(amount))
        throw badRequest('amount-invalid', 'These orders together are too large to pay at once', 'orders');

      const u = new Params();
      await tx.query(
        `UPDATE orders SET order_status = 'PROCESSING', modified = ${u.add(at)}
          WHERE id IN (SELECT jsonb_array_elements_text(${u.json(unique)})) AND order_status IN ${OPEN_STATUSES_SQL}`,
        u.values,
      );
      const paymentId = objectId(at);
      let payment: PaymentRow | undefined;
      for (let attempt = 0; !payment && attempt < 8; attempt++) {
        [payment] = await tx.query<PaymentRow>(
          `INSERT INTO payments (id, company_id, user_id, human_id, payment_method_id, order_key, amount, currency, current_state, created, modified)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'processing', $9, $9)
           ON CONFLICT (company_id, human_id) DO NOTHING RETURNING *`,
          [paymentId, company, userId, humanId(), method.id, orderKey, amount, currency, at],
        );
      }
      if (!payment) throw new Error('could not draw a unique human_id');
      for (const id of unique) {
        await tx.query(`INSERT INTO payment_orders (payment_id, order_id) VALUES ($1, $2)`, [payment.id, id]);
      }
      // The same orders, card and amount after a failure whose outcome is unknown: the same key, so the
      // processor hands back the first charge if it went through, instead of charging again.
      const [failed] = await tx.query<{ idempotency_key: string }>(
        `SELECT c.idempotency_key FROM charges c JOIN payments p ON p.id = c.payment_id
          WHERE p.company_id = $1 AND p.order_key = $2 AND p.payment_method_id = $3 AND c.amount = $4 AND c.currency = $5
            AND c.status = 'failed' AND c.processor = $6 AND c.created > $7
          ORDER BY c.created DESC LIMIT 1`,
        [company, orderKey, method.id, amount, currency, processor.name, at - 23 * 60 * 60 * 1000],
      );
      const idempotencyKey = failed?.idempotency_key ?? `tillkit-charge-${payment.id}`;
      const chargeId = objectId(at);
      await tx.query(
        `INSERT INTO charges (id, company_id, payment_id, processor, amount, currency, idempotency_key, status, created, modified)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)`,
        [chargeId, company, payment.id, processor.name, amount, currency, idempotencyKey, at],
      );
      return { payment, rows, chargeId, idempotencyKey };
    });

    const { payment, rows, chargeId, idempotencyKey } = claim;
    let result: ChargeResult | undefined;
    let failure: unknown;
    try {
      result = await processor.charge({
        amount: payment.amount,
        currency: payment.currency,
        customerId: method.customer_id,
        card: method.card,
        token: method.token,
        idempotencyKey,
        description: `Tillkit order${rows.length > 1 ? 's' : ''} ${rows.map((r) => r.human_id).join(', ')}`,
        metadata: { tillkit_payment: payment.id, tillkit_orders: orderKey },
      });
    } catch (error) {
      failure = error;
      console.error(
        `payment ${payment.id}: the processor failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    const done = now();
    const outcome = result?.outcome ?? 'failed';
    const orderStatus = { succeeded: 'SUCCESS', declined: 'DECLINED', failed: 'FAILED' }[outcome];
    const declined = result?.outcome === 'declined' ? result : undefined;
    const processorId = result?.id ?? null;
    const message = declined?.message ?? (failure ? 'The payment processor could not be reached' : null);
    let reported = 0;
    const recorded = await db.transaction(async (tx) => {
      const changed = await tx.query<OrderRow>(
        `UPDATE orders SET order_status = $2, modified = $3, stripe_charge_id = CASE WHEN $2 = 'SUCCESS' THEN $4 ELSE stripe_charge_id END
          WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND order_status = 'PROCESSING'
          RETURNING *`,
        [JSON.stringify(unique), orderStatus, done, processorId],
      );
      // Paid orders with an affiliate token are reported to Button: queued here, in the same transaction.
      reported = await reportPaid(
        tx,
        config,
        changed.sort((a, b) => a.id.localeCompare(b.id)),
        { id: payment.id, userId: payment.user_id, at: done },
      );
      await tx.query(
        `UPDATE charges SET status = $2, processor_id = $3, code = $4, decline_code = $5, message = $6, modified = $7 WHERE id = $1`,
        [
          chargeId,
          outcome,
          processorId,
          declined?.code ?? (failure ? 'processor-unavailable' : null),
          declined?.declineCode ?? null,
          message,
          done,
        ],
      );
      const [row] = await tx.query<PaymentRow>(
        `UPDATE payments SET current_state = $2, charge_id = $3, error_code = $4, decline_code = $5, error_message = $6,
                payment_date = $7, modified = $8
          WHERE id = $1 RETURNING *`,
        [
          payment.id,
          outcome,
          processorId,
          declined?.code ?? (failure ? 'processor-unavailable' : null),
          declined?.declineCode ?? null,
          message,
          outcome === 'succeeded' ? done : null,
          done,
        ],
      );
      return row!;
    });
    if (reported) reporter?.wake();

    if (declined) {
      throw new HttpError(402, declined.code, declined.message, 'payment_method', {
        decline_code: declined.declineCode,
        payment: payment.id,
      });
    }
    if (failure) {
      throw new HttpError(
        502,
        'processor-unavailable',
        'The payment processor could not be reached. Please try again.',
        'payment_method',
        {
          payment: payment.id,
        },
      );
    }
    return send(c, paymentJson(recorded, unique));
  });

  async function ordersOf(ids: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    const rows = await db.query<{ payment_id: string; order_id: string }>(
      `SELECT payment_id, order_id FROM payment_orders WHERE payment_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY order_id`,
      [JSON.stringify(ids)],
    );
    for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r.order_id);
    return map;
  }

  async function chargesOf(ids: readonly string[]): Promise<Map<string, ChargeRow[]>> {
    const map = new Map<string, ChargeRow[]>();
    if (ids.length === 0) return map;
    const rows = await db.query<ChargeRow>(
      `SELECT * FROM charges WHERE payment_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY created, id`,
      [JSON.stringify(ids)],
    );
    for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r);
    return map;
  }

  /** Lists payments: a user's own, or (admin) all, with the charges made; `?order=` narrows to one order. */
  app.get('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const q = new Params();
    const where = [`p.company_id = ${q.add(c.get('company'))}`];
    if (caller.kind === 'user') where.push(`u.sub = ${q.add(caller.sub)}`);
    const order = c.req.query('order');
    if (order !== undefined) {
      where.push(`p.id IN (SELECT payment_id FROM payment_orders WHERE order_id = ${q.add(order)})`);
    }
    const rows = await db.query<PaymentRow>(
      `SELECT p.* FROM payments p JOIN users u ON u.id = p.user_id WHERE ${where.join(' AND ')} ORDER BY p.created, p.id LIMIT 500`,
      q.values,
    );
    const ids = rows.map((r) => r.id);
    const orders = await ordersOf(ids);
    const charges = caller.kind === 'admin' ? await chargesOf(ids) : undefined;
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
    const id = c.req.param('id');
    const [row] = isObjectId(id)
      ? await db.query<PaymentRow>(
          `SELECT p.* FROM payments p JOIN users u ON u.id = p.user_id WHERE p.company_id = $1 AND p.id = $2
             ${caller.kind === 'user' ? 'AND u.sub = $3' : ''}`,
          caller.kind === 'user' ? [c.get('company'), id, caller.sub] : [c.get('company'), id],
        )
      : [];
    if (!row) throw notFound('Payment');
    const orders = await ordersOf([row.id]);
    const charges = caller.kind === 'admin' ? await chargesOf([row.id]) : undefined;
    return send(c, paymentJson(row, orders.get(row.id) ?? [], charges?.get(row.id) ?? (charges ? [] : undefined)));
  });

  return app;
}
