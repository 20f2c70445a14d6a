import { createHash, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv, Caller, Deps } from './context.ts';
import { Params, type Queryable, type Row } from './db/database.ts';
import { HttpError, badRequest } from './http/errors.ts';
import {
  correctAnswer,
  findKey,
  findKeyAndUser,
  keepAnswer,
  keepAnswerSql,
  type KeptRequest,
  type KeyScope,
  type KeyedRequest,
} from './model/idempotency-keys.ts';
import { tryLease } from './model/payment-state.ts';
import { paymentById } from './model/payments.ts';
import { paymentAnswer } from './payments/answer.ts';
import { resolve } from './payments/drive.ts';
import { canonical } from './payments/test-store.ts';

/** The code a client may retry on (the same key, later): the first request is still running. */
export const IDEMPOTENCY_IN_FLIGHT = 'idempotency_key_in_use';
export const IDEMPOTENCY_REUSED = 'idempotency_key_reused';

/** How long a key answers with its first response. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** A request's key, while it runs: what a route needs to keep its answer with its effect. */
export interface KeyContext {
  readonly scope: KeyScope;
  readonly request: KeyedRequest;
  readonly at: number;
  committed: boolean;
}

/** Another request with the same key kept its answer first: this one's transaction must not commit. */
export class KeyTaken extends Error {
  override readonly name = 'KeyTaken';
}

const callerKey = (caller: Caller): string => (caller.kind === 'user' ? `user:${caller.sub}` : caller.kind);

/** The request's identity: method, path and the body as parsed JSON (so re-serialising it is the same request). */
function hashOf(method: string, path: string, raw: string): string {
  let body = raw;
  try {
    if (raw.trim() !== '') body = canonical(JSON.parse(raw));
  } catch {
    // Not JSON: the route refuses it; the bytes identify it.
  }
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

const inFlight = () =>
  new HttpError(
    409,
    IDEMPOTENCY_IN_FLIGHT,
    'A request with this Idempotency-Key is being handled; try again',
    'Idempotency-Key',
  );

/**
 * `Idempotency-Key` on POST and PUT, scoped to the API key (company) and the caller. A key's answer is
 * kept in the same transaction as the effect it reports (`keepWithEffect`, called by the routes that
 * create orders, payment methods and payments), so a crash can leave neither without the other; a
 * request that created nothing keeps its answer afterwards (none for 409s and 5xx, which are for retrying).
 * A repeat with the same method, path and parsed body gets the answer back with `Idempotent-Replayed:
 * true` and runs nothing; a payment's answer is the payment as it is now (settled first if its outcome
 * was lost; 409 `idempotency_key_in_use` while the first request still works on it). The same key for
 * another request is 422.
 */
export function idempotency(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PUT')) return next();
    if (key.length === 0 || key.length > 255) {
      throw badRequest('idempotency-key-invalid', 'Idempotency-Key must be 1 to 255 characters', 'Idempotency-Key');
    }
    const at = deps.now();
    const path = new URL(c.req.url).pathname;
    const scope: KeyScope = { company: c.get('company'), caller: callerKey(c.get('caller')), key };
    const request: KeyedRequest = { method: c.req.method, path, hash: hashOf(c.req.method, path, c.get('rawBody')) };
    const caller = c.get('caller');
    let kept: KeptRequest | undefined;
    if (caller.kind === 'user') {
      // The caller's user comes with the key: one round trip, and the routes look the user up no more.
      const found = await findKeyAndUser(deps.db, scope, at - KEEP_MS, caller.sub);
      c.set('user', found.user ?? null);
      kept = found.kept;
    } else {
      kept = await findKey(deps.db, scope, at - KEEP_MS);
    }
    if (kept) return replay(c, deps, kept, request);
    const context: KeyContext = { scope, request, at, committed: false };
    c.set('idempotency', context);
    await next();
    if (c.error instanceof KeyTaken) {
      const first = await findKey(deps.db, scope, at - KEEP_MS);
      if (!first) throw inFlight();
      c.res = await replay(c, deps, first, request);
      return;
    }
    const status = c.res.status;
    if (!context.committed && status < 500 && status !== 409) {
      await keepAnswer(
        deps.db,
        scope,
        request,
        { status, body: await c.res.clone().text(), paymentId: null },
        at,
        at - KEEP_MS,
      );
    }
  };
}

async function replay(c: AppContext, deps: Deps, kept: KeptRequest, request: KeyedRequest): Promise<Response> {
  if (kept.body_hash !== request.hash) {
    throw new HttpError(
      422,
      IDEMPOTENCY_REUSED,
      'This Idempotency-Key was used for a different request',
      'Idempotency-Key',
    );
  }
  const replayed = { 'Idempotent-Replayed': 'true' };
  if (kept.payment_id) {
    let payment = await paymentById(deps.db, c.get('company'), kept.payment_id);
    if (payment) {
      const now = deps.now();
      if (payment.lease_until !== null && payment.lease_until >= now) throw inFlight();
      if (payment.current_state === 'processing') {
        const token = randomUUID();
        const until = now + deps.config.paymentLeaseMs;
        const leased = await tryLease(deps.db, payment.id, token, until, now);
        if (!leased) throw inFlight();
        payment = await resolve(deps, leased, { token, until });
      }
      return paymentAnswer(c, deps.db, payment, replayed);
    }
  }
  return c.body(kept.body ?? '', (kept.status ?? 200) as 200, {
    'Content-Type': 'application/json; charset=UTF-8',
    ...replayed,
  });
}

/** What a request's key keeps: the status and body sent, or the payment it is about. */
export interface EffectAnswer {
  readonly status?: number;
  readonly body?: string;
  readonly paymentId?: string;
}

const keptAnswer = (answer: EffectAnswer) => ({
  status: answer.status ?? 200,
  body: answer.body ?? null,
  paymentId: answer.paymentId ?? null,
});

/**
 * Writes an effect and the request's key in ONE statement, atomically, with no transaction around them:
 * the key is kept first (`WITH idempotency_key AS (INSERT …)`), and `effect` writes only when it was:
 * its statements are gated on `gate` (`TRUE` without a key). `effect(q, gate)` gives the statement's
 * other `WITH` parts and its final `SELECT`, which must answer a row whenever the effect was written.
 * Nothing answered with a key: another request kept its answer first, nothing was written, and this
 * throws `KeyTaken` (the middleware answers as that one did). The answer to keep is foreseen before the
 * statement (the effect's row as it will be written); `correctKeptAnswer` fixes it if it came out otherwise.
 */
export async function writeWithKey<T extends Row>(
  db: Queryable,
  c: AppContext,
  answer: EffectAnswer,
  effect: (q: Params, gate: string) => { readonly with?: readonly string[]; readonly select: string },
): Promise<T[]> {
  const context = c.get('idempotency');
  const keyed = context !== undefined && !context.committed;
  const q = new Params();
  const parts: string[] = [];
  if (keyed) {
    const { scope, request, at } = context;
    parts.push(`idempotency_key AS (${keepAnswerSql(q, scope, request, keptAnswer(answer), at, at - KEEP_MS)})`);
  }
  const { with: more = [], select } = effect(q, keyed ? 'EXISTS (SELECT 1 FROM idempotency_key)' : 'TRUE');
  parts.push(...more);
  const rows = await db.query<T>(`${parts.length ? `WITH ${parts.join(',\n')}\n` : ''}${select}`, q.values);
  if (keyed) {
    if (rows.length === 0) throw new KeyTaken('another request with this Idempotency-Key was answered first');
    context.committed = true;
  }
  return rows;
}

/**
 * The INSERT that keeps the request's key, for a statement that writes the effect in a transaction
 * (`WITH idempotency_key AS (…)`, its parameters added to `q`), or undefined when there is no key to keep;
 * `keyKept` after the statement.
 */
export function keyPart(c: AppContext, q: Params, answer: EffectAnswer): string | undefined {
  const context = c.get('idempotency');
  if (!context || context.committed) return undefined;
  return keepAnswerSql(q, context.scope, context.request, keptAnswer(answer), context.at, context.at - KEEP_MS);
}

/** After a statement with `keyPart`: `count` keys kept; none means another request kept it first (roll back). */
export function keyKept(c: AppContext, count: number): void {
  const context = c.get('idempotency');
  if (!context || context.committed) return;
  if (count === 0) throw new KeyTaken('another request with this Idempotency-Key was answered first');
  context.committed = true;
}

/** The answer kept by `writeWithKey` corrected: the effect came out otherwise than foreseen (a race). */
export async function correctKeptAnswer(db: Queryable, c: AppContext, body: string): Promise<void> {
  const context = c.get('idempotency');
  if (context?.committed) await correctAnswer(db, context.scope, body);
}

/**
 * Keeps the request's answer with its effect, in the effect's transaction `tx`: the body sent, or the
 * payment it is about. Nothing without an Idempotency-Key. Throws `KeyTaken` (roll back) when another
 * request with the key kept its answer first.
 */
export async function keepWithEffect(tx: Queryable, c: AppContext, answer: EffectAnswer): Promise<void> {
  const context = c.get('idempotency');
  // Kept already: a payment request that tried twice (a failed authentication, then anew) is one answer.
  if (!context || context.committed) return;
  const kept = await keepAnswer(
    tx,
    context.scope,
    context.request,
    keptAnswer(answer),
    context.at,
    context.at - KEEP_MS,
  );
  if (!kept) throw new KeyTaken('another request with this Idempotency-Key was answered first');
  context.committed = true;
}
