// Server load: full checkouts per second against the reference API on loopback, with the embedded
// PGlite and with PostgreSQL, next to a baseline (GET /products/:id) measured the same way, in the same run.
//
//   node --import tsx bench/server.ts [--clients 8] [--seconds 10] [--db pglite|postgres|both] [--pg URL]
//
// The server runs as a child process (`server/main.ts`, the CLI) so that it has its own event loop, as
// in production; the clients here are plain fetch loops. PostgreSQL is used when --pg or
// TILLKIT_BENCH_DATABASE_URL / TILLKIT_TEST_DATABASE_URL names one (a throwaway schema, dropped after).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signUserToken } from '../server/auth.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const clients = Number(option('clients', '8'));
const seconds = Number(option('seconds', '10'));
const pgUrl = option('pg', process.env.TILLKIT_BENCH_DATABASE_URL ?? process.env.TILLKIT_TEST_DATABASE_URL ?? '');
const dbs = option('db', pgUrl ? 'both' : 'pglite');

const API_KEY = 'pk_bench_tillkit';
const SERVICE_KEY = 'sk_bench_service_key_0123456789';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Running {
  url: string;
  child: ChildProcess;
}

async function startChild(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      TILLKIT_API_KEY: API_KEY,
      TILLKIT_SERVICE_KEY: SERVICE_KEY,
      TILLKIT_JWT_SECRET: JWT_SECRET,
      TILLKIT_SEED_DEMO: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  child.stdout.resume();
  return { url, child };
}

async function stopChild({ child }: Running): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Stats {
  count: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Runs `clients` loops of `task` for `seconds`; latency per task in ms. */
async function load(task: (client: number, n: number) => Promise<void>, duration = seconds): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + duration * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const t = performance.now();
        try {
          await task(client, n);
          latencies.push(performance.now() - t);
        } catch (error) {
          if (errors++ < 3) console.error(`  error: ${(error as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { 'X-Builton-Api-Key': API_KEY };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    // As the widget does: every POST carries an idempotency key.
    headers['Idempotency-Key'] = randomBytes(12).toString('hex');
  }
  const response = await fetch(url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function bench(label: string, env: Record<string, string>): Promise<void> {
  const server = await startChild(env);
  try {
    const { url } = server;
    const products: any[] = await call(url, 'GET', '/products?size=100');
    const film = products.find((p) => p._sub_products.length > 0);
    const other = products.find((p) => p !== film);
    const sub = film._sub_products[0].$oid;
    const productPath = `/products/${film._id.$oid}`;
    const run = randomBytes(4).toString('hex');

    const checkout = async (client: number, n: number) => {
      const token = await signUserToken(JWT_SECRET, {
        sub: `bench-${run}-${client}-${n}`,
        email: `c${client}n${n}@bench.example`,
      });
      await call(url, 'POST', '/v2/users', { first_name: 'Bench', last_name: `Client ${client}` }, token);
      const order = await call(
        url,
        'POST',
        '/orders',
        {
          items: [
            { product: film._id.$oid, quantity: 2, sub_products: [sub] },
            { product: other._id.$oid, quantity: 1 },
          ],
        },
        token,
      );
      const method = await call(
        url,
        'POST',
        '/payment_methods',
        { payment_method: 'stripe', token: 'tok_visa' },
        token,
      );
      const payment = await call(
        url,
        'POST',
        '/payments',
        { orders: [order._id.$oid], payment_method: method._id.$oid },
        token,
      );
      if (payment.current_state !== 'succeeded') throw new Error(`payment ${payment.current_state}`);
    };

    await load(() => call(url, 'GET', productPath), 1);
    await load(checkout, 1);
    const baseline = await load(() => call(url, 'GET', productPath));
    const checkouts = await load(checkout);
    const paid = await fetch(`${url}/orders?order_status=SUCCESS&size=1`, {
      headers: { 'X-Builton-Api-Key': API_KEY, Authorization: `Bearer ${SERVICE_KEY}` },
    });
    const successOrders = Number(paid.headers.get('X-Total-Count'));

    const row = (name: string, s: Stats) =>
      `  ${name.padEnd(26)} ${s.perSecond.toFixed(1).padStart(9)}/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms   (${s.count} done, ${s.errors} errors)`;
    console.log(`\n${label}, ${clients} concurrent clients, ${seconds} s each`);
    console.log(row('GET /products/:id', baseline));
    console.log(row('checkout (5 requests)', checkouts));
    console.log(
      `  a checkout costs ${(baseline.perSecond / checkouts.perSecond).toFixed(1)} baseline requests; ` +
        `${successOrders} orders paid in all (warm-up included)`,
    );
  } finally {
    await stopChild(server);
  }
}

console.log(`Tillkit reference API: checkouts per second on loopback (node ${process.version})`);
if (dbs === 'pglite' || dbs === 'both') await bench('PGlite (embedded, in memory)', { TILLKIT_DATA_DIR: 'memory://' });
if (dbs === 'postgres' || dbs === 'both') {
  if (!pgUrl) throw new Error('--db postgres needs --pg URL (or TILLKIT_BENCH_DATABASE_URL)');
  const schema = `tillkit_bench_${randomBytes(4).toString('hex')}`;
  try {
    await bench('PostgreSQL (loopback)', { DATABASE_URL: pgUrl, TILLKIT_DATABASE_SCHEMA: schema });
  } finally {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
