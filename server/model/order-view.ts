import type { Queryable } from '../db/database.ts';
import type { Json } from '../http/json.ts';
import { orderJson } from './order-json.ts';
import { paymentsOf } from './order-payments.ts';
import type { OrderRow } from './orders.ts';
import { usersByIds, userJson } from './users.ts';

/**
 * Orders as the API answers them: each with the ids of its payment attempts and its user as a user
 * object (seed 001's retrieve and list show `"user": {...}`; the official SDK fetches it by its `_id`).
 */
export async function renderOrders(db: Queryable, rows: readonly OrderRow[]): Promise<Json[]> {
  const ids = rows.map((r) => r.id);
  const [payments, users] = await Promise.all([
    paymentsOf(db, ids),
    usersByIds(
      db,
      rows.map((r) => r.user_id),
    ),
  ]);
  return rows.map((row) => {
    const user = users.get(row.user_id);
    return orderJson(row, payments.get(row.id) ?? [], user ? userJson(user) : { _id: { $oid: row.user_id } });
  });
}

export async function renderOrder(db: Queryable, row: OrderRow): Promise<Json> {
  const [json] = await renderOrders(db, [row]);
  return json!;
}
