import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { PaymentMethodError } from './legacy-types.ts';

/**
 * Where the offline `test` processor keeps what Stripe would keep: its objects (JSON, by id and kind) and
 * the idempotency keys it was sent with their answers, in the server's own database, so that a restarted
 * server (and its reconciler) can ask it what became of a call.
 */

/** Stripe's id shape, marked as a test object: `pi_test…`. */
export const testId = (prefix: string) => `${prefix}_test${randomBytes(12).toString('base64url')}`;

/** A key's first answer, kept for 24 hours as Stripe keeps it. */
const KEEP_MS = 24 * 60 * 60 * 1000;

type Saved =
  | { readonly ok: unknown }
  | { readonly refused: { status: 400 | 402 | 403; code: string; message: string; declineCode: string | null } };

/** The test processor's statements, in one transaction or (each alone) outside any. */
export class TestTx {
  readonly #tx: Queryable;
  readonly at: number;
  constructor(tx: Queryable, at: number) {
    this.#tx = tx;
    this.at = at;
  }

  /** The object, locked until the transaction ends. */
  async get<T>(kind: string, id: string): Promise<T | undefined> {
    const [row] = await this.#tx.query<{ data: T }>(
      `SELECT data FROM test_processor_objects WHERE id = $1 AND kind = $2 FOR UPDATE`,
      [id, kind],
    );
    return row?.data;
  }

  async put<T extends { readonly id: string }>(kind: string, object: T): Promise<void> {
    await this.#tx.query(
      `INSERT INTO test_processor_objects (id, kind, data, created) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
      [object.id, kind, JSON.stringify(object), this.at],
    );
  }

  /** Objects of `kind` whose JSON member `field` is `value`. */
  async find<T>(kind: string, field: string, value: string): Promise<T[]> {
    const rows = await this.#tx.query<{ data: T }>(
      `SELECT data FROM test_processor_objects WHERE kind = $1 AND data->>$2 = $3 ORDER BY created, id`,
      [kind, field, value],
    );
    return rows.map((r) => r.data);
  }

  /**
   * Stripe's idempotency rule: the first request with a key runs and its answer (a refusal too) is kept;
   * the same key with the same parameters gets that answer again, with others it is an error (a bug of
   * the caller, which Stripe answers 400 idempotency_error).
   */
  async once<T>(key: string, endpoint: string, params: unknown, run: () => Promise<T>): Promise<T> {
    const text = canonical(params);
    const [kept] = await this.#tx.query<Kept & { created: number }>(
      `SELECT endpoint, params, answer, created FROM test_processor_keys WHERE key = $1 FOR UPDATE`,
      [key],
    );
    if (kept && kept.created > this.at - KEEP_MS) return repeated<T>(kept, key, endpoint, text);
    let answer: Saved;
    let result: T | undefined;
    try {
      result = await run();
      answer = { ok: result };
    } catch (error) {
      if (!(error instanceof PaymentMethodError)) throw error;
      answer = refusalOf(error);
      await this.#save(key, endpoint, text, answer);
      throw error;
    }
    await this.#save(key, endpoint, text, answer);
    return result;
  }

  async #save(key: string, endpoint: string, params: string, answer: Saved): Promise<void> {
    await this.#tx.query(
      `INSERT INTO test_processor_keys (key, endpoint, params, answer, created) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (key) DO UPDATE SET endpoint = EXCLUDED.endpoint, params = EXCLUDED.params,
         answer = EXCLUDED.answer, created = EXCLUDED.created`,
      [key, endpoint, params, JSON.stringify(answer), this.at],
    );
  }
}

/** JSON with its object members sorted, so that the same parameters compare equal however they were built. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Stripe gives one card number the same fingerprint every time; so does this. */
export const fingerprint = (brand: string, last4: string) =>
  createHash('sha256').update(`tillkit-test:${brand.toLowerCase()}:${last4}`).digest('base64url').slice(0, 16);

/** An object the processor makes, to be stored with the key that made it. */
export interface Made {
  readonly kind: string;
  readonly object: { readonly id: string };
}

/**
 * `once` for a call that only makes objects (a create: nothing to read first), in ONE statement and no
 * transaction: the key is written with its answer and the objects only when the key is new (or its
 * first answer has expired); a key already kept, by this process or another one at the same moment,
 * writes nothing and gets that first answer back. `make` runs before the statement (it only draws ids),
 * so what a repeat would have made is thrown away.
 */
export async function madeOnce<T>(
  db: Database | undefined,
  at: number,
  key: string,
  endpoint: string,
  params: unknown,
  make: () => { readonly result: T; readonly made: readonly Made[] },
): Promise<T> {
  const store = storeOf(db);
  const text = canonical(params);
  let making: { readonly result: T; readonly made: readonly Made[] } | undefined;
  let refused: PaymentMethodError | undefined;
  try {
    making = make();
  } catch (error) {
    if (!(error instanceof PaymentMethodError)) throw error;
    refused = error;
  }
  const answer: Saved = refused ? refusalOf(refused) : { ok: making!.result };
  const [row] = await store.query<{ kept: number }>(
    `WITH kept AS (
       INSERT INTO test_processor_keys (key, endpoint, params, answer, created) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (key) DO UPDATE SET endpoint = EXCLUDED.endpoint, params = EXCLUDED.params,
         answer = EXCLUDED.answer, created = EXCLUDED.created
        WHERE test_processor_keys.created <= $5::bigint - $6::bigint
       RETURNING key),
     made AS (
       INSERT INTO test_processor_objects (id, kind, data, created)
       SELECT m->'object'->>'id', m->>'kind', m->'object', $5 FROM jsonb_array_elements($7::jsonb) m
        WHERE EXISTS (SELECT 1 FROM kept)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data)
     SELECT count(*)::int AS kept FROM kept`,
    [key, endpoint, text, JSON.stringify(answer), at, KEEP_MS, JSON.stringify(making?.made ?? [])],
  );
  if (row!.kept === 0) return keptAnswer<T>(store, key, endpoint, text);
  if (refused) throw refused;
  return making!.result;
}

/** The first answer kept for a key (a repeat of the call): again, or an error for other parameters. */
async function keptAnswer<T>(db: Queryable, key: string, endpoint: string, params: string): Promise<T> {
  const [kept] = await db.query<Kept>(`SELECT endpoint, params, answer FROM test_processor_keys WHERE key = $1`, [key]);
  return repeated<T>(kept, key, endpoint, params);
}

type Kept = {
  readonly endpoint: string;
  readonly params: string;
  readonly answer: Saved;
};

/** What a key keeps of a refusal: the error the same request gets again. */
const refusalOf = (error: PaymentMethodError): Saved => ({
  refused: { status: error.status, code: error.code, message: error.message, declineCode: error.declineCode },
});

/** Stripe's answer to a key sent again: the first answer, or an error when the request is another. */
function repeated<T>(kept: Kept | undefined, key: string, endpoint: string, params: string): T {
  if (!kept || kept.endpoint !== endpoint || kept.params !== params) {
    throw new Error(`test processor: idempotency key ${key} was first used for another request`);
  }
  if ('refused' in kept.answer) {
    const r = kept.answer.refused;
    throw new PaymentMethodError(r.status, r.code, r.message, r.declineCode);
  }
  return kept.answer.ok as T;
}

/** Runs `fn` in one transaction of the test processor's store. */
export function inStore<T>(db: Database | undefined, now: () => number, fn: (tx: TestTx) => Promise<T>): Promise<T> {
  return storeOf(db).transaction((tx) => fn(new TestTx(tx, now())));
}

/** The database the test processor keeps its state in. */
export function storeOf(db: Database | undefined): Database {
  if (!db) throw new Error('the test processor keeps its state in the server database: start it with startServer');
  return db;
}
