// One HTTP request through the stand-in: authenticate the secret key, parse the form, apply the faults
// planned for it, go through the idempotency layer, run the endpoint, record everything, answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_VERSION, type Ctx } from './context.ts';
import type { Action, Faults, RequestInfo } from './faults.ts';
import { type FormError, parseForm, type FormObject } from './form.ts';
import { apiError, invalidParam, StripeFailure, unauthorized } from './errors.ts';
import type { IdempotencyKeys } from './idempotency.ts';
import { Params } from './params.ts';
import { expand } from './queries.ts';
import { findRoute, type routes } from './routes.ts';
import { newId, type Store } from './store.ts';
import { challengePage } from './three-d-secure.ts';

/** What the stand-in recorded of a request: what came in, which faults hit it, what went out. */
export interface Recorded extends RequestInfo {
  readonly stripeVersion: string | null;
  readonly requestId: string;
  faults: string[];
  replayed: boolean;
  /** The answer sent, or null when the connection was dropped (or is still being held). */
  status: number | null;
  body: unknown;
  done: boolean;
}

export interface ServerParts {
  readonly store: Store;
  readonly faults: Faults;
  readonly keys: IdempotencyKeys;
  readonly accounts: ReadonlyMap<string, string>;
  readonly table: ReturnType<typeof routes>;
  readonly log: Recorded[];
  baseUrl: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CHALLENGE = /^\/3d_secure_2\/hosted\/([^/]+)$/;

export async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  const url = new URL(req.url ?? '/', parts.baseUrl);
  const method = req.method ?? 'GET';
  const challenge = CHALLENGE.exec(url.pathname);
  if (challenge) {
    const answer = challengePage(parts.store, method, challenge[1]!, new URLSearchParams(text));
    res.writeHead(answer.status, answer.headers).end(answer.body);
    return;
  }
  const requestId = newId('req', 14);
  const header = (name: string) => (req.headers[name] as string | undefined) ?? null;
  const account = accountOf(parts.accounts, header('authorization'));
  let params: FormObject = {};
  let parseError: StripeFailure | null = null;
  try {
    params = parseForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : text);
  } catch (error) {
    parseError = invalidParam((error as FormError).message, (error as FormError).param);
  }
  const key = method === 'POST' ? header('idempotency-key') : null;
  const seen: Recorded = {
    seq: parts.log.length + 1,
    method,
    path: url.pathname,
    params,
    idempotencyKey: key,
    account: account?.name ?? null,
    stripeVersion: header('stripe-version'),
    requestId,
    faults: [],
    replayed: false,
    status: null,
    body: undefined,
    done: false,
  };
  parts.log.push(seen);
  const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    seen.status = status;
    seen.body = body;
    seen.done = true;
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': seen.stripeVersion ?? API_VERSION,
      ...(key ? { 'Idempotency-Key': key } : {}),
      ...extra,
    });
    res.end(JSON.stringify(body, null, 2));
  };
  const drop = () => {
    seen.done = true;
    res.socket?.destroy();
  };

  if (!account) {
    const failure = unauthorized(
      header('authorization')
        ? 'Invalid API Key provided: sk_test_****'
        : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
    return send(failure.status, failure.body);
  }
  const actions = parts.faults.plan(seen);
  seen.faults = actions.map((a) => `${a.kind}-${a.when}${a.kind === 'fail' ? `-${a.status}` : ''}`);
  const before = actions.filter((a) => a.when === 'before');
  const after = actions.filter((a) => a.when === 'after');
  // Refused or lost on the way in: Stripe never saw it, the key stays free.
  const refusedFirst = before.find((a) => a.kind === 'drop' || a.kind === 'fail');
  if (refusedFirst?.kind === 'drop') return drop();
  if (refusedFirst?.kind === 'fail') {
    const retry: Record<string, string> = refusedFirst.status === 429 ? {} : { 'Stripe-Should-Retry': 'true' };
    return send(refusedFirst.status, apiError(refusedFirst.status).body, retry);
  }
  if (parseError) return send(parseError.status, parseError.body);

  const route = findRoute(parts.table, method, url.pathname);
  if (!route) {
    const failure = invalidParam(`Unrecognized request URL (${method}: ${url.pathname}).`);
    return send(404, failure.body);
  }
  const endpoint = `${method} ${url.pathname}`;
  let replay: { status: number; body: unknown; originalRequest: string } | null = null;
  if (key) {
    const found = parts.keys.begin(account.key, key, endpoint, params, requestId);
    if (found.kind === 'refused') return send(found.failure.status, found.failure.body);
    if (found.kind === 'replay') replay = found;
  }
  // Held or slowed before acting: the request is in Stripe's hands (its key is in use), nothing done yet.
  await wait(before, seen);
  let status: number;
  let body: unknown;
  if (replay) {
    seen.replayed = true;
    ({ status, body } = replay);
  } else {
    const ctx: Ctx = {
      store: parts.store,
      account: account.key,
      params: new Params(params),
      path: route.params,
      query: url.searchParams,
      requestId,
      idempotencyKey: key,
      baseUrl: parts.baseUrl,
    };
    let saved = true;
    try {
      body = expand(ctx, structuredClone(route.handler(ctx)));
      status = 200;
    } catch (error) {
      const failure = error instanceof StripeFailure ? error : new StripeFailure(500, apiError(500).raw, true);
      if (!(error instanceof StripeFailure)) console.error('stripe stand-in: handler failed', error);
      ({ status, body, saved } = failure);
    }
    const failAfter = after.find((a) => a.kind === 'fail');
    if (failAfter) ({ status, body } = { status: failAfter.status, body: apiError(failAfter.status).body });
    if (key && saved) parts.keys.save(account.key, key, status, body);
    else if (key) parts.keys.release(account.key, key);
  }
  await wait(after, seen);
  if (after.some((a) => a.kind === 'drop')) return drop();
  const headers: Record<string, string> = replay
    ? { 'Idempotent-Replayed': 'true', 'Original-Request': replay.originalRequest }
    : {};
  // A 5xx saved under the key would only be replayed: Stripe tells the SDK not to retry it.
  if (status >= 500 && key) headers['Stripe-Should-Retry'] = 'false';
  send(status, body, headers);
}

async function wait(actions: Action[], seen: Recorded): Promise<void> {
  for (const action of actions) {
    if (action.kind === 'hold') {
      action.caught(seen);
      await action.wait;
    } else if (action.kind === 'delay') await sleep(action.ms);
  }
}

/** `Bearer sk_…` or Basic with the key as user name, as Stripe accepts; the account it belongs to. */
function accountOf(accounts: ReadonlyMap<string, string>, authorization: string | null) {
  if (!authorization) return null;
  let key = /^Bearer (.+)$/.exec(authorization)?.[1];
  const basic = /^Basic (.+)$/.exec(authorization)?.[1];
  if (!key && basic) key = Buffer.from(basic, 'base64').toString().split(':')[0];
  const name = key ? accounts.get(key) : undefined;
  return key && name ? { key, name } : null;
}
