import type { Queryable } from '../db/database.ts';

/** Whose key it is: the company (API key), the caller, and the key itself. */
export interface KeyScope {
  readonly company: string;
  readonly caller: string;
  readonly key: string;
}

/** A key's first request, as kept. */
export interface KeptRequest {
  readonly body_hash: string;
  readonly state: string;
  readonly status: number | null;
  readonly body: string | null;
  [column: string]: unknown;
}

const whereKey = (k: KeyScope) => [k.company, k.caller, k.key];

/**
 * Takes the key for a request (`pending`), if it is new, or was last used before `expiredBefore`, or
 * was left pending by a request that died before `abandonedBefore`. False when another holds it.
 */
export async function claimKey(
  db: Queryable,
  k: KeyScope,
  request: { readonly method: string; readonly path: string; readonly hash: string },
  at: number,
  expiredBefore: number,
  abandonedBefore: number,
): Promise<boolean> {
  const claimed = await db.query(
    `INSERT INTO idempotency_keys (company_id, caller, key, method, path, body_hash, state, created)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)
     ON CONFLICT (company_id, caller, key) DO UPDATE
       SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash,
           state = 'pending', status = NULL, body = NULL, created = EXCLUDED.created
       WHERE idempotency_keys.created < $8
          OR (idempotency_keys.state = 'pending' AND idempotency_keys.created < $9)
     RETURNING key`,
    [...whereKey(k), request.method, request.path, request.hash, at, expiredBefore, abandonedBefore],
  );
  return claimed.length > 0;
}

/** The request that holds the key: still running, or done with its answer. */
export async function keptRequest(db: Queryable, k: KeyScope): Promise<KeptRequest | undefined> {
  const [first] = await db.query<KeptRequest>(
    `SELECT body_hash, state, status, body FROM idempotency_keys WHERE company_id = $1 AND caller = $2 AND key = $3`,
    whereKey(k),
  );
  return first;
}

/** Lets the key go: the request's answer is not kept (it did nothing, so a retry may run again). */
export async function releaseKey(db: Queryable, k: KeyScope): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE company_id = $1 AND caller = $2 AND key = $3`, whereKey(k));
}

/** Keeps the request's answer for its repeats. */
export async function keepAnswer(db: Queryable, k: KeyScope, status: number, body: string): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET state = 'done', status = $4, body = $5 WHERE company_id = $1 AND caller = $2 AND key = $3`,
    [...whereKey(k), status, body],
  );
}
