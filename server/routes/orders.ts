import { Hono } from 'hono';
import { CURRENCY_MISMATCH, ORDER_STATUSES, isCurrencyCode } from 'tillkit/core';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { Params, type Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest, notFound } from '../http/errors.ts';
import { humanId, isObjectId, objectId } from '../http/ids.ts';
import {
  assertShallow,
  dateRange,
  idValue,
  optObject,
  optString,
  optTimestamp,
  paging,
  queryEnum,
  type Body,
} from '../http/validate.ts';
import {
  DELIVERY_STATUSES,
  PAYABLE_SQL,
  closedOrder,
  orderJson,
  paymentsOf,
  returnItems,
  snapshotItems,
  type OrderRow,
} from '../model/orders.ts';
import { reportCancelled, reportItemsChanged } from '../button/outbox.ts';
import { sortClause } from '../model/products.ts';
import { userById, userForToken, type UserRow } from '../model/users.ts';

/** Who the order routes act for: one user, or (admin) every user of the company. */
interface Scope {
  readonly company: string;
  /** null for an admin. */
  readonly userId: string | null;
}

/** The columns a create or an update may set, other than items. */
function orderFields(body: Body, admin: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of ['delivery_address', 'billing_address', 'pickup_address'] as const) {
    if (body[key] === null) fields[key] = null;
    else {
      const value = optObject(body, key);
      if (value !== undefined) fields[key] = value;
    }
  }
  for (const key of ['delivery_time', 'pickup_time'] as const) {
    const value = optTimestamp(body, key);
    if (value !== undefined) fields[key] = value;
  }
  const note = optString(body, 'note', 5000);
  if (note !== undefined) fields.note = note;
  // The affiliate attribution token (Button's btn_ref), kept for reporting the order later.
  const btnRef = optString(body, 'btn_ref', 500);
  if (btnRef !== undefined) fields.btn_ref = btnRef;
  if (body.resources !== undefined && body.resources !== null) {
    if (!Array.isArray(body.resources) || body.resources.length > 50) {
      throw badRequest('type-invalid', 'resources must be a list of at most 50 entries', 'resources');
    }
    assertShallow(body.resources, 'resources');
    fields.resources = body.resources;
  }
  if (body.delivery_status !== undefined && body.delivery_status !== null) {
    if (!admin) throw new HttpError(403, 'forbidden', 'Only an admin sets the delivery status', 'delivery_status');
    const status = typeof body.delivery_status === 'string' ? body.delivery_status.toUpperCase() : '';
    if (!(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(
        'type-invalid',
        `delivery_status must be one of ${DELIVERY_STATUSES.join(', ')}`,
        'delivery_status',
      );
    }
    fields.delivery_status = status;
  }
  if (body.coupon !== undefined && body.coupon !== null) {
    throw badRequest('coupon-unsupported', 'The reference server does not support coupons', 'coupon');
  }
  return fields;
}

const JSON_COLUMNS = new Set(['delivery_address', 'billing_address', 'pickup_address', 'resources', 'items']);

function assignments(q: Params, fields: Record<string, unknown>): string[] {
  return Object.entries(fields).map(([column, value]) =>
    JSON_COLUMNS.has(column) && value !== null ? `${column} = ${q.json(value)}` : `${column} = ${q.add(value)}`,
  );
}

async function render(db: Queryable, rows: readonly OrderRow[]) {
  const payments = await paymentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => orderJson(row, payments.get(row.id) ?? []));
}

/** Answers a conditional update that matched nothing: the order is not the caller's (404) or not open (409). */
async function refusal(db: Queryable, scope: Scope, id: string): Promise<never> {
  const row = await findOrder(db, scope, id);
  if (!row) throw notFound('Order');
  throw closedOrder(row.order_status);
}

/** One order the caller may see: their own, or any of the company's for an admin; `open`: still editable. */
function whereOrder(q: Params, scope: Scope, id: string, open = false): string {
  return (
    `company_id = ${q.add(scope.company)} AND id = ${q.add(id)}` +
    (open ? ` AND order_status IN ${PAYABLE_SQL}` : '') +
    (scope.userId === null ? '' : ` AND user_id = ${q.add(scope.userId)}`)
  );
}

export async function findOrder(db: Queryable, scope: Scope, id: string): Promise<OrderRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const q = new Params();
  const [row] = await db.query<OrderRow>(`SELECT * FROM orders WHERE ${whereOrder(q, scope, id)}`, q.values);
  return row;
}

const ORDER_SORTS: Readonly<Record<string, string>> = {
  created: 'o.created',
  modified: 'o.modified',
  delivery_time: 'o.delivery_time',
  total_amount: 'o.total_amount',
  human_id: 'o.human_id',
  order_status: 'o.order_status',
};

const likePattern = (text: string) => '%' + text.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';

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
    const [row] = await db.query<{ id: string }>(`SELECT id FROM users WHERE company_id = $1 AND sub = $2`, [
      company,
      caller.sub,
    ]);
    // A user who never ordered still gets 404s and empty lists, never someone else's orders.
    return { company, userId: row?.id ?? '' };
  }

  async function list(c: AppContext, text: string | undefined): Promise<Response> {
    const scope = await scopeOf(c, false);
    const query = (name: string) => c.req.query(name);
    const { size, offset } = paging(query);
    const { from, to } = dateRange(query);
    const dateField = queryEnum(query, 'date_filter', ['created', 'delivery'] as const, 'created');
    const orderStatus = queryEnum(query, 'order_status', [...ORDER_STATUSES, 'CANCELED'] as const);
    const deliveryStatus = queryEnum(query, 'delivery_status', DELIVERY_STATUSES);
    const q = new Params();
    const where = [`o.company_id = ${q.add(scope.company)}`];
    if (scope.userId !== null) where.push(`o.user_id = ${q.add(scope.userId)}`);
    else if (query('user')) where.push(`o.user_id = ${q.add(query('user'))}`);
    const column = dateField === 'delivery' ? 'o.delivery_time' : 'o.created';
    if (from !== undefined) where.push(`${column} >= ${q.add(from)}`);
    if (to !== undefined) where.push(`${column} <= ${q.add(to)}`);
    if (orderStatus) where.push(`o.order_status = ${q.add(orderStatus === 'CANCELED' ? 'CANCELLED' : orderStatus)}`);
    if (deliveryStatus) where.push(`o.delivery_status = ${q.add(deliveryStatus)}`);
    if (text !== undefined) {
      const pattern = q.add(likePattern(text));
      const exact = q.add(text);
      where.push(`(o.human_id = upper(${exact}) OR o.id = lower(${exact})
        OR u.first_name ILIKE ${pattern} OR u.last_name ILIKE ${pattern} OR u.email ILIKE ${pattern}
        OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) ILIKE ${pattern})`);
    }
    const order = sortClause(query('sort') || '-created', ORDER_SORTS, 'o.id');
    const rows = await db.query<OrderRow & { total_count: number }>(
      `SELECT o.*, count(*) OVER () AS total_count FROM orders o JOIN users u ON u.id = o.user_id
        WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${q.add(size)} OFFSET ${q.add(offset)}`,
      q.values,
    );
    let total = rows[0]?.total_count ?? 0;
    if (rows.length === 0 && offset > 0) {
      const [count] = await db.query<{ n: number }>(
        `SELECT count(*) AS n FROM orders o JOIN users u ON u.id = o.user_id WHERE ${where.join(' AND ')}`,
        q.values.slice(0, -2),
      );
      total = count?.n ?? 0;
    }
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
    const { items, summary } = await snapshotItems(db, company, body.items, admin);
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
    const at = now();
    let row: OrderRow | undefined;
    for (let attempt = 0; !row && attempt < 8; attempt++) {
      const q = new Params();
      const columns: Record<string, unknown> = {
        id: objectId(at),
        company_id: company,
        user_id: user.id,
        human_id: humanId(),
        currency: summary.currency,
        items,
        total_amount: summary.total,
        total_vat: summary.vat,
        total_quantity: summary.totalQuantity,
        units: summary.units,
        ...fields,
        created: at,
        modified: at,
      };
      const values = Object.entries(columns).map(([column, value]) =>
        JSON_COLUMNS.has(column) && value !== null ? q.json(value) : q.add(value),
      );
      [row] = await db.query<OrderRow>(
        `INSERT INTO orders (${Object.keys(columns).join(', ')}) VALUES (${values.join(', ')})
         ON CONFLICT (company_id, human_id) DO NOTHING RETURNING *`,
        q.values,
      );
    }
    if (!row) throw new Error('could not draw a unique human_id');
    const [json] = await render(db, [row]);
    return send(c, json!);
  });

  app.put('/:id', async (c) => {
    const scope = await scopeOf(c, false);
    const body = jsonBody(c);
    if (body.items !== undefined) {
      throw badRequest('items-readonly', 'Change the items with PUT /orders/:id/items', 'items');
    }
    const fields = orderFields(body, scope.userId === null);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    const q = new Params();
    return updateOpenOrder(c, scope, id, q, [...assignments(q, fields), `modified = ${q.add(now())}`].join(', '));
  });

  /** Applies `sets` to an order the caller may change and that is still open; else says why not. */
  async function updateOpenOrder(c: AppContext, scope: Scope, id: string, q: Params, sets: string): Promise<Response> {
    const [row] = await db.query<OrderRow>(
      `UPDATE orders SET ${sets} WHERE ${whereOrder(q, scope, id, true)} RETURNING *`,
      q.values,
    );
    if (!row) return refusal(db, scope, id);
    const [json] = await render(db, [row]);
    return send(c, json!);
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
      const [locked] = await tx.query<OrderRow>(`SELECT * FROM orders WHERE company_id = $1 AND id = $2 FOR UPDATE`, [
        scope.company,
        id,
      ]);
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
      const { items, summary } = returnItems(order.items, body.items);
      const unchanged =
        items.length === order.items.length && items.every((item, i) => item.quantity === order.items[i]!.quantity);
      if (unchanged) return { row: order, reported: false };
      const [row] = await tx.query<OrderRow>(
        `UPDATE orders SET items = $2::jsonb, total_amount = $3, total_vat = $4, total_quantity = $5, units = $6, modified = $7
          WHERE id = $1 RETURNING *`,
        [order.id, JSON.stringify(items), summary.total, summary.vat, summary.totalQuantity, summary.units, at],
      );
      return { row: row!, reported: await reportItemsChanged(tx, config, row!, at) };
    });
    if (returned) return returned;
    const { items, summary } = await snapshotItems(db, scope.company, body.items, scope.userId === null);
    const q = new Params();
    return updateOpenOrder(
      c,
      scope,
      id,
      q,
      `items = ${q.json(items)}, currency = ${q.add(summary.currency)}, total_amount = ${q.add(summary.total)},
       total_vat = ${q.add(summary.vat)}, total_quantity = ${q.add(summary.totalQuantity)}, units = ${q.add(summary.units)},
       modified = ${q.add(now())}`,
    );
  });

  app.post('/:id/cancel', async (c) => {
    const scope = await scopeOf(c, false);
    const id = c.req.param('id');
    if (!isObjectId(id)) throw notFound('Order');
    const returned = await changePaidOrder(c, scope, id, async (tx, order, at) => {
      const [row] = await tx.query<OrderRow>(
        `UPDATE orders SET order_status = 'CANCELLED', modified = $2 WHERE id = $1 RETURNING *`,
        [order.id, at],
      );
      return { row: row!, reported: await reportCancelled(tx, config, row!, at) };
    });
    if (returned) return returned;
    const q = new Params();
    return updateOpenOrder(c, scope, id, q, `order_status = 'CANCELLED', modified = ${q.add(now())}`);
  });

  return app;
}
