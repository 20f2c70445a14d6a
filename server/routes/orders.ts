import { Hono } from 'hono';
import { CURRENCY_MISMATCH, ORDER_STATUSES, isCurrencyCode } from 'tillkit/core';
import { requireUserOrAdmin } from '../auth.ts';
import { reportCancelled, reportItemsChanged } from '../button/outbox.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import { stringify } from '../http/json.ts';
import { dateRange, idValue, paging, queryEnum } from '../http/validate.ts';
import { keepWithEffect } from '../idempotency.ts';
import { returnItems, snapshotItems } from '../model/order-items.ts';
import { orderJson } from '../model/order-json.ts';
import { paymentsOf } from '../model/order-payments.ts';
import {
  DELIVERY_STATUSES,
  cancelPaidOrder,
  closedOrder,
  findOrder,
  insertOrder,
  listOrders,
  lockOrder,
  replaceItems,
  updateOpenOrder,
  type OrderRow,
  type Scope,
} from '../model/orders.ts';
import { userById, userForToken, userIdBySub, type UserRow } from '../model/users.ts';
import { orderFields, readItems } from './order-input.ts';

async function render(db: Queryable, rows: readonly OrderRow[]) {
  const payments = await paymentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => orderJson(row, payments.get(row.id) ?? []));
}

export function orderRoutes({ db, now, config, reporter }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The caller's scope; a user unknown so far has no orders, and reading creates nobody. */
  async function scopeOf(c: AppContext, create: boolean): Promise<Scope & { user?: UserRow }> {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const company = c.get('company');
    if (caller.kind === 'admin') return { company, userId: null };
    if (create) {
      const user = await userForToken(db, company, caller.sub, caller.email, now());
      return { company, userId: user.id, user };
    }
    // A user who never ordered still gets 404s and empty lists, never someone else's orders.
    return { company, userId: (await userIdBySub(db, company, caller.sub)) ?? '' };
  }

  async function list(c: AppContext, text: string | undefined): Promise<Response> {
    const scope = await scopeOf(c, false);
    const query = (name: string) => c.req.query(name);
    const page = paging(query);
    const { from, to } = dateRange(query);
    const dateColumn = queryEnum(query, 'date_filter', ['created', 'delivery'] as const, 'created');
    const orderStatus = queryEnum(query, 'order_status', [...ORDER_STATUSES, 'CANCELED'] as const);
    const deliveryStatus = queryEnum(query, 'delivery_status', DELIVERY_STATUSES);
    const filter = {
      user: query('user'),
      dateColumn,
      from,
      to,
      orderStatus: orderStatus === 'CANCELED' ? 'CANCELLED' : orderStatus,
      deliveryStatus,
      text,
      sort: query('sort') || '-created',
    };
    const { rows, total } = await listOrders(db, scope, filter, page);
    return send(c, await render(db, rows), 200, { 'X-Total-Count': String(total) });
  }

  app.get('/', (c) => list(c, undefined));

  app.get('/search', (c) => {
    const text = c.req.query('query')?.trim() ?? '';
    if (!text) throw badRequest('required', 'query is required', 'query');
    if (text.length > 200) throw badRequest('query-invalid', 'query is longer than 200 characters', 'query');
    return list(c, text);
  });

  app.get('/:id', async (c) => {
    const scope = await scopeOf(c, false);
    const row = await findOrder(db, scope, c.req.param('id'));
    if (!row) throw notFound('Order');
    const [json] = await render(db, [row]);
    return send(c, json!);
  });

  app.post('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const admin = caller.kind === 'admin';
    const company = c.get('company');
    const body = jsonBody(c);
    // Validate the whole body before anything is written.
    const fields = orderFields(body, admin);
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
      const scope = await scopeOf(c, true);
      user = scope.user!;
      const named = idValue(body.user);
      if (named !== undefined && named !== null && named !== user.id) {
        throw new HttpError(403, 'forbidden', 'A user can only order for themself', 'user');
      }
    }
    // The order and its Idempotency-Key's answer commit together: a retry can never make it twice.
    const json = await db.transaction(async (tx) => {
      const row = await insertOrder(tx, { company, userId: user.id, items }, summary, fields, now());
      const [answer] = await render(tx, [row]);
      await keepWithEffect(tx, c, { status: 200, body: stringify(answer) });
      return answer!;
    });
    return send(c, json);
  });

  /** Sets fields of an order the caller may change and that is still open, and answers it. */
  async function updateOpen(c: AppContext, scope: Scope, id: string, fields: Record<string, unknown>) {
    const row = await updateOpenOrder(db, scope, id, { ...fields, modified: now() });
    const [json] = await render(db, [row]);
    return send(c, json!);
  }

  app.put('/:id', async (c) => {
    const scope = await scopeOf(c, false);
    const body = jsonBody(c);
    if (body.items !== undefined) {
      throw badRequest('items-readonly', 'Change the items with PUT /orders/:id/items', 'items');
    }
    const fields = orderFields(body, scope.userId === null);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    return updateOpen(c, scope, id, fields);
  });

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
    const [json] = await render(db, [row]);
    return send(c, json!);
  }

  app.put('/:id/items', async (c) => {
    const scope = await scopeOf(c, false);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    const body = jsonBody(c);
    const returned = await changePaidOrder(c, scope, id, async (tx, order, at) => {
      const { items, summary } = returnItems(order.items, readItems(body.items, true));
      const unchanged =
        items.length === order.items.length && items.every((item, i) => item.quantity === order.items[i]!.quantity);
      if (unchanged) return { row: order, reported: false };
      const row = await replaceItems(tx, order.id, items, summary, at);
      return { row, reported: await reportItemsChanged(tx, config, row, at) };
    });
    if (returned) return returned;
    const { items, summary } = await snapshotItems(db, scope.company, readItems(body.items, scope.userId === null));
    return updateOpen(c, scope, id, {
      items,
      currency: summary.currency,
      total_amount: summary.total,
      total_vat: summary.vat,
      total_quantity: summary.totalQuantity,
      units: summary.units,
    });
  });

  app.post('/:id/cancel', async (c) => {
    const scope = await scopeOf(c, false);
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
