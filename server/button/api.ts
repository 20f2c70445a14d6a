import type { ReportKind, ReportRow } from './outbox.ts';

/** What became of one attempt to deliver a report; error texts never hold the key. */
export type Outcome =
  | { readonly result: 'sent'; readonly status: number; readonly note?: string }
  | { readonly result: 'retry'; readonly status: number | null; readonly error: string; readonly retryAfterMs?: number }
  | { readonly result: 'failed'; readonly status: number; readonly error: string };

export interface ButtonApiOptions {
  readonly apiKey: string;
  readonly apiUrl: string;
  /** One request's time limit. */
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  /** Aborted when the sender stops: a request in flight ends as an unknown outcome. */
  readonly stopSignal: AbortSignal;
}

/**
 * Button's Order API over HTTP (seed 004), HTTP Basic auth with the key as user and an empty password:
 * delivers one report (create, update or delete) and says what became of it. A create that may have
 * arrived before asks first; 409 on create and 404 on delete count as delivered. The key stays in here.
 */
export class ButtonApi {
  private readonly apiUrl: string;
  private readonly apiKey: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly stopSignal: AbortSignal;

  constructor(options: ButtonApiOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs;
    this.fetch = options.fetch;
    this.stopSignal = options.stopSignal;
  }

  /** Sends one report; resolves with the outcome, its error text scrubbed of the key. */
  async deliver(row: ReportRow): Promise<Outcome> {
    const outcome = await this.attempt(row);
    return outcome.result === 'sent' ? outcome : { ...outcome, error: this.scrub(outcome.error) };
  }

  /**
   * The key must never end up in the database or a log, even if an error message were to echo it.
   * Redacted in the whole text first, and only then cut: cutting first could leave part of a key that
   * straddles the cut, which no longer matches.
   */
  private redact(text: string): string {
    let out = text;
    for (const secret of [this.apiKey, this.authorization.slice('Basic '.length)])
      out = out.split(secret).join('[redacted]');
    return out;
  }

  private scrub(text: string): string {
    return this.redact(text).slice(0, 500);
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Response> {
    const signal = AbortSignal.any([this.stopSignal, AbortSignal.timeout(this.timeoutMs)]);
    return this.fetch(this.apiUrl + path, {
      method,
      headers: {
        Authorization: this.authorization,
        Accept: 'application/json',
        'User-Agent': 'tillkit-reference-server',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  }

  private async attempt(row: ReportRow): Promise<Outcome> {
    const path = `/v1/order/${encodeURIComponent(row.order_id)}`;
    try {
      if (row.kind === 'create' && row.attempts > 1) {
        // An earlier attempt may have reached Button without our hearing back (a timeout, a crash
        // between Button's 2xx and our mark): ask before creating again.
        const found = await this.call('GET', path);
        await found.body?.cancel();
        if (found.ok)
          return { result: 'sent', status: found.status, note: 'an earlier attempt had arrived (found by GET)' };
        if (found.status !== 404) return this.classify(found, row.kind);
      }
      const response =
        row.kind === 'create'
          ? await this.call('POST', '/v1/order', row.payload)
          : row.kind === 'update'
            ? await this.call('POST', path, row.payload)
            : await this.call('DELETE', path);
      return await this.classify(response, row.kind);
    } catch (error) {
      const reason = this.stopSignal.aborted
        ? 'stopped while in flight'
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
      return { result: 'retry', status: null, error: `no answer (${reason})` };
    }
  }

  private async classify(response: Response, kind: ReportKind): Promise<Outcome> {
    const status = response.status;
    const text = await response.text().catch(() => '');
    if (response.ok) return { result: 'sent', status };
    // Button already has this order: an earlier attempt of ours arrived.
    if (kind === 'create' && status === 409) return { result: 'sent', status, note: 'Button already had the order' };
    // Nothing to cancel at Button (an earlier DELETE of ours arrived, or it never had the order).
    if (kind === 'delete' && status === 404) return { result: 'sent', status, note: 'Button does not have the order' };
    const error = `HTTP ${status}${text ? `: ${this.redact(text).replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
    // Outages, rate limits and credentials (a key being fixed) are retried; other refusals need a person.
    if (status >= 500 || status === 408 || status === 425 || status === 429 || status === 401 || status === 403) {
      const retryAfter = Number(response.headers.get('Retry-After'));
      return {
        result: 'retry',
        status,
        error,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    return { result: 'failed', status, error };
  }
}
