// Server load: full checkouts per second against the reference API on loopback, with the embedded
// PGlite and with PostgreSQL, next to a baseline (GET /products/:id) measured the same way, in the same run.
//
//   node --import tsx bench/server.ts [--clients 8,16] [--seconds 10] [--rounds 3] [--db pglite|postgres|both]
//                                     [--pg URL] [--before DIR] [--no-count]
//
// The server runs as a child process (`server/main.ts`, the CLI), a fresh one with a fresh database for
// each measurement, so that it has its own event loop and its own CPU time, as in production; the load
// client is this process (`node:http` loops, a kept-alive connection each), whose CPU time is reported apart, and so is PostgreSQL's (its
// backends serving the server, read from /proc). Every checkout is a new customer. PostgreSQL is used
// when --pg or TILLKIT_BENCH_DATABASE_URL / TILLKIT_TEST_DATABASE_URL names one (a throwaway schema,
// dropped after). `--before DIR` also runs the server of another checkout (e.g. `git archive` of an
// earlier commit, with this node_modules linked in), alternating with this one in every round.
import { randomBytes } from 'node:crypto';
import { loadavg, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signUserToken } from '../server/auth.ts';
import { CHECKOUT_STEPS, checkoutOnce, findBasket } from '../test/support/checkout-flow.ts';
import { countCheckouts, countTable } from './queries.ts';
import {
  API_KEY,
  JWT_SECRET,
  httpCall,
  load,
  measured,
  postgresCpu,
  startChild,
  stopChild,
  type Stats,
} from './server-load.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const clientCounts = option('clients', '8,16').split(',').map(Number);
const seconds = Number(option('seconds', '10'));
const rounds = Number(option('rounds', '3'));
const pgUrl = option('pg', process.env.TILLKIT_BENCH_DATABASE_URL ?? process.env.TILLKIT_TEST_DATABASE_URL ?? '');
const dbs = option('db', pgUrl ? 'both' : 'pglite');
const beforeRoot = option('before', '');
const root = fileURLToPath(new URL('..', import.meta.url));
const REQUESTS = CHECKOUT_STEPS.length;

type Db = 'pglite' | 'postgres';
type Result = Stats & { server?: number; client: number; postgres?: number; baseline: number };
const DB_NAMES: Record<Db, string> = { pglite: 'PGlite (in memory)', postgres: 'PostgreSQL 15' };

/** One measurement: a fresh server and database, warmed up, then the baseline and the checkouts. */
async function measure(db: Db, clients: number, serverRoot: string): Promise<Result> {
  const schema = `tillkit_bench_${randomBytes(4).toString('hex')}`;
  const app = `${schema}_app`;
  const url = db === 'postgres' ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}application_name=${app}` : '';
  const server = await startChild(
    serverRoot,
    db === 'postgres' ? { DATABASE_URL: url, TILLKIT_DATABASE_SCHEMA: schema } : { TILLKIT_DATA_DIR: 'memory://' },
  );
  const postgres = db === 'postgres' ? postgresCpu(pgUrl, app) : undefined;
  try {
    await postgres?.start();
    const call = httpCall(server.url, API_KEY, clients);
    const basket = await findBasket(call);
    const productPath = `/products/${basket.film}`;
    const run = randomBytes(4).toString('hex');
    // Each checkout is a customer never seen before: the phase is part of their name.
    const checkout = (phase: string) => async (client: number, n: number) => {
      const token = await signUserToken(JWT_SECRET, {
        sub: `bench-${run}-${phase}-${client}-${n}`,
        email: `${phase}${client}n${n}@bench.example`,
      });
      await checkoutOnce(call, token, basket);
    };
    await load(clients, 1, () => call('GET', productPath));
    await load(clients, 2, checkout('warm'));
    // A live database's tables have statistics (autovacuum analyzes a table within a minute of its first
    // 50 rows); this one is seconds old, so without them the planner would take its tables for empty.
    if (db === 'postgres') await analyze(pgUrl, schema);
    const baseline = await load(clients, Math.max(2, seconds / 2), () => call('GET', productPath));
    const checkouts = await measured(server, postgres, () => load(clients, seconds, checkout('measured')));
    return { ...checkouts, baseline: baseline.perSecond };
  } finally {
    await stopChild(server);
    await postgres?.end();
    if (db === 'postgres') {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

/** ANALYZE of the measurement's schema, as autovacuum would have run it. */
async function analyze(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [
      schema,
    ]);
    for (const { tablename } of tables.rows) await client.query(`ANALYZE ${schema}.${tablename}`);
  } finally {
    await client.end();
  }
}

const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`);
const load3 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function line(label: string, r: Result): string {
  return (
    `  ${label.padEnd(34)} ${r.perSecond.toFixed(1).padStart(6)} checkouts/s  p50 ${r.p50.toFixed(0).padStart(4)} ms` +
    `  p95 ${r.p95.toFixed(0).padStart(4)} ms  CPU per checkout: server ${ms(r.server)}, PostgreSQL ${ms(r.postgres)},` +
    ` load client ${ms(r.client)}  (GET /products/:id ${r.baseline.toFixed(0)}/s; ${r.count} done, ${r.errors} errors; load ${load3()})`
  );
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const spread = (values: readonly number[]) =>
  `${Math.min(...values).toFixed(1)} / ${median(values).toFixed(1)} / ${Math.max(...values).toFixed(1)}`;
const medianOf = (results: readonly Result[], pick: (r: Result) => number | undefined) => {
  const values = results.map(pick).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
};

console.log(
  `Tillkit reference API: checkouts per second on loopback (node ${process.version}, ${cpus().length} CPUs, load ${load3()})`,
);
console.log(
  `A checkout: ${REQUESTS} requests by a new customer (${CHECKOUT_STEPS.join(', ')}), each POST with an Idempotency-Key`,
);
const chosen: Db[] = dbs === 'both' ? ['postgres', 'pglite'] : [dbs as Db];
if (chosen.includes('postgres') && !pgUrl)
  throw new Error('--db postgres needs --pg URL (or TILLKIT_BENCH_DATABASE_URL)');

if (!args.includes('--no-count')) {
  for (const db of chosen) {
    console.log(`\nStatements per checkout request, ${DB_NAMES[db]} (counted in process, one customer at a time):`);
    console.log(countTable(await countCheckouts(db, 5, pgUrl)));
  }
}

const roots: { label: string; dir: string }[] = [{ label: 'this', dir: root }];
if (beforeRoot) roots.push({ label: 'before', dir: beforeRoot });
const results = new Map<string, Result[]>();
for (let round = 1; round <= rounds; round++) {
  console.log(`\nRound ${round} of ${rounds}, ${seconds} s of checkouts each:`);
  // Alternate the order of the servers compared, so neither always runs first.
  const order = round % 2 === 1 ? roots : [...roots].reverse();
  for (const db of chosen) {
    for (const clients of clientCounts) {
      for (const { label, dir } of order) {
        const key = `${db}|${clients}|${label}`;
        const result = await measure(db, clients, dir);
        results.set(key, [...(results.get(key) ?? []), result]);
        console.log(line(`${DB_NAMES[db]}, ${clients} clients${roots.length > 1 ? `, ${label}` : ''}`, result));
      }
    }
  }
}

console.log(`\nSummary (${rounds} rounds; checkouts/s min / median / max; the rest medians; load now ${load3()}):`);
console.log(
  `| database | clients |${roots.length > 1 ? ' server |' : ''} checkouts/s | p50 / p95 | CPU per checkout: server | PostgreSQL | load client | GET /products/:id |`,
);
console.log(`| --- | --- |${roots.length > 1 ? ' --- |' : ''} --- | --- | --- | --- | --- | --- |`);
for (const [key, rs] of results) {
  const [db, clients, label] = key.split('|') as [Db, string, string];
  const cells = [
    DB_NAMES[db],
    clients,
    ...(roots.length > 1 ? [label] : []),
    spread(rs.map((r) => r.perSecond)),
    `${medianOf(rs, (r) => r.p50)!.toFixed(0)} / ${medianOf(rs, (r) => r.p95)!.toFixed(0)} ms`,
    ms(medianOf(rs, (r) => r.server)),
    ms(medianOf(rs, (r) => r.postgres)),
    ms(medianOf(rs, (r) => r.client)),
    `${medianOf(rs, (r) => r.baseline)!.toFixed(0)}/s`,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
