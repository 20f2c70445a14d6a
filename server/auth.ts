import { createHash, timingSafeEqual, webcrypto } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from './context.ts';
import { HttpError, forbidden, unauthorized } from './http/errors.ts';

/** The company (tenant) a publishable API key names: a stable id derived from the key. */
export const companyIdFor = (apiKey: string): string =>
  createHash('sha256').update(`tillkit-company:${apiKey}`).digest('hex').slice(0, 24);

/** `X-Builton-Api-Key` on every request: 401 without it or with a key this server does not know. */
export function apiKeyMiddleware(apiKeys: readonly string[]): MiddlewareHandler<AppEnv> {
  const companies = new Map(apiKeys.map((key) => [key, companyIdFor(key)]));
  return async (c, next) => {
    const key = c.req.header('X-Builton-Api-Key');
    const company = key === undefined ? undefined : companies.get(key.trim());
    if (!company) {
      throw unauthorized(
        key ? 'api-key-invalid' : 'api-key-missing',
        key ? 'Unknown API key' : 'The X-Builton-Api-Key header is required',
        'X-Builton-Api-Key',
      );
    }
    c.set('company', company);
    await next();
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Reads `Authorization: Bearer ...`: the service key is admin, anything else must be a user JWT (HS256)
 * with a `sub`. A bad credential is refused wherever it is sent, even on routes that need none, so a
 * client learns at once that its token expired.
 */
export function callerMiddleware(options: {
  serviceKey: string;
  jwtSecret: string;
  now: () => number;
}): MiddlewareHandler<AppEnv> {
  const serviceDigest = digest(options.serviceKey);
  // Imported once: jose imports a raw secret again on every verification (three times the CPU).
  const secret = webcrypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(options.jwtSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const verified = new VerifiedTokens();
  return async (c, next) => {
    const header = c.req.header('Authorization');
    let caller: Caller = { kind: 'anonymous' };
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthorized('auth-invalid', 'Authorization must be "Bearer <token>"');
      const token = match[1]!;
      if (timingSafeEqual(digest(token), serviceDigest)) {
        caller = { kind: 'admin' };
      } else {
        caller =
          verified.get(token, options.now()) ?? (await verifyUserToken(token, await secret, options.now, verified));
      }
    }
    c.set('caller', caller);
    await next();
  };
}

/** A user caller as its token was verified, valid from `nbf` until `exp` (seconds; jose's rule). */
interface Verified {
  readonly caller: Caller & { kind: 'user' };
  readonly nbf: number | undefined;
  readonly exp: number | undefined;
}

/**
 * Tokens whose signature this server verified, by their whole text (signature included, so only the
 * very bytes verified match), at most `MAX` of them (the oldest go first): a customer's requests after
 * the first skip the HMAC (an eighth of the server's CPU in a checkout, by a profile). The validity
 * dates are checked again on every use, as jose checks them.
 */
class VerifiedTokens {
  static readonly MAX = 10_000;
  readonly #tokens = new Map<string, Verified>();

  get(token: string, at: number): Caller | undefined {
    const known = this.#tokens.get(token);
    if (!known) return undefined;
    const seconds = Math.floor(at / 1000);
    if ((known.exp !== undefined && known.exp <= seconds) || (known.nbf !== undefined && known.nbf > seconds)) {
      this.#tokens.delete(token);
      return undefined;
    }
    return known.caller;
  }

  set(token: string, entry: Verified): void {
    if (this.#tokens.size >= VerifiedTokens.MAX) this.#tokens.delete(this.#tokens.keys().next().value!);
    this.#tokens.set(token, entry);
  }
}

async function verifyUserToken(
  token: string,
  secret: webcrypto.CryptoKey,
  now: () => number,
  verified: VerifiedTokens,
): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      currentDate: new Date(now()),
    });
    if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255) {
      throw unauthorized('token-invalid', 'The token has no subject (sub)');
    }
    const email = typeof payload.email === 'string' && payload.email.length <= 320 ? payload.email : undefined;
    const caller = { kind: 'user', sub: payload.sub, email } as const;
    verified.set(token, { caller, nbf: payload.nbf, exp: payload.exp });
    return caller;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof joseErrors.JWTExpired)
      throw unauthorized('token-expired', 'The token has expired; sign in again');
    throw unauthorized('token-invalid', 'The token is not valid');
  }
}

export function requireAdmin(caller: Caller): void {
  if (caller.kind === 'anonymous') throw unauthorized('auth-required', 'This needs an admin (service key) token');
  if (caller.kind !== 'admin') throw forbidden();
}

export function requireUserOrAdmin(caller: Caller): asserts caller is Exclude<Caller, { kind: 'anonymous' }> {
  if (caller.kind === 'anonymous') throw unauthorized('auth-required', 'Sign in first: this needs a user token');
}

/** A user JWT as the demo hands out (and tests make): HS256, `sub`, `email`, short-lived. */
export async function signUserToken(
  secret: string,
  claims: { sub: string; email?: string | undefined },
  options: { now?: number; ttlSeconds?: number } = {},
): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT(claims.email ? { email: claims.email } : {})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 2 * 60 * 60))
    .sign(new TextEncoder().encode(secret));
}
