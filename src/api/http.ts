import { isJsonObject } from '../core/index.ts';
import type { ApiErrorInit, ApiErrorKind, BuiltOnClientOptions, FieldError, PaymentAction } from './types.ts';

/**
 * Every failure of an API call: a value a UI can show as it is (`message` is written for the customer,
 * or is the server's own), with `field` for a form and `code`/`declineCode` for programs.
 */
export class ApiError extends Error implements ApiErrorInit {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly field: string | undefined;
  readonly code: string | undefined;
  readonly declineCode: string | undefined;
  readonly errors: readonly FieldError[];
  readonly action: PaymentAction | undefined;
  readonly payment: string | undefined;
  readonly body: unknown;
  /** How long the server asked us to wait (Retry-After), in ms; only the retry loop reads it. */
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit & { readonly retryAfter?: number | undefined; readonly cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.field = init.field;
    this.code = init.code;
    this.declineCode = init.declineCode;
    this.errors = init.errors ?? (init.field ? [{ field: init.field, message: init.message }] : []);
    this.action = init.action;
    this.payment = init.payment;
    this.body = init.body ?? null;
    this.retryAfter = init.retryAfter;
  }
}

export const isApiError = (error: unknown, kind?: ApiErrorKind): error is ApiError =>
  error instanceof ApiError && (kind === undefined || error.kind === kind);

/** Customer-facing sentences for failures the server did not explain itself. */
export const MESSAGES = {
  network: 'We could not reach the shop. Check your connection and try again.',
  timeout: 'The shop took too long to answer. Please try again.',
  aborted: 'The request was cancelled.',
  'invalid-response': 'The shop sent an answer we could not read. Please try again later.',
  http: 'The shop could not handle the request. Please try again.',
} as const satisfies Record<ApiErrorKind, string>;

const STATUS_MESSAGES: Record<number, string> = {
  401: 'Please sign in again to continue.',
  402: 'Your card was declined.',
  403: 'You are not allowed to do that.',
  404: 'We could not find what you asked for.',
  409: 'This request is already being handled. Please wait a moment and try again.',
  429: 'The shop is busy right now. Please try again in a moment.',
};
const SERVER_ERROR = 'The shop had a problem. Please try again in a moment.';

/**
 * The JSON `code` of a 409 answering a request whose Idempotency-Key is still being processed by an
 * earlier attempt: that attempt may finish, so ours is safe to repeat with the same key.
 */
export const IDEMPOTENCY_IN_FLIGHT = 'idempotency_key_in_use';

/** The longest Retry-After we wait out; a longer one is shown to the customer instead. */
const MAX_RETRY_AFTER = 5000;

export type Method = 'GET' | 'POST' | 'PUT';

export interface HttpRequest {
  readonly method: Method;
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>> | undefined;
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; null for an empty one. */
  readonly data: unknown;
}

export type Http = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * A fetch wrapper for the BuiltOn API: headers, JSON, a time limit per attempt, typed errors, and
 * retries that can not act twice. GETs are retried on network errors, timeouts, 5xx and 429. A POST or
 * PUT is retried only where the server can not have acted, or where its Idempotency-Key (the same on
 * every attempt) makes a repeat harmless: network errors, timeouts, 429, 502/503/504, and a 409 saying
 * the key is still in flight. A 500 after a POST is not retried: the server may have half acted.
 */
export function createHttp(options: BuiltOnClientOptions): Http {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.timeout ?? 15000;
  const retries = options.retries ?? 2;
  const backoff = options.backoff ?? 300;

  return async ({ method, path, query, body, signal, idempotencyKey }) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Builton-Api-Key': options.apiKey,
    };
    const token = await options.getToken?.();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    // One key for the whole call, so the server sees every retry as the same request.
    if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey ?? uuid();
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const url = base + path + queryString(query);

    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(options.fetch ?? fetch, url, init, timeout, signal);
      } catch (error) {
        if (!isApiError(error) || attempt >= retries || !retryable(method, error)) throw error;
        const wait = Math.max(error.retryAfter ?? 0, jitter(backoff * 2 ** attempt));
        await sleep(wait, signal);
      }
    }
  };
}

function retryable(method: Method, { kind, status, code, retryAfter }: ApiError): boolean {
  if (kind === 'network' || kind === 'timeout') return true;
  if (kind !== 'http' || (retryAfter ?? 0) > MAX_RETRY_AFTER) return false;
  if (status === 429) return true;
  if (method === 'GET') return status >= 500;
  return status === 502 || status === 503 || status === 504 || (status === 409 && code === IDEMPOTENCY_IN_FLIGHT);
}

async function attemptOnce(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<HttpResponse> {
  if (signal?.aborted) throw abortError(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    let response: Response;
    let text: string;
    try {
      response = await fetcher(url, { ...init, signal: controller.signal });
      // The body is read inside the time limit too: a server can stall halfway through it.
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (timedOut) throw new ApiError({ kind: 'timeout', status: 0, message: MESSAGES.timeout, cause: error });
      throw new ApiError({ kind: 'network', status: 0, message: MESSAGES.network, cause: error });
    }
    const { status, headers } = response;
    let data: unknown = null;
    let parsed = true;
    if (text.trim()) {
      try {
        data = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }
    if (response.ok) {
      if (!parsed) throw invalidResponse(status);
      return { status, headers, data };
    }
    throw httpError(status, headers, parsed ? data : null);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * An error response as an ApiError. Reads BuiltOn's `{message, field, code, decline_code}` (flat or
 * under `error`) and Bootic's `{_embedded: {errors: [{field, messages: [...]}]}}`.
 */
function httpError(status: number, headers: Headers, data: unknown): ApiError {
  let json = record(data);
  json = record(json['error']) === EMPTY ? json : record(json['error']);
  const code = text(json['code']);
  const embedded = record(json['_embedded'])['errors'];
  const errors: FieldError[] = [];
  for (const entry of Array.isArray(embedded) ? embedded : []) {
    const { field, messages } = record(entry);
    for (const message of Array.isArray(messages) ? messages : []) {
      if (text(message)) errors.push({ field: text(field) ?? '', message: message as string });
    }
  }
  // The in-flight 409's own message is for developers ("...this Idempotency-Key..."); the customer gets ours.
  const message =
    (code !== IDEMPOTENCY_IN_FLIGHT && text(json['message'])) ||
    errors[0]?.message ||
    STATUS_MESSAGES[status] ||
    (status >= 500 ? SERVER_ERROR : MESSAGES.http);
  const field = text(json['field']) ?? (errors[0]?.field || undefined);
  const seconds = Number(headers.get('Retry-After') ?? NaN);
  return new ApiError({
    kind: 'http',
    status,
    message,
    field,
    code,
    declineCode: text(json['decline_code']),
    errors: errors.length ? errors : field ? [{ field, message }] : [],
    payment: text(record(data)['payment']),
    body: data,
    retryAfter: seconds >= 0 ? seconds * 1000 : undefined,
  });
}

/** A success whose body is not what the contract says; `field` names the first wire field at fault. */
export const invalidResponse = (status: number, field?: string, cause?: unknown): ApiError =>
  new ApiError({ kind: 'invalid-response', status, message: MESSAGES['invalid-response'], field, cause });

const EMPTY: Record<string, unknown> = {};
const record = (value: unknown): Record<string, unknown> => (isJsonObject(value) ? value : EMPTY);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

const abortError = (signal: AbortSignal): ApiError =>
  new ApiError({ kind: 'aborted', status: 0, message: MESSAGES.aborted, cause: signal.reason });

function queryString(query: HttpRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const result = params.toString();
  return result ? '?' + result : '';
}

/** Half the delay fixed, half random, so many clients failing together do not retry in step. */
const jitter = (ms: number): number => ms / 2 + (Math.random() * ms) / 2;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts; a merchant page on plain
 * http still has `getRandomValues`, so the key is built from that there.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
