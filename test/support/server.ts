// The reference server for Node tests: started in this process on a free port, with a fresh database
// per suite. PGlite in memory by default; PostgreSQL when TILLKIT_TEST_DATABASE_URL is set (or
// TILLKIT_TEST_DB=postgres), each suite in its own schema, dropped when the suite closes its server.
// TILLKIT_TEST_DB=pglite forces PGlite even when the URL is set (CI exports the URL for the second run).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { signUserToken } from '../../server/auth.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts';

export const TEST_API_KEY = 'pk_test_tillkit';
export const TEST_SERVICE_KEY = 'sk_test_service_key_for_tests_only';
export const TEST_JWT_SECRET = 'test-jwt-secret-for-tests-only-0123456789abcdef';

export const testDatabaseUrl = (): string | undefined => {
  const url = process.env.TILLKIT_TEST_DATABASE_URL;
  const choice = process.env.TILLKIT_TEST_DB;
  if (choice === 'pglite') return undefined;
  if (choice === 'postgres' && !url) throw new Error('TILLKIT_TEST_DB=postgres needs TILLKIT_TEST_DATABASE_URL');
  return url || undefined;
};

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as sent, to check money decimals (`87.00`) that JSON.parse can not show. */
  readonly text: string;
  // Test code reads arbitrary JSON shapes; a loose type keeps the assertions short.

  readonly body: any;
}

export interface RequestOptions {
  /** JSON-encoded unless `raw` is given. */
  readonly body?: unknown;
  readonly raw?: string;
  /** A bearer token; the service key for admin. */
  readonly token?: string | undefined;
  /** Defaults to the suite's API key; null sends none. */
  readonly apiKey?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TestServer extends RunningServer {
  readonly apiKey: string;
  readonly serviceKey: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  get(path: string, token?: string): Promise<TestResponse>;
  post(path: string, body: unknown, token?: string, headers?: Record<string, string>): Promise<TestResponse>;
  put(path: string, body: unknown, token?: string): Promise<TestResponse>;
  /** A user JWT for `sub` signed with the suite's secret. */
  userToken(sub: string, email?: string, options?: { now?: number; ttlSeconds?: number }): Promise<string>;
}

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const url = testDatabaseUrl();
  const schema = url ? (options.databaseSchema ?? `tillkit_t_${randomBytes(6).toString('hex')}`) : undefined;
  const server = await startServer({
    env: {},
    port: 0,
    apiKey: TEST_API_KEY,
    serviceKey: TEST_SERVICE_KEY,
    jwtSecret: TEST_JWT_SECRET,
    seed: false,
    ...(url ? { databaseUrl: url, databaseSchema: schema } : { dataDir: 'memory://' }),
    ...options,
  });
  const apiKey = typeof options.apiKey === 'string' ? options.apiKey : (options.apiKey?.[0] ?? TEST_API_KEY);

  const { request } = httpClient(server.url, apiKey);

  return {
    ...server,
    apiKey,
    serviceKey: options.serviceKey ?? TEST_SERVICE_KEY,
    request,
    get: (path, token) => request('GET', path, { token }),
    post: (path, body, token, headers) => request('POST', path, { body, token, ...(headers ? { headers } : {}) }),
    put: (path, body, token) => request('PUT', path, { body, token }),
    userToken: (sub, email, o) => signUserToken(options.jwtSecret ?? TEST_JWT_SECRET, { sub, email }, o),
    async close() {
      await server.close();
      if (url && schema && !options.databaseSchema) await dropSchema(url, schema);
    },
  };
}

/** Requests to a reference server at `baseUrl` (in this process or another), with the API key and a token. */
export function httpClient(baseUrl: string, apiKey: string = TEST_API_KEY) {
  async function request(method: string, path: string, o: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.apiKey !== null) headers['X-Builton-Api-Key'] = o.apiKey ?? apiKey;
    if (o.token) headers.Authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (body === undefined && o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }
  return {
    request,
    get: (path: string, token?: string) => request('GET', path, { token }),
    post: (path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
      request('POST', path, { body, token, ...(headers ? { headers } : {}) }),
    put: (path: string, body: unknown, token?: string) => request('PUT', path, { body, token }),
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Creates a product as admin and returns its id; fails the test on anything but 200. */
export async function createProduct(server: TestServer, product: Record<string, unknown>): Promise<string> {
  const response = await server.post('/products', product, server.serviceKey);
  if (response.status !== 200) throw new Error(`POST /products ${response.status}: ${response.text}`);
  return response.body._id.$oid as string;
}

/** Offers sub-products with a main product, as admin. */
export async function addSubProducts(server: TestServer, parent: string, subs: readonly string[]): Promise<void> {
  const response = await server.put(`/products/${parent}/sub_products`, { add: subs }, server.serviceKey);
  if (response.status !== 200) throw new Error(`PUT sub_products ${response.status}: ${response.text}`);
}

/**
 * The worked example of the Orders documentation: Product A (40 EUR, 10 % off), Product B (10 EUR)
 * offering Sub Product B1 (5 EUR), all with 25 % VAT. Returns their ids.
 */
export async function createWorkedExample(server: TestServer): Promise<{ A: string; B: string; B1: string }> {
  const A = await createProduct(server, { name: 'Product A', price: 40, discount: 0.1, vat: 0.25, currency: 'EUR' });
  const B = await createProduct(server, { name: 'Product B', price: 10, vat: 0.25, currency: 'EUR' });
  const B1 = await createProduct(server, {
    name: 'Sub Product B1',
    price: 5,
    vat: 0.25,
    currency: 'EUR',
    main_product: false,
  });
  await addSubProducts(server, B, [B1]);
  return { A, B, B1 };
}
