import { createHash, randomUUID } from 'node:crypto';
import { priceLine, summarize } from 'tillkit/core';
import type { Config } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { pricingLine, type ItemSnapshot, type OrderRow } from '../model/orders.ts';

/**
 * Reporting successful orders to Button (seed 004) through a durable outbox.
 *
 * Writing: the transaction that changes an order (paid, items returned, cancelled) also inserts a row
 * in `button_reports` with the whole body to send (never the API key). Reading: `ButtonReporter`
 * claims due rows, sends them, and records the outcome; see server/README.md ("Button") for the
 * exactly-once reasoning.
 */

/** The order body of Button's Order API (`POST /v1/order`, `POST /v1/order/:id`). */
export interface ButtonOrder {
  readonly total: number;
  readonly currency: string;
  readonly order_id: string;
  readonly purchase_date: string;
  readonly btn_ref: string;
  readonly customer: { readonly id: string; readonly email_sha256?: string; readonly is_new: boolean };
  readonly customer_order_id: string;
  readonly line_items: readonly ButtonLineItem[];
}

export interface ButtonLineItem {
  readonly identifier: string;
  readonly sku: string;
  readonly quantity: number;
  /** Net of VAT, in minor units: `amount × quantity`, exactly. */
  readonly total: number;
  /** One unit, net of VAT. */
  readonly amount: number;
  readonly description: string;
  readonly category: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
}

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

export const emailSha256 = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

const MAX_CATEGORIES = 7;
const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * The line items of an order as Button wants them: `total` net of VAT (core's `priceLine(...).net`)
 * and `amount` per unit. When the net total does not divide by the quantity, the line is reported as
 * two: `q − r` units at `⌊total / q⌋` and `r` units at one minor unit more, so that for every line
 * `amount × quantity = total` and the lines add up to the order's total, with no rounding anywhere.
 */
export function buttonLineItems(
  items: readonly ItemSnapshot[],
  products: ReadonlyMap<string, { human_id: string; tags: readonly string[] }>,
): ButtonLineItem[] {
  const seen = new Map<string, number>();
  const out: ButtonLineItem[] = [];
  for (const item of items) {
    const { net } = priceLine(pricingLine(item));
    let identifier = item.sub_products.length
      ? `${item.product}+${short(
          item.sub_products
            .map((s) => s.id)
            .sort()
            .join(','),
        )}`
      : item.product;
    const count = (seen.get(identifier) ?? 0) + 1;
    seen.set(identifier, count);
    if (count > 1) identifier += `~${count}`;
    const product = products.get(item.product);
    const attributes: Record<string, string> = {
      product_id: item.product,
      vat_rate: item.vat,
      discount_rate: item.discount,
    };
    if (item.sub_products.length) attributes.add_ons = item.sub_products.map((s) => s.name).join(', ');
    const base = {
      sku: product?.human_id ?? item.product,
      description: item.sub_products.length ? `${item.name} with ${attributes.add_ons}` : item.name,
      category: (product?.tags ?? []).slice(0, MAX_CATEGORIES),
      attributes,
    };
    const amount = Math.floor(net / item.quantity);
    const rest = net - amount * item.quantity;
    if (rest === 0) {
      out.push({ identifier, quantity: item.quantity, total: net, amount, ...base });
    } else {
      out.push({ identifier, quantity: item.quantity - rest, total: amount * (item.quantity - rest), amount, ...base });
      out.push({
        identifier: `${identifier}:2`,
        quantity: rest,
        total: (amount + 1) * rest,
        amount: amount + 1,
        ...base,
      });
    }
  }
  return out;
}

/** Everything Button's order body needs, read in the caller's transaction. */
export async function buildReport(
  tx: Queryable,
  order: OrderRow,
  context: { readonly purchaseDate: number; readonly isNew: boolean },
): Promise<ButtonOrder> {
  const ids = [...new Set(order.items.map((i) => i.product))];
  const rows = await tx.query<{ id: string; human_id: string; tags: string[] }>(
    `SELECT id, human_id, tags FROM products WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(ids)],
  );
  const [user] = await tx.query<{ id: string; email: string | null }>(`SELECT id, email FROM users WHERE id = $1`, [
    order.user_id,
  ]);
  const summary = summarize(order.items.map((item) => pricingLine(item)));
  return {
    // Button's commissionable total: after discounts, without VAT (core's net), in minor units.
    total: summary.net,
    currency: order.currency,
    order_id: order.id,
    purchase_date: new Date(context.purchaseDate).toISOString(),
    btn_ref: order.btn_ref!,
    customer: {
      id: order.user_id,
      ...(user?.email ? { email_sha256: emailSha256(user.email) } : {}),
      is_new: context.isNew,
    },
    customer_order_id: order.human_id,
    line_items: buttonLineItems(order.items, new Map(rows.map((r) => [r.id, r]))),
  };
}

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
// The sender

export interface ButtonReporterOptions {
  readonly apiKey: string;
  readonly apiUrl: string;
  /** Longest sleep between looks at the outbox (other servers may write to it). Default 1 s. */
  readonly pollMs?: number;
  /** First retry delay; doubles per attempt, with jitter, up to `maxDelayMs`. Defaults 1 s and 5 min. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** One request's time limit. Default 10 s. */
  readonly timeoutMs?: number;
  /** How long a claim holds a row before another sender may take it over (a crashed sender). Default 2 min. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

type Outcome =
  | { readonly result: 'sent'; readonly status: number; readonly note?: string }
  | { readonly result: 'retry'; readonly status: number | null; readonly error: string; readonly retryAfterMs?: number }
  | { readonly result: 'failed'; readonly status: number; readonly error: string };

const ORDERED = `NOT EXISTS (SELECT 1 FROM button_reports e WHERE e.order_id = r.order_id AND e.id < r.id AND e.state IN ('pending', 'failed'))`;

/**
 * Sends the outbox. One loop per server: claim due rows (`FOR UPDATE SKIP LOCKED`, then a lease, so
 * several servers on one PostgreSQL never take the same row), send each, record the outcome. A row is
 * due when its time has come and no earlier row of the same order is still pending or failed: an
 * update never overtakes its create, a delete never overtakes an update.
 */
export class ButtonReporter {
  private readonly db: Database;
  private readonly now: () => number;
  private readonly o: Required<Omit<ButtonReporterOptions, 'log'>> & { log: (message: string) => void };
  private readonly apiKey: string;
  private readonly authorization: string;
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private readonly stopController = new AbortController();
  private running: Promise<void> | null = null;

  constructor(db: Database, options: ButtonReporterOptions, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
    this.o = {
      pollMs: 1000,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      timeoutMs: 10_000,
      leaseMs: 2 * 60_000,
      batchSize: 20,
      random: Math.random,
      fetch: globalThis.fetch,
      log: (message) => console.warn(message),
      ...options,
      apiUrl: options.apiUrl.replace(/\/+$/, ''),
    };
    this.apiKey = options.apiKey;
    this.authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
  }

  start(): this {
    this.running ??= this.loop();
    return this;
  }

  /** Look at the outbox now (a transaction just queued a report). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops the loop: a request in flight is aborted and recorded as an unknown outcome (retried later). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopController.abort();
    this.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        if (this.stopping) break;
        this.o.log(`Button reporter: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (this.stopping) break;
      if (claimed >= this.o.batchSize) continue;
      let delay = this.o.pollMs;
      try {
        delay = await this.untilNextDue();
      } catch {
        // the database is busy or gone; poll again later
      }
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** How long until the next row is due (bounded by the poll interval, so other servers' rows are seen). */
  private async untilNextDue(): Promise<number> {
    const [next] = await this.db.query<{ at: number | null }>(
      `SELECT min(GREATEST(r.next_attempt, COALESCE(r.lease_until, 0))) AS at FROM button_reports r WHERE r.state = 'pending' AND ${ORDERED}`,
    );
    if (next?.at === null || next?.at === undefined) return this.o.pollMs;
    return Math.max(5, Math.min(this.o.pollMs, Number(next.at) - this.now()));
  }

  /** Claims a batch of due rows and sends them, one at a time. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const at = this.now();
    const token = randomUUID();
    const rows = await this.db.query<ReportRow>(
      `WITH due AS (
         SELECT r.id FROM button_reports r
          WHERE r.state = 'pending' AND r.next_attempt <= $1 AND (r.lease_until IS NULL OR r.lease_until <= $1) AND ${ORDERED}
          ORDER BY r.id LIMIT $2
          FOR UPDATE OF r SKIP LOCKED)
       UPDATE button_reports b SET lease_until = $3, lease_token = $4, attempts = b.attempts + 1, modified = $1
         FROM due WHERE b.id = due.id
       RETURNING b.*`,
      [at, this.o.batchSize, at + this.o.leaseMs, token],
    );
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    for (const row of rows) {
      if (this.stopping) {
        await this.release(row, token);
        continue;
      }
      const outcome = await this.send(row);
      await this.record(row, token, outcome);
    }
    return rows.length;
  }

  private async release(row: ReportRow, token: string): Promise<void> {
    await this.db.query(
      `UPDATE button_reports SET lease_until = NULL, lease_token = NULL, attempts = attempts - 1 WHERE id = $1 AND lease_token = $2`,
      [row.id, token],
    );
  }

  private async record(row: ReportRow, token: string, outcome: Outcome): Promise<void> {
    const at = this.now();
    if (outcome.result === 'sent') {
      await this.db.query(
        `UPDATE button_reports SET state = 'sent', sent_at = $3, last_status = $4, last_error = $5, lease_until = NULL, lease_token = NULL, modified = $3
          WHERE id = $1 AND lease_token = $2`,
        [row.id, token, at, outcome.status, outcome.note ?? null],
      );
      return;
    }
    const error = this.scrub(outcome.error);
    if (outcome.result === 'failed') {
      this.o.log(
        `Button reporter: ${row.kind} of order ${row.order_id} refused (${outcome.status}): ${error}; see GET /admin/reports`,
      );
      await this.db.query(
        `UPDATE button_reports SET state = 'failed', last_status = $3, last_error = $4, lease_until = NULL, lease_token = NULL, modified = $5
          WHERE id = $1 AND lease_token = $2`,
        [row.id, token, outcome.status, error, at],
      );
      return;
    }
    const delay = Math.max(this.backoff(row.attempts), Math.min(outcome.retryAfterMs ?? 0, this.o.maxDelayMs));
    if (!this.stopping)
      this.o.log(`Button reporter: ${row.kind} of order ${row.order_id} will be retried in ${delay} ms (${error})`);
    await this.db.query(
      `UPDATE button_reports SET next_attempt = $3, last_status = $4, last_error = $5, lease_until = NULL, lease_token = NULL, modified = $6
        WHERE id = $1 AND lease_token = $2`,
      [row.id, token, at + delay, outcome.status, error, at],
    );
  }

  /** Exponential backoff with jitter, capped: attempt n waits between ½ and 1 × min(max, base × 2^(n−1)). */
  backoff(attempts: number): number {
    const ceiling = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
    return Math.round(ceiling / 2 + (this.o.random() * ceiling) / 2);
  }

  /** The key must never end up in the database or a log, even if an error message were to echo it. */
  private scrub(text: string): string {
    let out = text.slice(0, 500);
    for (const secret of [this.apiKey, this.authorization.slice('Basic '.length)])
      out = out.split(secret).join('[redacted]');
    return out;
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
    const signal = AbortSignal.any([this.stopController.signal, AbortSignal.timeout(this.o.timeoutMs)]);
    return this.o.fetch(this.o.apiUrl + path, {
      method,
      headers: {
        Authorization: this.authorization,
        Accept: 'application/json',
        'User-Agent': 'tillkit-reference-server',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  }

  private async send(row: ReportRow): Promise<Outcome> {
    const path = `/v1/order/${encodeURIComponent(row.order_id)}`;
    try {
      if (row.kind === 'create' && row.attempts > 1) {
        // An earlier attempt may have reached Button without our hearing back (a timeout, a crash
        // between Button's 2xx and our mark): ask before creating again.
        const found = await this.call('GET', path);
        await found.body?.cancel();
        if (found.ok)
          return { result: 'sent', status: found.status, note: 'an earlier attempt had arrived (found by GET)' };
        if (found.status !== 404) return this.classify(found, row.kind);
      }
      const response =
        row.kind === 'create'
          ? await this.call('POST', '/v1/order', row.payload)
          : row.kind === 'update'
            ? await this.call('POST', path, row.payload)
            : await this.call('DELETE', path);
      return await this.classify(response, row.kind);
    } catch (error) {
      const reason = this.stopping
        ? 'stopped while in flight'
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
      return { result: 'retry', status: null, error: `no answer (${reason})` };
    }
  }

  private async classify(response: Response, kind: ReportKind): Promise<Outcome> {
    const status = response.status;
    const text = await response.text().catch(() => '');
    if (response.ok) return { result: 'sent', status };
    // Button already has this order: an earlier attempt of ours arrived.
    if (kind === 'create' && status === 409) return { result: 'sent', status, note: 'Button already had the order' };
    // Nothing to cancel at Button (an earlier DELETE of ours arrived, or it never had the order).
    if (kind === 'delete' && status === 404) return { result: 'sent', status, note: 'Button does not have the order' };
    const error = `HTTP ${status}${text ? `: ${text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
    // Outages, rate limits and credentials (a key being fixed) are retried; other refusals need a person.
    if (status >= 500 || status === 408 || status === 425 || status === 429 || status === 401 || status === 403) {
      const retryAfter = Number(response.headers.get('Retry-After'));
      return {
        result: 'retry',
        status,
        error,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    return { result: 'failed', status, error };
  }
}
