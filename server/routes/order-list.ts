import { ORDER_STATUSES } from 'tillkit/core';
import { send, type AppContext } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { dateRange, paging, queryEnum } from '../http/validate.ts';
import { renderOrders } from '../model/order-view.ts';
import { DELIVERY_STATUSES, listOrders, type Scope } from '../model/orders.ts';

/**
 * A page of orders the scope sees, answered as seed 001's list with its total: `GET /orders`,
 * `/orders/search`, and a user's orders (`GET /users/me/orders`, `/users/:id/orders`). The query's
 * filters are seed 001's; `user` (an admin's) narrows to one user.
 */
export async function listOrdersResponse(
  db: Queryable,
  c: AppContext,
  scope: Scope,
  text: string | undefined,
): Promise<Response> {
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
  return send(c, await renderOrders(db, rows), 200, { 'X-Total-Count': String(total) });
}
