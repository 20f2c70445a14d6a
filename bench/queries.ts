// Statements per checkout request: the reference API in this process with its database wrapped in the
// counting decorator (server/db/counting.ts), one customer checking out at a time, fresh each time.
//
//   node --import tsx bench/queries.ts [--checkouts 10] [--db pglite|postgres] [--pg URL] [--verbose]
//
// Deterministic, unlike the timings of bench/server.ts: every checkout runs the same statements. A
// round trip is a statement, or a transaction's BEGIN or COMMIT. --verbose lists the statements of the
// last checkout, by request.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signUserToken } from '../server/auth.ts';
import { countsBetween, type CountingDatabase, type QueryCounts } from '../server/db/counting.ts';
import { startServer } from '../server/start.ts';
import {
  CHECKOUT_STEPS,
  checkoutOnce,
  fetchCall,
  findBasket,
  type CheckoutStep,
} from '../test/support/checkout-flow.ts';
import { dropSchema } from '../test/support/server.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const checkouts = Number(option('checkouts', '10'));
const pgUrl = option('pg', process.env.TILLKIT_BENCH_DATABASE_URL ?? process.env.TILLKIT_TEST_DATABASE_URL ?? '');
const db = option('db', 'pglite');
const verbose = args.includes('--verbose');

const API_KEY = 'pk_bench_tillkit';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';

/** Per request of a checkout: the counts of each checkout run. */
export type StepCounts = Map<CheckoutStep, QueryCounts[]>;

/** Runs `n` checkouts one after another, each by a new customer, counting each request's statements. */
export async function countCheckouts(dbKind: 'pglite' | 'postgres', n: number, url?: string): Promise<StepCounts> {
  const schema = `tillkit_bench_${randomBytes(4).toString('hex')}`;
  const server = await startServer({
    env: {},
    apiKey: API_KEY,
    serviceKey: 'sk_bench_service_key_0123456789',
    jwtSecret: JWT_SECRET,
    seed: true,
    countQueries: true,
    port: 0,
    ...(dbKind === 'postgres' ? { databaseUrl: url!, databaseSchema: schema } : { dataDir: 'memory://' }),
  });
  const steps: StepCounts = new Map(CHECKOUT_STEPS.map((s) => [s, []]));
  try {
    const counter = server.db as CountingDatabase;
    const call = fetchCall(server.url, API_KEY);
    const basket = await findBasket(call);
    const run = randomBytes(4).toString('hex');
    for (let i = 0; i < n; i++) {
      const token = await signUserToken(JWT_SECRET, { sub: `count-${run}-${i}`, email: `count${i}@bench.example` });
      let before = counter.counts();
      await checkoutOnce(call, token, basket, (step) => {
        const now = counter.counts();
        steps.get(step)!.push(countsBetween(before, now));
        before = now;
      });
    }
  } finally {
    await server.close();
    if (dbKind === 'postgres') await dropSchema(url!, schema);
  }
  return steps;
}

const range = (values: number[]) => {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return min === max ? String(min) : `${min}–${max}`;
};

/** The table of a counting run: statements, transactions and round trips per request, and per checkout. */
export function countTable(steps: StepCounts): string {
  const lines = [`  ${'request'.padEnd(24)} statements  transactions  round trips`];
  const totals = { statements: [] as number[], transactions: [] as number[], roundTrips: [] as number[] };
  for (const [step, runs] of steps) {
    const pick = (k: keyof typeof totals) => runs.map((r) => r[k]);
    lines.push(
      `  ${step.padEnd(24)} ${range(pick('statements')).padStart(10)}  ${range(pick('transactions')).padStart(12)}  ${range(pick('roundTrips')).padStart(11)}`,
    );
    runs.forEach((r, i) => {
      for (const k of ['statements', 'transactions', 'roundTrips'] as const) totals[k][i] = (totals[k][i] ?? 0) + r[k];
    });
  }
  lines.push(
    `  ${'a checkout'.padEnd(24)} ${range(totals.statements).padStart(10)}  ${range(totals.transactions).padStart(12)}  ${range(totals.roundTrips).padStart(11)}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kind = db === 'postgres' ? 'postgres' : 'pglite';
  if (kind === 'postgres' && !pgUrl) throw new Error('--db postgres needs --pg URL (or TILLKIT_BENCH_DATABASE_URL)');
  const steps = await countCheckouts(kind, checkouts, pgUrl);
  console.log(`Statements per checkout request (${kind}, ${checkouts} checkouts by new customers, one at a time)`);
  console.log(countTable(steps));
  if (verbose) {
    for (const [step, runs] of steps) {
      console.log(`\n${step}:`);
      for (const [sql, count] of runs.at(-1)!.bySql) console.log(`  ${String(count).padStart(2)} × ${sql}`);
    }
  }
}
