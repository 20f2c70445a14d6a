import assert from 'node:assert/strict';
import { isApiError, type ApiError } from '../../src/api/http.ts';
import { requestUrl } from '../support/request-url.ts';
/** A recording stand-in for `fetch`: answers each call with the next scripted reply. */

export interface Call {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: unknown;
  readonly signal: AbortSignal | null;
}

/** A reply: a Response, an error to throw (a network failure), or a function of the call. */
export type Reply = Response | Error | 'hang' | ((call: Call) => Response | Promise<Response>);

export interface FakeFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  readonly calls: Call[];
}

export function fakeFetch(...replies: Reply[]): FakeFetch {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: Call = {
      url: new URL(requestUrl(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? null,
    };
    calls.push(call);
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    if (reply === undefined) throw new Error('fakeFetch: no reply scripted');
    if (reply === 'hang') {
      // Never answers; settles only when aborted, as a real fetch does: rejected with the signal's reason.
      return new Promise((_, reject) =>
        call.signal?.addEventListener('abort', () => {
          const { reason } = call.signal!;
          reject(reason instanceof Error ? reason : new Error(String(reason)));
        }),
      );
    }
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(call) : reply.clone();
  };
  return Object.assign(fn, { calls });
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** What `fetch` throws when the network is down. */
export const networkDown = (): TypeError => new TypeError('fetch failed');

/** Resolves to the ApiError a promise rejects with; fails the test when it resolves or throws another. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isApiError(error), `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}
