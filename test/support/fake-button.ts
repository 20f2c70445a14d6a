// A loopback stand-in for Button's Order API (seed 004): POST /v1/order, GET|POST|DELETE
// /v1/order/:id, HTTP Basic auth with the key as user. It validates every documented field of every
// body it gets (problems are answered 400 and kept in `problems`), keeps the orders it accepted, and
// fails on demand: status codes, a lost answer (the order is taken, the socket closed unanswered), a
// held answer, or not listening at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCurrencyCode } from '../../src/core/index.ts';

export interface ButtonCall {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly raw: string;

  readonly body: any;
  /** What the stand-in did: answered `status`, `lost` (carried out, closed unanswered) or `held`. */
  outcome: number | 'lost' | 'held';
  /** Whether the Order API carried it out (false for the failures injected by `failNext`). */
  applied: boolean;
}

export interface FakeButton {
  readonly url: string;
  /** Every request received, in arrival order (including refused and failed ones). */
  readonly calls: ButtonCall[];
  /** Validation problems found in bodies or headers; a conforming client leaves this empty. */
  readonly problems: string[];
  /** The orders as Button holds them: the last body accepted, and whether cancelled. */

  readonly orders: Map<string, { body: any; active: boolean }>;
  /** The next `count` requests are answered with `status` (default 503), changing nothing. */
  failNext(count: number, status?: number, headers?: Record<string, string>): void;
  /** The next `count` requests are carried out, then their connection is closed with no answer. */
  loseNext(count: number): void;
  /** The next request is carried out but not answered until `release()`. */
  holdNext(): void;
  release(): void;
  /** Stop listening (connection refused) / listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Calls the Order API carried out (answered or not) with this method and path, e.g. ('POST', '/v1/order'). */
  count(method: string, path: string): number;
  close(): Promise<void>;
}

const TOKEN = /^fakesrctok-[a-f0-9]{16}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every documented field of an order body (seed 004), with the test token format. */
export function validateOrder(body: unknown, orderId?: string): string[] {
  const p: string[] = [];
  if (!isObject(body)) return ['the body is not a JSON object'];
  if (!isInt(body.total, 0)) p.push(`total must be an integer >= 0, got ${JSON.stringify(body.total)}`);
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency) || !isCurrencyCode(body.currency))
    p.push('currency must be an ISO 4217 code');
  if (
    typeof body.order_id !== 'string' ||
    body.order_id.length === 0 ||
    body.order_id.length > 255 ||
    !/^[\x20-\x7e]+$/.test(body.order_id)
  ) {
    p.push('order_id must be an ASCII string of 1 to 255 characters');
  }
  if (orderId !== undefined && body.order_id !== orderId) p.push('order_id differs from the path');
  if (
    typeof body.purchase_date !== 'string' ||
    !ISO_8601.test(body.purchase_date) ||
    Number.isNaN(Date.parse(body.purchase_date))
  ) {
    p.push('purchase_date must be an ISO-8601 date-time');
  }
  if (typeof body.btn_ref !== 'string' || !TOKEN.test(body.btn_ref))
    p.push('btn_ref must match ^fakesrctok-[a-f0-9]{16}$ in tests');
  const customer = body.customer;
  if (!isObject(customer)) p.push('customer is required');
  else {
    if (typeof customer.id !== 'string' || customer.id === '') p.push('customer.id is required');
    if (typeof customer.email_sha256 !== 'string' || !/^[a-fA-F0-9]{64}$/.test(customer.email_sha256))
      p.push('customer.email_sha256 must be 64 hex characters');
    if (typeof customer.is_new !== 'boolean') p.push('customer.is_new must be a boolean');
  }
  if (
    typeof body.customer_order_id !== 'string' ||
    body.customer_order_id === '' ||
    body.customer_order_id.length > 255
  ) {
    p.push('customer_order_id must be a string of 1 to 255 characters');
  }
  if (!Array.isArray(body.line_items) || body.line_items.length === 0) p.push('line_items must be a non-empty list');
  else {
    const identifiers = new Set<string>();
    body.line_items.forEach((item: unknown, i: number) => {
      const at = `line_items[${i}]`;
      if (!isObject(item)) return void p.push(`${at} must be an object`);
      if (typeof item.identifier !== 'string' || item.identifier === '') p.push(`${at}.identifier is required`);
      else if (identifiers.has(item.identifier)) p.push(`${at}.identifier is not unique in the order`);
      else identifiers.add(item.identifier);
      if (typeof item.sku !== 'string' || item.sku === '' || item.sku.length > 255)
        p.push(`${at}.sku must be a string of 1 to 255 characters`);
      if (!isInt(item.quantity, 1)) p.push(`${at}.quantity must be an integer > 0`);
      if (!isInt(item.total, 0)) p.push(`${at}.total must be an integer >= 0`);
      if (!isInt(item.amount, 0)) p.push(`${at}.amount must be an integer >= 0`);
      if (isInt(item.amount, 0) && isInt(item.quantity, 1) && item.amount * item.quantity !== item.total)
        p.push(`${at}: amount × quantity must equal total`);
      if (typeof item.description !== 'string' || item.description === '') p.push(`${at}.description is required`);
      if (
        !Array.isArray(item.category) ||
        item.category.length > 7 ||
        !item.category.every((c) => typeof c === 'string')
      ) {
        p.push(`${at}.category must be a list of at most 7 strings`);
      }
      if (!isObject(item.attributes) || !Object.values(item.attributes).every((v) => typeof v === 'string')) {
        p.push(`${at}.attributes must be an object of strings`);
      }
    });
  }
  return p;
}

export async function startFakeButton(apiKey: string): Promise<FakeButton> {
  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
  const calls: ButtonCall[] = [];
  const problems: string[] = [];
  const orders: FakeButton['orders'] = new Map();
  let failures: { count: number; status: number; headers: Record<string, string> } = {
    count: 0,
    status: 503,
    headers: {},
  };
  let losses = 0;
  let holding = false;
  let held: (() => void) | null = null;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const ok = (id: string, active: boolean) => ({
    meta: { status: 'ok' },
    object: { id: `btn-${id}`, order_id: id, active },
  });

  /** Carries out a request; returns [status, body]. */
  function handle(call: ButtonCall): [number, unknown] {
    if (call.authorization !== expectedAuth) {
      problems.push(
        `${call.method} ${call.path}: Authorization is not Basic <key>: (got ${call.authorization ? 'another value' : 'none'})`,
      );
      return [401, { meta: { status: 'error' }, error: { message: 'Unauthorized' } }];
    }
    const match = /^\/v1\/order(?:\/([^/]+))?$/.exec(call.path);
    if (!match) return [404, { meta: { status: 'error' }, error: { message: 'Not found' } }];
    const id = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
    if (call.method === 'POST') {
      if (!/^application\/json\b/.test(call.contentType ?? ''))
        problems.push(`${call.method} ${call.path}: Content-Type is not application/json`);
      const found = validateOrder(call.body, id);
      if (found.length) {
        problems.push(...found.map((f) => `${call.method} ${call.path}: ${f}`));
        return [400, { meta: { status: 'error' }, error: { message: found.join('; ') } }];
      }
      const orderId = call.body.order_id as string;
      if (id === undefined) {
        if (orders.has(orderId))
          return [409, { meta: { status: 'error' }, error: { message: 'Order already exists' } }];
        orders.set(orderId, { body: call.body, active: true });
        return [200, ok(orderId, true)];
      }
      const existing = orders.get(id);
      if (!existing) return [404, { meta: { status: 'error' }, error: { message: 'Order not found' } }];
      if (!existing.active) return [409, { meta: { status: 'error' }, error: { message: 'Order is cancelled' } }];
      existing.body = call.body;
      return [200, ok(id, true)];
    }
    if (id === undefined) return [405, { meta: { status: 'error' }, error: { message: 'Method not allowed' } }];
    const existing = orders.get(id);
    if (call.method === 'GET')
      return existing
        ? [200, ok(id, existing.active)]
        : [404, { meta: { status: 'error' }, error: { message: 'Order not found' } }];
    if (call.method === 'DELETE') {
      if (!existing || !existing.active)
        return [404, { meta: { status: 'error' }, error: { message: 'Order not found' } }];
      existing.active = false;
      return [200, ok(id, false)];
    }
    return [405, { meta: { status: 'error' }, error: { message: 'Method not allowed' } }];
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const call: ButtonCall = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0]!,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        raw,
        body,
        outcome: 0,
        applied: false,
      };
      calls.push(call);
      if (failures.count > 0) {
        failures.count--;
        call.outcome = failures.status;
        return json(
          res,
          failures.status,
          { meta: { status: 'error' }, error: { message: 'Service unavailable (simulated)' } },
          failures.headers,
        );
      }
      const [status, answer] = handle(call);
      call.applied = true;
      if (losses > 0) {
        losses--;
        call.outcome = 'lost';
        return void req.socket.destroy();
      }
      if (holding) {
        holding = false;
        call.outcome = 'held';
        held = () => {
          call.outcome = status;
          if (!res.destroyed) json(res, status, answer);
        };
        return;
      }
      call.outcome = status;
      json(res, status, answer);
    });
  };

  let server: Server = createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const listening = () => server.listening;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening()) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    problems,
    orders,
    failNext(count, status = 503, headers = {}) {
      failures = { count, status, headers };
    },
    loseNext(count) {
      losses = count;
    },
    holdNext() {
      holding = true;
    },
    release() {
      held?.();
      held = null;
    },
    down: stop,
    async up() {
      if (listening()) return;
      server = createServer(onRequest);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    },
    count: (method, path) => calls.filter((c) => c.applied && c.method === method && c.path === path).length,
    close: stop,
  };
}
