import type { Queryable } from '../db/database.ts';

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
  const rows = await db.query(
    `INSERT INTO idempotency_keys (company_id, caller, key, method, path, body_hash, state, status, body, payment_id, created)
     VALUES ($1, $2, $3, $4, $5, $6, 'done', $7, $8, $9, $10)
     ON CONFLICT (company_id, caller, key) DO UPDATE
       SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash, state = 'done',
           status = EXCLUDED.status, body = EXCLUDED.body, payment_id = EXCLUDED.payment_id, created = EXCLUDED.created
       WHERE idempotency_keys.created < $11 OR idempotency_keys.state <> 'done'
     RETURNING key`,
    [
      ...whereKey(k),
      request.method,
      request.path,
      request.hash,
      answer.status,
      answer.body,
      answer.paymentId,
      at,
      expiredBefore,
    ],
  );
  return rows.length > 0;
}
