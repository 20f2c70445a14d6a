import { Hono } from 'hono';
import { CURRENCY_MISMATCH, isCurrencyCode } from 'tillkit/core';
import { requireUserOrAdmin } from '../auth.ts';
import { reportCancelled, reportItemsChanged } from '../button/outbox.ts';
import { callerUser, callerUserMade } from '../caller.ts';
import { send, sendText, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { humanId, isObjectId } from '../http/ids.ts';
import { stringify } from '../http/json.ts';
import { idValue, paging, querySearch, type Body } from '../http/validate.ts';
import { withUniqueCode } from '../db/unique.ts';
import { writeWithKey } from '../idempotency.ts';
import { ORDER_HUMAN_ID, insertOrderSql, newOrderRow } from '../model/new-order.ts';
import { orderJson } from '../model/order-json.ts';
import { couponForOrder, orderTotals, snapshotOf, totalsColumns, type CouponSnapshot } from '../model/coupons.ts';
import { updatePricedOrder } from '../model/order-pricing.ts';
import { paymentJson } from '../model/payment-json.ts';
import { callsOf } from '../model/payment-calls.ts';
import { listPayments, ordersOf } from '../model/payments.ts';
import { originOf } from '../payments/answer.ts';
import { returnItems, snapshotItems } from '../model/order-items.ts';
import { renderOrder } from '../model/order-view.ts';
import {
  cancelPaidOrder,
  closedOrder,
  findOrder,
  lockOrder,
  replaceItems,
  setDeliveryStatus,
  updateOpenOrder,
  type OrderRow,
  type Scope,
} from '../model/orders.ts';
import { userById, userJson, type UserRow } from '../model/users.ts';
import { orderFields, readCouponRef, readItems } from './order-input.ts';
import { listOrdersResponse } from './order-list.ts';

export function orderRoutes({ db, now, config, reporter }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The caller's scope; a user unknown so far has no orders, and reading creates nobody. */
  async function scopeOf(c: AppContext): Promise<Scope> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const company = c.get('company');
    if (caller.kind === 'admin') return { company, userId: null };
    // A user who never ordered still gets 404s and empty lists, never someone else's orders.
    return { company, userId: (await callerUser(c, db))?.id ?? '' };
  }

  async function list(c: AppContext, text: string | undefined): Promise<Response> {
    const scope = await scopeOf(c);
    return listOrdersResponse(db, c, scope, text);
  }

  app.get('/', (c) => list(c, undefined));

  app.get('/search', (c) =>
    list(
      c,
      querySearch((name) => c.req.query(name)),
    ),
  );

  app.get('/:id', async (c) => {
    const scope = await scopeOf(c);
    const row = await findOrder(db, scope, c.req.param('id'));
    if (!row) throw notFound('Order');
    return send(c, await renderOrder(db, row));
  });

  /**
   * The payment attempts of one order, oldest first (the SDK's `orders.getPayments(id)`), as `GET
   * /payments?order=` answers them: a user's own, an admin's with `charges`. Paged with `page` and `size`.
   */
  app.get('/:id/payments', async (c) => {
    const scope = await scopeOf(c);
    const caller = c.get('caller');
    const row = await findOrder(db, scope, c.req.param('id'));
    if (!row) throw notFound('Order');
    const page = paging((name) => c.req.query(name));
    const { rows, total } = await listPayments(
      db,
      scope.company,
      { sub: caller.kind === 'user' ? caller.sub : undefined, order: row.id },
      page,
    );
    const ids = rows.map((r) => r.id);
    const orders = await ordersOf(db, ids);
    const calls = caller.kind === 'admin' ? await callsOf(db, ids) : undefined;
    const origin = originOf(c);
    const json = rows.map((r) =>
      paymentJson(r, orders.get(r.id) ?? [], origin, calls ? (calls.get(r.id) ?? []) : undefined),
    );
    return send(c, json, 200, { 'X-Total-Count': String(total) });
  });

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const admin = caller.kind === 'admin';
    const company = c.get('company');
    const body = jsonBody(c);
    // Validate the whole body before anything is written.
    const fields = orderFields(body, admin);
    const couponRef = readCouponRef(body);
    const { items, summary } = await snapshotItems(db, company, readItems(body.items, admin));
    if (body.currency !== undefined && body.currency !== null) {
      if (!isCurrencyCode(body.currency))
        throw badRequest('currency-unknown', 'currency must be an ISO 4217 code', 'currency');
      if (body.currency !== summary.currency) throw badRequest('currency-mismatch', CURRENCY_MISMATCH, 'currency');
    }
    let user: UserRow;
    if (admin) {
      user = await userById(db, company, idValue(body.user));
    } else {
      user = await callerUserMade(c, db, now());
      const named = idValue(body.user);
      if (named !== undefined && named !== null && named !== user.id) {
        throw new HttpError(403, 'forbidden', 'A user can only order for themself', 'user');
      }
    }
    const coupon = couponRef ? snapshotOf(await couponForOrder(db, company, couponRef, now())) : null;
    const priced = { ...fields, coupon_id: coupon?.id ?? null, coupon, ...totalsColumns(orderTotals(summary, coupon)) };
    // The order and its Idempotency-Key's answer commit together, in one statement: a retry can never
    // make it twice. A new order has no payments yet, and its user is the one just looked up.
    const at = now();
    const answer = await withUniqueCode(
      humanId,
      async (code) => {
        const row = newOrderRow({ company, userId: user.id, items }, summary, priced, at, code);
        const text = stringify(orderJson(row, [], userJson(user)));
        await writeWithKey(db, c, { body: text }, (q, gate) => ({ select: insertOrderSql(q, row, gate) }));
        return text;
      },
      ORDER_HUMAN_ID,
    );
    return sendText(c, answer);
  });

  /** Sets fields of an order the caller may change and that is still open, and answers it. */
  async function updateOpen(c: AppContext, scope: Scope, id: string, fields: Record<string, unknown>) {
    const row = await updateOpenOrder(db, scope, id, { ...fields, modified: now() });
    return send(c, await renderOrder(db, row));
  }

  app.put('/:id', async (c) => {
    const scope = await scopeOf(c);
    const body = jsonBody(c);
    if (body.items !== undefined) {
      throw badRequest('items-readonly', 'Change the items with PUT /orders/:id/items', 'items');
    }
    const fields = orderFields(body, scope.userId === null);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    // Delivery goes on after payment: an admin sets delivery_status alone on an order in any status.
    if (scope.userId === null && Object.keys(fields).length === 1 && fields.delivery_status !== undefined) {
      const row = await setDeliveryStatus(db, scope.company, id, fields.delivery_status as string, now());
      if (!row) throw notFound('Order');
      return send(c, await renderOrder(db, row));
    }
    const row = await updatePricedOrder(db, scope, id, { coupon: await couponChange(scope, id, body) }, fields, now());
    return send(c, await renderOrder(db, row));
  });

  /**
   * The coupon a `PUT /orders/:id` sets: undefined to keep the order's (also when the body names the
   * one it has, as a client echoing the order back does), null to remove it, or a new one, checked.
   */
  async function couponChange(scope: Scope, id: string, body: Body): Promise<CouponSnapshot | null | undefined> {
    const ref = readCouponRef(body);
    if (ref === undefined || ref === null) return ref;
    const current = (await findOrder(db, scope, id))?.coupon;
    if (current && (current.id === ref || current.code.toUpperCase() === ref.toUpperCase())) return undefined;
    return snapshotOf(await couponForOrder(db, scope.company, ref, now()));
  }

  /**
   * Admin changes to a paid order, which users can not make: a partial return (`PUT /:id/items` with
   * the lines kept) or a full one (`POST /:id/cancel`). Each runs under the order's row lock and queues
   * the Button report (update or delete) in the same transaction. Refunding the money is not built.
   */
  async function changePaidOrder(
    c: AppContext,
    scope: Scope,
    id: string,
    change: (tx: Queryable, order: OrderRow, at: number) => Promise<{ row: OrderRow; reported: boolean }>,
  ): Promise<Response | undefined> {
    if (scope.userId !== null) return undefined;
    const current = await findOrder(db, scope, id);
    if (current?.order_status !== 'SUCCESS') return undefined;
    const { row, reported } = await db.transaction(async (tx) => {
      const locked = await lockOrder(tx, scope.company, id);
      if (locked?.order_status !== 'SUCCESS') throw closedOrder(locked?.order_status ?? 'CANCELLED');
      return change(tx, locked, now());
    });
    if (reported) reporter?.wake();
    return send(c, await renderOrder(db, row));
  }

  app.put('/:id/items', async (c) => {
    const scope = await scopeOf(c);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    const body = jsonBody(c);
    const returned = await changePaidOrder(c, scope, id, async (tx, order, at) => {
      const { items, summary } = returnItems(order.items, readItems(body.items, true));
      const unchanged =
        items.length === order.items.length && items.every((item, i) => item.quantity === order.items[i]!.quantity);
      if (unchanged) return { row: order, reported: false };
      const row = await replaceItems(tx, order.id, items, summary, orderTotals(summary, order.coupon, false), at);
      return { row, reported: await reportItemsChanged(tx, config, row, at) };
    });
    if (returned) return returned;
    const items = await snapshotItems(db, scope.company, readItems(body.items, scope.userId === null));
    const row = await updatePricedOrder(db, scope, id, { items }, {}, now());
    return send(c, await renderOrder(db, row));
  });

  app.post('/:id/cancel', async (c) => {
    const scope = await scopeOf(c);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    const returned = await changePaidOrder(c, scope, id, async (tx, order, at) => {
      const row = await cancelPaidOrder(tx, order.id, at);
      return { row, reported: await reportCancelled(tx, config, row, at) };
    });
    if (returned) return returned;
    return updateOpen(c, scope, id, { order_status: 'CANCELLED' });
  });

  return app;
}
