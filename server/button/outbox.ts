import type { Config } from '../config.ts';
import { Params, type Queryable } from '../db/database.ts';
import { pagedQuery } from '../db/paged.ts';
import type { OrderRow } from '../model/orders.ts';
import { buildReport, type ButtonOrder } from './payload.ts';

/**
 * The Button outbox (`button_reports`, seed 004): every SQL of it. Writing: the transaction that changes
 * an order (paid, items returned, cancelled) also inserts a row with the whole body to send (never the
 * API key). Sending: the sender (`sender.ts`) claims due rows under a lease and marks each with its
 * outcome. Reading: the admin view. See server/README.md ("Button") for the exactly-once reasoning.
 */

export type ReportKind = 'create' | 'update' | 'delete';

export interface ReportRow {
  readonly id: number;
  readonly company_id: string;
  readonly order_id: string;
  readonly kind: ReportKind;
  readonly payload: ButtonOrder | null;
  readonly state: 'pending' | 'sent' | 'failed' | 'skipped';
  readonly attempts: number;
  readonly next_attempt: number;
  readonly lease_until: number | null;
  readonly lease_token: string | null;
  readonly last_status: number | null;
  readonly last_error: string | null;
  readonly sent_at: number | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

export const reportingEnabled = (config: Pick<Config, 'buttonApiKey'>): boolean => Boolean(config.buttonApiKey);

async function insertReport(
  tx: Queryable,
  order: OrderRow,
  kind: ReportKind,
  payload: ButtonOrder | null,
  now: number,
  state = 'pending',
) {
  await tx.query(
    `INSERT INTO button_reports (company_id, order_id, kind, payload, state, next_attempt, created, modified)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6, $6)`,
    [order.company_id, order.id, kind, payload === null ? null : JSON.stringify(payload), state, now],
  );
}

/**
 * An order just became SUCCESS (in `tx`, which holds its row lock): queue `POST /v1/order`. Only with
 * reporting on and a `btn_ref`. `is_new`: the customer had no successful payment before this one
 * (their row is locked first, so two payments of one customer at once can not both be the first).
 */
export async function reportPaid(
  tx: Queryable,
  config: Pick<Config, 'buttonApiKey'>,
  orders: readonly OrderRow[],
  payment: { readonly id: string; readonly userId: string; readonly at: number },
): Promise<number> {
  const reported = orders.filter((o) => o.order_status === 'SUCCESS' && o.btn_ref);
  if (!reportingEnabled(config) || reported.length === 0) return 0;
  await tx.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [payment.userId]);
  const [earlier] = await tx.query(
    `SELECT 1 FROM payments WHERE user_id = $1 AND current_state = 'succeeded' AND id <> $2 LIMIT 1`,
    [payment.userId, payment.id],
  );
  for (const order of reported) {
    await insertReport(
      tx,
      order,
      'create',
      await buildReport(tx, order, { purchaseDate: payment.at, isNew: !earlier }),
      payment.at,
    );
  }
  return reported.length;
}

/** The reports queued for an order so far, oldest first, locked (the caller holds the order's lock too). */
const reportsOf = (tx: Queryable, orderId: string) =>
  tx.query<ReportRow>(`SELECT * FROM button_reports WHERE order_id = $1 ORDER BY id FOR UPDATE`, [orderId]);

/**
 * A reported order's items changed (an admin's partial return): queue `POST /v1/order/:id` with the
 * whole current order. Nothing when the order was never queued for Button (no btn_ref, or paid while
 * reporting was off). `purchase_date` and `is_new` stay those of the create.
 */
export async function reportItemsChanged(
  tx: Queryable,
  config: Pick<Config, 'buttonApiKey'>,
  order: OrderRow,
  now: number,
): Promise<boolean> {
  if (!reportingEnabled(config) || !order.btn_ref) return false;
  const create = (await reportsOf(tx, order.id)).find((r) => r.kind === 'create' && r.state !== 'skipped');
  if (!create?.payload) return false;
  const payload = await buildReport(tx, order, {
    purchaseDate: Date.parse(create.payload.purchase_date),
    isNew: create.payload.customer.is_new,
  });
  await insertReport(tx, order, 'update', payload, now);
  return true;
}

/**
 * A reported order was cancelled (an admin's full return): queue `DELETE /v1/order/:id`. When nothing
 * of the order can have reached Button yet (no report sent, none ever attempted), the pending reports
 * are marked `skipped` together with the delete: Button never hears of the order.
 */
export async function reportCancelled(
  tx: Queryable,
  config: Pick<Config, 'buttonApiKey'>,
  order: OrderRow,
  now: number,
): Promise<boolean> {
  if (!reportingEnabled(config) || !order.btn_ref) return false;
  const reports = (await reportsOf(tx, order.id)).filter((r) => r.state !== 'skipped');
  if (!reports.some((r) => r.kind === 'create')) return false;
  const untouched = reports.every(
    (r) => r.state === 'failed' || (r.state === 'pending' && r.attempts === 0 && r.lease_until === null),
  );
  if (untouched) {
    await tx.query(
      `UPDATE button_reports SET state = 'skipped', last_error = 'cancelled before anything reached Button', modified = $2
        WHERE order_id = $1 AND state IN ('pending', 'failed')`,
      [order.id, now],
    );
    await insertReport(tx, order, 'delete', null, now, 'skipped');
    return false;
  }
  await insertReport(tx, order, 'delete', null, now);
  return true;
}

// -------------------------------------------------------------------------------------------------
// What the sender does with it

/** A row may go only when no earlier row of its order is pending or failed: no overtaking. */
const ORDERED = `NOT EXISTS (SELECT 1 FROM button_reports e WHERE e.order_id = r.order_id AND e.id < r.id AND e.state IN ('pending', 'failed'))`;

/** When the next pending row that may go is due (or its lease ends): epoch ms, or null when none is. */
export async function nextDue(db: Queryable): Promise<number | null> {
  const [next] = await db.query<{ at: number | null }>(
    `SELECT min(GREATEST(r.next_attempt, COALESCE(r.lease_until, 0))) AS at FROM button_reports r WHERE r.state = 'pending' AND ${ORDERED}`,
  );
  return next?.at === null || next?.at === undefined ? null : Number(next.at);
}

/**
 * Claims up to `limit` due rows, oldest first, leased to `token` until `leaseUntil` (`FOR UPDATE SKIP
 * LOCKED`, then the lease, so several servers on one PostgreSQL never take the same row).
 */
export async function claimDue(
  db: Queryable,
  at: number,
  limit: number,
  leaseUntil: number,
  token: string,
): Promise<ReportRow[]> {
  const rows = await db.query<ReportRow>(
    `WITH due AS (
       SELECT r.id FROM button_reports r
        WHERE r.state = 'pending' AND r.next_attempt <= $1 AND (r.lease_until IS NULL OR r.lease_until <= $1) AND ${ORDERED}
        ORDER BY r.id LIMIT $2
        FOR UPDATE OF r SKIP LOCKED)
     UPDATE button_reports b SET lease_until = $3, lease_token = $4, attempts = b.attempts + 1, modified = $1
       FROM due WHERE b.id = due.id
     RETURNING b.*`,
    [at, limit, leaseUntil, token],
  );
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Gives a claimed row back untried (the sender is stopping). */
export async function releaseClaim(db: Queryable, row: ReportRow, token: string): Promise<void> {
  await db.query(
    `UPDATE button_reports SET lease_until = NULL, lease_token = NULL, attempts = attempts - 1 WHERE id = $1 AND lease_token = $2`,
    [row.id, token],
  );
}

/** Button has the report: sent (`note` says how, when not by a plain 2xx). */
export async function markSent(
  db: Queryable,
  row: ReportRow,
  token: string,
  at: number,
  status: number,
  note: string | null,
): Promise<void> {
  await db.query(
    `UPDATE button_reports SET state = 'sent', sent_at = $3, last_status = $4, last_error = $5, lease_until = NULL, lease_token = NULL, modified = $3
      WHERE id = $1 AND lease_token = $2`,
    [row.id, token, at, status, note],
  );
}

/** Button refused the report: failed, until an admin retries it. */
export async function markFailed(
  db: Queryable,
  row: ReportRow,
  token: string,
  at: number,
  status: number,
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE button_reports SET state = 'failed', last_status = $3, last_error = $4, lease_until = NULL, lease_token = NULL, modified = $5
      WHERE id = $1 AND lease_token = $2`,
    [row.id, token, status, error, at],
  );
}

/** No answer, or one worth retrying: pending again, due at `nextAttempt`. */
export async function retryLater(
  db: Queryable,
  row: ReportRow,
  token: string,
  at: number,
  nextAttempt: number,
  status: number | null,
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE button_reports SET next_attempt = $3, last_status = $4, last_error = $5, lease_until = NULL, lease_token = NULL, modified = $6
      WHERE id = $1 AND lease_token = $2`,
    [row.id, token, nextAttempt, status, error, at],
  );
}

// -------------------------------------------------------------------------------------------------
// The admin view

/** A company's reports, newest first, or one order's oldest first; optionally in one state. */
export function listReports(
  db: Queryable,
  company: string,
  filter: { readonly order: string | undefined; readonly state: ReportRow['state'] | undefined },
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: ReportRow[]; total: number }> {
  const q = new Params();
  const where = [`company_id = ${q.add(company)}`];
  if (filter.order) where.push(`order_id = ${q.add(filter.order)}`);
  if (filter.state) where.push(`state = ${q.add(filter.state)}`);
  return pagedQuery<ReportRow>(
    db,
    q,
    { select: '*', from: 'button_reports', where: where.join(' AND '), orderBy: `id ${filter.order ? 'ASC' : 'DESC'}` },
    page,
  );
}

/** Puts a failed report back in the queue, due now; undefined when there is no such failed report. */
export async function retryFailed(
  db: Queryable,
  company: string,
  id: number,
  at: number,
): Promise<ReportRow | undefined> {
  const [row] = await db.query<ReportRow>(
    `UPDATE button_reports SET state = 'pending', next_attempt = $3, modified = $3
      WHERE id = $1 AND company_id = $2 AND state = 'failed' RETURNING *`,
    [id, company, at],
  );
  return row;
}
