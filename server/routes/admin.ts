import { Hono } from 'hono';
import { requireAdmin } from '../auth.ts';
import { listReports, retryFailed, type ReportRow } from '../button/outbox.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import type { CountingDatabase } from '../db/counting.ts';
import { notFound } from '../http/errors.ts';
import { date, oid, optionalDate, type Json } from '../http/json.ts';
import { paging, queryEnum } from '../http/validate.ts';
import { callsOf } from '../model/payment-calls.ts';
import { paymentJson } from '../model/payment-json.ts';
import { PAYMENT_STATES, listPayments, ordersOf } from '../model/payments.ts';
import { originOf } from '../payments/answer.ts';

const reportJson = (r: ReportRow): Json => ({
  id: Number(r.id),
  order: oid(r.order_id),
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  next_attempt: r.state === 'pending' ? date(Number(r.next_attempt)) : null,
  last_status: r.last_status,
  // Why the last attempt failed (pending, failed), or how the report was settled (sent, skipped).
  last_error: r.state === 'pending' || r.state === 'failed' ? r.last_error : null,
  note: r.state === 'sent' || r.state === 'skipped' ? r.last_error : undefined,
  sent_at: optionalDate(r.sent_at === null ? null : Number(r.sent_at)),
  created: date(Number(r.created)),
  // What was (or will be) sent to Button: the order body, never the API key.
  payload: r.payload as unknown as Json,
});

/**
 * Admin views of the server's own machinery. `GET /admin/reports` lists the Button outbox (newest first;
 * `?order=<id>`, `?state=pending|sent|failed|skipped`); `POST /admin/reports/:id/retry` puts a failed
 * report back in the queue (after fixing what Button refused). `GET /admin/payments?state=` lists the
 * company's payments in a state (oldest first) with their processor calls: `processing` are those whose
 * outcome is being settled, `requires_action` those waiting for a customer.
 */
export function adminRoutes({ db, now, reporter }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/reports', async (c) => {
    requireAdmin(c.get('caller'));
    const query = (name: string) => c.req.query(name);
    const page = paging(query);
    const state = queryEnum(query, 'state', ['pending', 'sent', 'failed', 'skipped'] as const);
    const { rows, total } = await listReports(
      db,
      c.get('company'),
      { order: query('order') || undefined, state },
      page,
    );
    return send(c, rows.map(reportJson), 200, { 'X-Total-Count': String(total) });
  });

  app.get('/payments', async (c) => {
    requireAdmin(c.get('caller'));
    const query = (name: string) => c.req.query(name);
    const state = queryEnum(query, 'state', PAYMENT_STATES);
    const { rows, total } = await listPayments(
      db,
      c.get('company'),
      { state, order: query('order') || undefined },
      paging(query),
    );
    const ids = rows.map((r) => r.id);
    const [orders, calls] = await Promise.all([ordersOf(db, ids), callsOf(db, ids)]);
    const origin = originOf(c);
    return send(
      c,
      rows.map((r) => paymentJson(r, orders.get(r.id) ?? [], origin, calls.get(r.id) ?? [])),
      200,
      { 'X-Total-Count': String(total), 'X-Pagination-Total': String(total) },
    );
  });

  /**
   * The process's CPU time (µs, since it started) and memory, and with TILLKIT_COUNT_QUERIES the
   * statements, transactions and round trips sent to the database so far (`bench/server.ts` reads them
   * to report the server's CPU and statements per checkout apart from its load client's).
   */
  app.get('/diagnostics', (c) => {
    requireAdmin(c.get('caller'));
    const cpu = process.cpuUsage();
    const counts = 'counts' in db ? (db as CountingDatabase).counts() : null;
    return send(c, {
      pid: process.pid,
      cpu: { user: cpu.user, system: cpu.system },
      rss: process.memoryUsage().rss,
      queries: counts && {
        statements: counts.statements,
        transactions: counts.transactions,
        round_trips: counts.roundTrips,
        by_sql: Object.fromEntries(counts.bySql),
      },
    });
  });

  app.post('/reports/:id/retry', async (c) => {
    requireAdmin(c.get('caller'));
    const id = c.req.param('id');
    const row = /^\d{1,15}$/.test(id) ? await retryFailed(db, c.get('company'), Number(id), now()) : undefined;
    if (!row) throw notFound('Failed report');
    reporter?.wake();
    return send(c, reportJson(row));
  });

  return app;
}
