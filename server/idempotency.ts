import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Caller, Deps } from './context.ts';
import { HttpError, badRequest } from './http/errors.ts';
import { claimKey, keepAnswer, keptRequest, releaseKey } from './model/idempotency-keys.ts';

/** The code a client may retry on (the same key, later): the first request is still running. */
export const IDEMPOTENCY_IN_FLIGHT = 'idempotency_key_in_use';
export const IDEMPOTENCY_REUSED = 'idempotency_key_reused';

/** How long a key answers with its first response. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** A key still "pending" after this long belongs to a request that died; the next one takes it over. */
const ABANDONED_MS = 5 * 60 * 1000;

const callerKey = (caller: Caller): string => (caller.kind === 'user' ? `user:${caller.sub}` : caller.kind);

/**
 * `Idempotency-Key` on POST and PUT, scoped to the API key (company) and the caller. The first request
 * with a key runs and its answer (status and body) is kept; a repeat gets that answer back with
 * `Idempotent-Replayed: true` and runs nothing. The same key for a different request (method, path or
 * body) is a 422; a repeat while the first still runs is a 409 with code `idempotency_key_in_use`.
 * Answers of 500 and above are not kept, so the client's retry with the same key runs again; that is
 * safe because such answers mean nothing was done (a failed charge leaves the order payable).
 */
export function idempotency({ db, now }: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PUT')) return next();
    if (key.length === 0 || key.length > 255) {
      throw badRequest('idempotency-key-invalid', 'Idempotency-Key must be 1 to 255 characters', 'Idempotency-Key');
    }
    const company = c.get('company');
    const caller = callerKey(c.get('caller'));
    const path = new URL(c.req.url).pathname;
    const hash = createHash('sha256')
      .update(`${c.req.method} ${path}\n${c.get('rawBody')}`)
      .digest('hex');
    const at = now();
    const scope = { company, caller, key };
    const claimed = await claimKey(
      db,
      scope,
      { method: c.req.method, path, hash },
      at,
      at - KEEP_MS,
      at - ABANDONED_MS,
    );
    if (!claimed) {
      const first = await keptRequest(db, scope);
      if (!first)
        throw new HttpError(
          409,
          IDEMPOTENCY_IN_FLIGHT,
          'A request with this Idempotency-Key is being handled; try again',
          'Idempotency-Key',
        );
      if (first.body_hash !== hash) {
        throw new HttpError(
          422,
          IDEMPOTENCY_REUSED,
          'This Idempotency-Key was used for a different request',
          'Idempotency-Key',
        );
      }
      if (first.state !== 'done') {
        throw new HttpError(
          409,
          IDEMPOTENCY_IN_FLIGHT,
          'A request with this Idempotency-Key is being handled; try again',
          'Idempotency-Key',
        );
      }
      return c.body(first.body ?? '', (first.status ?? 200) as 200, {
        'Content-Type': 'application/json; charset=UTF-8',
        'Idempotent-Replayed': 'true',
      });
    }
    try {
      await next();
    } finally {
      const status = c.res.status;
      if (status >= 500) await releaseKey(db, scope);
      else await keepAnswer(db, scope, status, await c.res.clone().text());
    }
  };
}
