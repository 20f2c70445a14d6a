import type { Context } from 'hono';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { HttpError } from './http/errors.ts';
import type { KeyContext } from './idempotency.ts';
import type { UserRow } from './model/users.ts';
import { stringify, type Json } from './http/json.ts';
import type { PaymentProcessor } from './payments/processor.ts';

/** Who is calling, from the Authorization header. Product reads need no one; the rest need a user or admin. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'user'; readonly sub: string; readonly email: string | undefined };

export interface Deps {
  readonly config: Config;
  readonly db: Database;
  readonly processor: PaymentProcessor;
  /** Clock, injectable so tests can age tokens and idempotency keys. */
  readonly now: () => number;
  /** The Button outbox sender, when reporting is on: woken after a transaction queues a report. */
  readonly reporter?: { wake(): void } | undefined;
}

export interface AppEnv {
  Variables: {
    /** The company (tenant) named by the X-Builton-Api-Key header. */
    company: string;
    caller: Caller;
    /** The request body of POST/PUT/DELETE requests as text, read once (within the size limit): `http/body.ts`. */
    rawBody: string;
    /** The same body's bytes, for a route that verifies exactly what was sent (a signed webhook). */
    rawBytes: Uint8Array;
    /** The JSON body, parsed strictly; undefined when the body is empty or the route reads it raw. */
    json: unknown;
    /** The request's Idempotency-Key, while it runs (idempotency.ts). */
    idempotency: KeyContext | undefined;
    /**
     * A user token's user, looked up once per request (`caller.ts`): undefined until looked up, null
     * when the token's user has not been seen yet.
     */
    user: UserRow | null | undefined;
  };
}

export type AppContext = Context<AppEnv>;

/** A JSON answer already written (a kept answer's very text). */
export const sendText = (
  c: Context,
  text: string,
  status: 200 | 201 | 202 | HttpError['status'] = 200,
  headers: Record<string, string> = {},
): Response => c.body(text, status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });

/** Every JSON response goes through here, so money keeps its decimals (see `RawDecimal`). */
export function send(
  c: Context,
  body: Json,
  status: 200 | 201 | 202 | HttpError['status'] = 200,
  headers: Record<string, string> = {},
): Response {
  return sendText(c, stringify(body), status, headers);
}
