// Stripe's idempotency layer for v1 POSTs (docs.stripe.com/api/idempotent_requests, /error-low-level):
// - the status and body of the first request with a key are saved once its endpoint began executing,
//   whatever they are (a 402, a 500…), and a retry with the same key and the same parameters gets them
//   back (header `Idempotent-Replayed: true`) without doing anything again;
// - nothing is saved when the parameters failed validation or the request conflicted with another one
//   running with the same key (409), so those can be retried;
// - the same key with other parameters, or on another endpoint, is a 400 idempotency_error; parameters
//   are compared parsed, not as bytes;
// - keys belong to the account (the secret key) and are forgotten 24 hours after their first use.
import { idempotencyInUse, idempotencyMismatch, idempotencyOtherEndpoint, type StripeFailure } from './errors.ts';
import { sameParams, type FormObject } from './form.ts';
import type { Clock } from './store.ts';

export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface Entry {
  readonly endpoint: string;
  readonly params: FormObject;
  readonly createdAt: number;
  readonly requestId: string;
  answer: { status: number; body: unknown } | null;
}

export type Lookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown; readonly originalRequest: string }
  | { readonly kind: 'refused'; readonly failure: StripeFailure };

export class IdempotencyKeys {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Looks the key up and, when it is new, marks it as in use by this request. */
  begin(account: string, key: string, endpoint: string, params: FormObject, requestId: string): Lookup {
    const id = `${account}\n${key}`;
    let entry = this.#entries.get(id);
    if (entry && this.#clock.now() - entry.createdAt >= KEY_LIFETIME_MS) {
      this.#entries.delete(id);
      entry = undefined;
    }
    if (!entry) {
      this.#entries.set(id, { endpoint, params, createdAt: this.#clock.now(), requestId, answer: null });
      return { kind: 'new' };
    }
    if (entry.answer === null) return { kind: 'refused', failure: idempotencyInUse(key) };
    if (entry.endpoint !== endpoint) {
      return { kind: 'refused', failure: idempotencyOtherEndpoint(key, entry.endpoint, endpoint) };
    }
    if (!sameParams(entry.params, params)) return { kind: 'refused', failure: idempotencyMismatch(key) };
    return { kind: 'replay', ...entry.answer, originalRequest: entry.requestId };
  }

  /** The endpoint ran: this is the answer every retry with the key gets. */
  save(account: string, key: string, status: number, body: unknown): void {
    const entry = this.#entries.get(`${account}\n${key}`);
    if (entry) entry.answer = { status, body };
  }

  /** Nothing ran (validation, a fault before acting): the key is free again. */
  release(account: string, key: string): void {
    const entry = this.#entries.get(`${account}\n${key}`);
    if (entry && entry.answer === null) this.#entries.delete(`${account}\n${key}`);
  }

  /** Forgets every key (as if 24 hours had passed for all). */
  clear(): void {
    this.#entries.clear();
  }
}
