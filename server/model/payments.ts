import { Params, type Queryable } from '../db/database.ts';
import { insertWithUniqueCode } from '../db/unique.ts';
import { humanId, isObjectId } from '../http/ids.ts';

/** A payment (seed 000): one processor charge for one or more orders of one currency. */
export interface PaymentRow {
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

/** One call to the processor, written before the call and completed after it. */
export interface ChargeRow {
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

/** What a payment's and its charge's rows record of the processor's answer. */
export interface ChargeOutcome {
  readonly state: 'succeeded' | 'declined' | 'failed';
  readonly processorId: string | null;
  readonly code: string | null;
  readonly declineCode: string | null;
  readonly message: string | null;
}

/** Records a payment in `processing`, linked to its orders; `human_id` is drawn until unique. */
export async function insertPayment(
  tx: Queryable,
  payment: Pick<
    PaymentRow,
    'id' | 'company_id' | 'user_id' | 'payment_method_id' | 'order_key' | 'amount' | 'currency'
  >,
  orderIds: readonly string[],
  at: number,
): Promise<PaymentRow> {
  const p = payment;
  const row = await insertWithUniqueCode(
    humanId,
    async (code) =>
      (
        await tx.query<PaymentRow>(
          `INSERT INTO payments (id, company_id, user_id, human_id, payment_method_id, order_key, amount, currency, current_state, created, modified)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'processing', $9, $9)
           ON CONFLICT (company_id, human_id) DO NOTHING RETURNING *`,
          [p.id, p.company_id, p.user_id, code, p.payment_method_id, p.order_key, p.amount, p.currency, at],
        )
      )[0],
    'human_id',
  );
  for (const id of orderIds) {
    await tx.query(`INSERT INTO payment_orders (payment_id, order_id) VALUES ($1, $2)`, [row.id, id]);
  }
  return row;
}

/**
 * The processor key of the last charge (within 23 hours) for the same orders, card, amount and
 * processor that failed with an unknown outcome: a retry reuses it, so the processor hands back the
 * first charge if it went through instead of charging again.
 */
export async function failedChargeKey(
  tx: Queryable,
  charge: { company: string; orderKey: string; methodId: string; amount: number; currency: string; processor: string },
  since: number,
): Promise<string | undefined> {
  const c = charge;
  const [failed] = await tx.query<{ idempotency_key: string }>(
    `SELECT c.idempotency_key FROM charges c JOIN payments p ON p.id = c.payment_id
      WHERE p.company_id = $1 AND p.order_key = $2 AND p.payment_method_id = $3 AND c.amount = $4 AND c.currency = $5
        AND c.status = 'failed' AND c.processor = $6 AND c.created > $7
      ORDER BY c.created DESC LIMIT 1`,
    [c.company, c.orderKey, c.methodId, c.amount, c.currency, c.processor, since],
  );
  return failed?.idempotency_key;
}

/** Records a processor call about to be made, `pending` until its outcome is known. */
export async function insertCharge(
  tx: Queryable,
  charge: Pick<ChargeRow, 'id' | 'payment_id' | 'processor' | 'amount' | 'currency' | 'idempotency_key'>,
  company: string,
  at: number,
): Promise<void> {
  const c = charge;
  await tx.query(
    `INSERT INTO charges (id, company_id, payment_id, processor, amount, currency, idempotency_key, status, created, modified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)`,
    [c.id, company, c.payment_id, c.processor, c.amount, c.currency, c.idempotency_key, at],
  );
}

/** Completes a charge and its payment with the processor's answer; returns the payment as stored. */
export async function recordCharge(
  tx: Queryable,
  chargeId: string,
  paymentId: string,
  outcome: ChargeOutcome,
  at: number,
): Promise<PaymentRow> {
  const o = outcome;
  await tx.query(
    `UPDATE charges SET status = $2, processor_id = $3, code = $4, decline_code = $5, message = $6, modified = $7 WHERE id = $1`,
    [chargeId, o.state, o.processorId, o.code, o.declineCode, o.message, at],
  );
  const [row] = await tx.query<PaymentRow>(
    `UPDATE payments SET current_state = $2, charge_id = $3, error_code = $4, decline_code = $5, error_message = $6,
            payment_date = $7, modified = $8
      WHERE id = $1 RETURNING *`,
    [paymentId, o.state, o.processorId, o.code, o.declineCode, o.message, o.state === 'succeeded' ? at : null, at],
  );
  return row!;
}

/** A user's own payments (`sub`), or (admin) the company's; `order` narrows to one order's. Oldest first. */
export function listPayments(
  db: Queryable,
  company: string,
  filter: { readonly sub?: string | undefined; readonly order?: string | undefined },
): Promise<PaymentRow[]> {
  const q = new Params();
  const where = [`p.company_id = ${q.add(company)}`];
  if (filter.sub !== undefined) where.push(`u.sub = ${q.add(filter.sub)}`);
  if (filter.order !== undefined) {
    where.push(`p.id IN (SELECT payment_id FROM payment_orders WHERE order_id = ${q.add(filter.order)})`);
  }
  return db.query<PaymentRow>(
    `SELECT p.* FROM payments p JOIN users u ON u.id = p.user_id WHERE ${where.join(' AND ')} ORDER BY p.created, p.id LIMIT 500`,
    q.values,
  );
}

/** One payment of the company, only a user's own when `sub` is given. */
export async function paymentById(
  db: Queryable,
  company: string,
  id: string,
  sub: string | undefined,
): Promise<PaymentRow | undefined> {
  if (!isObjectId(id)) return undefined;
  const [row] = await db.query<PaymentRow>(
    `SELECT p.* FROM payments p JOIN users u ON u.id = p.user_id WHERE p.company_id = $1 AND p.id = $2
       ${sub !== undefined ? 'AND u.sub = $3' : ''}`,
    sub !== undefined ? [company, id, sub] : [company, id],
  );
  return row;
}

/** The orders each payment paid, by order id. */
export async function ordersOf(db: Queryable, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db.query<{ payment_id: string; order_id: string }>(
    `SELECT payment_id, order_id FROM payment_orders WHERE payment_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY order_id`,
    [JSON.stringify(ids)],
  );
  for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r.order_id);
  return map;
}

/** The processor calls made for each payment, oldest first. */
export async function chargesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, ChargeRow[]>> {
  const map = new Map<string, ChargeRow[]>();
  if (ids.length === 0) return map;
  const rows = await db.query<ChargeRow>(
    `SELECT * FROM charges WHERE payment_id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY created, id`,
    [JSON.stringify(ids)],
  );
  for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r);
  return map;
}
