import { Params, type Queryable } from '../db/database.ts';
import { pagedQuery } from '../db/paged.ts';
import { isObjectId } from '../http/ids.ts';
import type { NextAction } from '../payments/processor.ts';
import type { OrderRow } from './orders.ts';

/**
 * A payment (seed 000), which is one PaymentIntent at the processor (`kind` 'intent'), or for seed 000's
 * `tok_…` cards a series of Charges that stands for one (`kind` 'charge'), for one or more orders of one
 * currency. Its attempts (one per card tried) are its calls, in `charges` (payment-calls.ts).
 *
 *   processing ──▶ succeeded                       (terminal)
 *        │  ▲ ──▶ declined ──(another attempt)──▶ processing
 *        │  └──── requires_action ──(confirm)────▶ processing
 *        └──────▶ canceled | failed                 (terminal)
 *
 * `processing`: a call is in flight or its answer was lost (the reconciler settles it). While it is not
 * terminal the payment holds its orders (payment-holds.ts): no other payment can take them.
 */
export const PAYMENT_STATES = ['processing', 'requires_action', 'declined', 'succeeded', 'canceled', 'failed'] as const;
/** The states a payment ends in: nothing is written for it after. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['succeeded', 'canceled', 'failed']);
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const OPEN_STATES: readonly PaymentState[] = ['processing', 'requires_action', 'declined'];

export interface PaymentRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly human_id: string;
  readonly payment_method_id: string;
  readonly order_key: string;
  readonly amount: number;
  readonly currency: string;
  readonly current_state: PaymentState;
  readonly kind: 'charge' | 'intent';
  readonly processor: string | null;
  readonly intent_id: string | null;
  readonly client_secret: string | null;
  readonly next_action: NextAction | null;
  readonly return_url: string | null;
  readonly action_since: number | null;
  readonly lease_until: number | null;
  readonly lease_token: string | null;
  readonly charge_id: string | null;
  readonly error_code: string | null;
  readonly decline_code: string | null;
  readonly error_message: string | null;
  readonly payment_date: number | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

export type NewPayment = Pick<
  PaymentRow,
  | 'id'
  | 'company_id'
  | 'user_id'
  | 'payment_method_id'
  | 'order_key'
  | 'amount'
  | 'currency'
  | 'kind'
  | 'processor'
  | 'return_url'
  | 'lease_until'
  | 'lease_token'
>;

/** One payment of the company, only a user's own when `sub` is given. */
export async function paymentById(
  db: Queryable,
  company: string,
  id: string,
  sub?: string,
): Promise<PaymentRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<PaymentRow>(
    `SELECT p.* FROM payments p JOIN users u ON u.id = p.user_id WHERE p.company_id = $1 AND p.id = $2
       ${sub !== undefined ? 'AND u.sub = $3' : ''}`,
    sub !== undefined ? [company, id, sub] : [company, id],
  );
  return row;
}

/**
 * A payment by id, locked for the transaction, after its orders (in id order), which come with it. Every
 * transaction that locks both takes the orders first, as a payment's claim does, so two of them can not
 * deadlock: in this one statement the orders' lock (the CTE) is a one-time filter of the payment's scan,
 * taken before the scan starts and so before the payment's row is locked.
 */
export async function lockPaymentWithOrders(
  tx: Queryable,
  id: string,
): Promise<{ payment: PaymentRow; orders: OrderRow[] } | undefined> {
  const [row] = await tx.query<{ payment: PaymentRow; orders: OrderRow[] | null }>(
    `WITH o AS MATERIALIZED (
       SELECT * FROM orders WHERE id IN (SELECT order_id FROM payment_orders WHERE payment_id = $1) ORDER BY id FOR UPDATE)
     SELECT to_jsonb(p) AS payment, (SELECT jsonb_agg(to_jsonb(o) ORDER BY o.id) FROM o) AS orders
       FROM payments p WHERE p.id = $1 AND (SELECT count(*) FROM o) >= 0 FOR UPDATE OF p`,
    [id],
  );
  return row && { payment: row.payment, orders: row.orders ?? [] };
}

/** A payment by id, locked for the transaction, after its orders (`lockPaymentWithOrders`). */
export async function lockPayment(tx: Queryable, id: string): Promise<PaymentRow | undefined> {
  return (await lockPaymentWithOrders(tx, id))?.payment;
}

export interface PaymentFilter {
  /** A user's own (their token's `sub`); all of the company's when undefined (admin). */
  readonly sub?: string | undefined;
  /** Only the payments of this order. */
  readonly order?: string | undefined;
  readonly state?: PaymentState | undefined;
  /** A search: the payment's id or human id, or one of its orders' id or human id. */
  readonly text?: string | undefined;
}

/** A page of payments, oldest first, and how many there are. */
export function listPayments(
  db: Queryable,
  company: string,
  f: PaymentFilter,
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: PaymentRow[]; total: number }> {
  const q = new Params();
  const where = [`p.company_id = ${q.add(company)}`];
  if (f.sub !== undefined) where.push(`u.sub = ${q.add(f.sub)}`);
  if (f.order !== undefined) {
    where.push(`p.id IN (SELECT payment_id FROM payment_orders WHERE order_id = ${q.add(f.order)})`);
  }
  if (f.state !== undefined) where.push(`p.current_state = ${q.add(f.state)}`);
  if (f.text !== undefined) {
    const text = q.add(f.text);
    where.push(`(p.human_id = upper(${text}) OR p.id = lower(${text}) OR p.id IN (
      SELECT po.payment_id FROM payment_orders po JOIN orders o ON o.id = po.order_id
       WHERE o.company_id = p.company_id AND (o.id = lower(${text}) OR o.human_id = upper(${text}))))`);
  }
  return pagedQuery<PaymentRow>(
    db,
    q,
    {
      select: 'p.*',
      from: 'payments p JOIN users u ON u.id = p.user_id',
      where: where.join(' AND '),
      orderBy: 'p.created, p.id',
    },
    page,
  );
}

/** The orders each payment paid (or pays), by payment id. */
export async function ordersOf(db: Queryable, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const q = new Params();
  const rows = await db.query<{ payment_id: string; order_id: string }>(
    `SELECT payment_id, order_id FROM payment_orders WHERE payment_id = ANY(${q.texts(ids)}) ORDER BY order_id`,
    q.values,
  );
  for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r.order_id);
  return map;
}
