import { Params, type Queryable } from '../db/database.ts';
import type { UserRow } from './users.ts';

/** Whose key it is: the company (API key), the caller, and the key itself. */
export interface KeyScope {
  readonly company: string;
  readonly caller: string;
  readonly key: string;
}

/** The request a key was first used for: method, path and the hash of its parsed body. */
export interface KeyedRequest {
  readonly method: string;
  readonly path: string;
  readonly hash: string;
}

/** A key's answer: the status and body sent, or the payment it is about (answered as it is when asked). */
export interface KeptAnswer {
  readonly status: number;
  readonly body: string | null;
  readonly paymentId: string | null;
}

export interface KeptRequest {
  readonly body_hash: string;
  readonly status: number | null;
  readonly body: string | null;
  readonly payment_id: string | null;
  [column: string]: unknown;
}

const whereKey = (k: KeyScope) => [k.company, k.caller, k.key];

/**
 * The answer kept for a key, if it was used since `since`. Rows left `pending` by servers before
 * migration 004 (which wrote the key before its effect) are not answers: they are taken over.
 */
export async function findKey(db: Queryable, k: KeyScope, since: number): Promise<KeptRequest | undefined> {
  const [row] = await db.query<KeptRequest>(
    `SELECT body_hash, status, body, payment_id FROM idempotency_keys
      WHERE company_id = $1 AND caller = $2 AND key = $3 AND state = 'done' AND created >= $4`,
    [...whereKey(k), since],
  );
  return row;
}

/**
 * A request's key and, for a user's token, the user it names, in one statement: the answer kept for the
 * key (as `findKey`), and the user (undefined when not seen yet). The Idempotency-Key layer runs it, so
 * that a keyed request by a user looks both up in one round trip.
 */
export async function findKeyAndUser(
  db: Queryable,
  k: KeyScope,
  since: number,
  sub: string,
): Promise<{ kept: KeptRequest | undefined; user: UserRow | undefined }> {
  const [row] = await db.query<{ kept: KeptRequest | null; user: UserRow | null }>(
    `SELECT (SELECT to_jsonb(k) FROM (SELECT body_hash, status, body, payment_id FROM idempotency_keys
               WHERE company_id = $1 AND caller = $2 AND key = $3 AND state = 'done' AND created >= $4) k) AS kept,
            (SELECT to_jsonb(u) FROM users u WHERE u.company_id = $1 AND u.sub = $5) AS user`,
    [...whereKey(k), since, sub],
  );
  return { kept: row?.kept ?? undefined, user: row?.user ?? undefined };
}

/**
 * The statement of `keepAnswer`, its parameters added to `q`, also for a statement's `WITH`: it returns the
 * key when kept, no row when another request kept its answer first. An effect written in the same
 * statement and gated on it commits with it, atomically, without a transaction around both.
 */
export function keepAnswerSql(
  q: Params,
  k: KeyScope,
  request: KeyedRequest,
  answer: KeptAnswer,
  at: number,
  expired: number,
): string {
  return `INSERT INTO idempotency_keys (company_id, caller, key, method, path, body_hash, state, status, body, payment_id, created)
     VALUES (${[k.company, k.caller, k.key, request.method, request.path, request.hash].map((v) => q.add(v)).join(', ')},
             'done', ${q.add(answer.status)}::int, ${q.add(answer.body)}, ${q.add(answer.paymentId)}, ${q.add(at)}::bigint)
     ON CONFLICT (company_id, caller, key) DO UPDATE
       SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash, state = 'done',
           status = EXCLUDED.status, body = EXCLUDED.body, payment_id = EXCLUDED.payment_id, created = EXCLUDED.created
       WHERE idempotency_keys.created < ${q.add(expired)}::bigint OR idempotency_keys.state <> 'done'
     RETURNING key`;
}

/** A kept answer's body corrected (an effect that came out otherwise than foreseen when the key was kept). */
export async function correctAnswer(db: Queryable, k: KeyScope, body: string): Promise<void> {
  await db.query(`UPDATE idempotency_keys SET body = $4 WHERE company_id = $1 AND caller = $2 AND key = $3`, [
    ...whereKey(k),
    body,
  ]);
}

/**
 * Keeps a key's answer, in the transaction of the effect it answers (the order, payment method or payment
 * made), so that neither is ever stored without the other. False when another request with the key got
 * there first (the caller rolls back and answers as that one did).
 */
export async function keepAnswer(
  db: Queryable,
  k: KeyScope,
  request: KeyedRequest,
  answer: KeptAnswer,
  at: number,
  expiredBefore: number,
): Promise<boolean> {
  const q = new Params();
  const rows = await db.query(keepAnswerSql(q, k, request, answer, at, expiredBefore), q.values);
  return rows.length > 0;
}
