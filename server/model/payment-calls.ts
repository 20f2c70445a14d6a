import { Params, type Queryable } from '../db/database.ts';
import { objectId } from '../http/ids.ts';

/**
 * Every call of a payment to the processor, in order (`seq`), in the `charges` table: written with its
 * idempotency key and the exact parameters it sends before it is made, completed with the answer after.
 * A call still `pending` whose payment nobody holds (no live lease) was made, or was about to be, when
 * its answer was lost: it is settled by asking the processor, never by calling anew with other
 * parameters under its key.
 */
export type CallKind = 'create' | 'confirm' | 'cancel' | 'charge';
export type CallStatus =
  'pending' | 'succeeded' | 'declined' | 'failed' | 'requires_action' | 'created' | 'canceled' | 'abandoned';

export interface CallRow {
  readonly id: string;
  readonly payment_id: string;
  readonly processor: string;
  readonly kind: CallKind;
  readonly seq: number;
  readonly idempotency_key: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly payment_method_id: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly status: CallStatus;
  readonly processor_id: string | null;
  readonly code: string | null;
  readonly decline_code: string | null;
  readonly message: string | null;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

export type NewCall = Pick<
  CallRow,
  | 'payment_id'
  | 'processor'
  | 'kind'
  | 'seq'
  | 'idempotency_key'
  | 'params'
  | 'payment_method_id'
  | 'amount'
  | 'currency'
>;

/** Writes a call about to be made (`pending`). */
export async function insertCall(tx: Queryable, company: string, call: NewCall, at: number): Promise<CallRow> {
  const c = call;
  const [row] = await tx.query<CallRow>(
    `INSERT INTO charges (id, company_id, payment_id, processor, kind, seq, idempotency_key, params, payment_method_id,
                          amount, currency, status, created, modified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, 'pending', $12, $12) RETURNING *`,
    [
      objectId(at),
      company,
      c.payment_id,
      c.processor,
      c.kind,
      c.seq,
      c.idempotency_key,
      JSON.stringify(c.params),
      c.payment_method_id,
      c.amount,
      c.currency,
      at,
    ],
  );
  return row!;
}

/** The next `seq` of a payment's calls. */
export async function nextSeq(tx: Queryable, paymentId: string): Promise<number> {
  const [row] = await tx.query<{ n: number | null }>(`SELECT max(seq) AS n FROM charges WHERE payment_id = $1`, [
    paymentId,
  ]);
  return (row?.n ?? 0) + 1;
}

/** The payment's call still waiting for its answer, if any (there is at most one). */
export async function pendingCall(db: Queryable, paymentId: string): Promise<CallRow | undefined> {
  const [row] = await db.query<CallRow>(
    `SELECT * FROM charges WHERE payment_id = $1 AND status = 'pending' ORDER BY seq DESC LIMIT 1`,
    [paymentId],
  );
  return row;
}

export interface CallAnswer {
  readonly status: Exclude<CallStatus, 'pending'>;
  readonly processorId?: string | null;
  readonly code?: string | null;
  readonly declineCode?: string | null;
  readonly message?: string | null;
}

/** The UPDATE of `completeCall` (its parameters added to `q`), `RETURNING id`. */
export function completeCallSql(q: Params, callId: string, a: CallAnswer, at: number, where = 'TRUE'): string {
  const values = [a.status, a.processorId ?? null, a.code ?? null, a.declineCode ?? null, a.message ?? null];
  const [status, processorId, code, declineCode, message] = values.map((v) => q.add(v));
  return `UPDATE charges SET status = ${status}, processor_id = ${processorId}, code = ${code},
                 decline_code = ${declineCode}, message = ${message}, modified = ${q.add(at)}::bigint
           WHERE id = ${q.add(callId)} AND status = 'pending' AND ${where} RETURNING id`;
}

/**
 * Completes a pending call with its answer; false when it was no longer pending (another process recorded
 * it first), so the caller records nothing twice.
 */
export async function completeCall(tx: Queryable, callId: string, a: CallAnswer, at: number): Promise<boolean> {
  const q = new Params();
  const rows = await tx.query(completeCallSql(q, callId, a, at), q.values);
  return rows.length > 0;
}

/** The charge ids the processor gave a payment's earlier attempts (to tell a new decline from an old one). */
export async function knownCharges(db: Queryable, paymentId: string): Promise<Set<string>> {
  const rows = await db.query<{ processor_id: string }>(
    `SELECT processor_id FROM charges WHERE payment_id = $1 AND processor_id IS NOT NULL`,
    [paymentId],
  );
  return new Set(rows.map((r) => r.processor_id));
}

/** The calls made for each payment, oldest first. */
export async function callsOf(db: Queryable, ids: readonly string[]): Promise<Map<string, CallRow[]>> {
  const map = new Map<string, CallRow[]>();
  if (ids.length === 0) return map;
  const q = new Params();
  const rows = await db.query<CallRow>(
    `SELECT * FROM charges WHERE payment_id = ANY(${q.texts(ids)}) ORDER BY created, seq, id`,
    q.values,
  );
  for (const r of rows) (map.get(r.payment_id) ?? map.set(r.payment_id, []).get(r.payment_id)!).push(r);
  return map;
}
