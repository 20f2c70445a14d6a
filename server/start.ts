import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { companyIdFor } from './auth.ts';
import { loadConfig, type Config } from './config.ts';
import { countingDatabase } from './db/counting.ts';
import type { Database } from './db/database.ts';
import { openPGlite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { migrate } from './db/schema.ts';
import { createProcessor } from './payments/index.ts';
import { Reconciler } from './payments/reconciler.ts';
import { TestProcessor } from './payments/test-processor.ts';
import type { PaymentProcessor } from './payments/processor.ts';
import { ButtonReporter, type ButtonReporterOptions } from './button/sender.ts';
import { ensureCompanies, seedCompanyDemo } from './seed/seed.ts';

export interface StartOptions {
  /** The environment to read (default `process.env`); the options below override it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly apiKey?: string | readonly string[];
  readonly serviceKey?: string;
  readonly jwtSecret?: string;
  readonly corsOrigins?: readonly string[];
  readonly demoAuth?: boolean;
  /** PostgreSQL; when neither this nor DATABASE_URL is set, PGlite in `dataDir`. */
  readonly databaseUrl?: string;
  /** A PostgreSQL schema to use (created if missing) instead of `public`. */
  readonly databaseSchema?: string;
  /** PGlite data directory, or `memory://` (the default when no `env` is given and no database is named). */
  readonly dataDir?: string;
  readonly host?: string;
  /** 0 for any free port (the default when no `env` is given). */
  readonly port?: number;
  /** Load the demo catalogue (once per company). Default true. */
  readonly seed?: boolean;
  readonly payments?: 'test' | 'stripe';
  readonly stripeSecretKey?: string;
  readonly stripeApiUrl?: string;
  /** STRIPE_WEBHOOK_SECRET: the signing secret of the Stripe webhook endpoint. */
  readonly stripeWebhookSecret?: string;
  /** TILLKIT_RECONCILE_INTERVAL_MS, TILLKIT_AUTH_DEADLINE_MS, TILLKIT_PAYMENT_LEASE_MS (see config.ts). */
  readonly reconcileIntervalMs?: number;
  readonly authDeadlineMs?: number;
  readonly paymentLeaseMs?: number;
  /** Count the statements sent to the database (TILLKIT_COUNT_QUERIES; `db/counting.ts`). */
  readonly countQueries?: boolean;
  /** A processor object instead of the configured one (tests use slow or failing ones). */
  readonly processor?: PaymentProcessor;
  readonly now?: () => number;
  /** Button reporting (BUTTON_API_KEY, BUTTON_API_URL): on when a key is set. */
  readonly buttonApiKey?: string;
  readonly buttonApiUrl?: string;
  /**
   * The Button sender's timings and fetch (tests use short delays); see `ButtonReporterOptions`.
   * `send: false` queues reports without sending them (another server on the database sends).
   */
  readonly button?: Omit<ButtonReporterOptions, 'apiKey' | 'apiUrl'> & { readonly send?: boolean };
  /** Bind the port before the database is open and call this with the URL (see `startServer`). */
  readonly onListening?: (url: string) => void;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  readonly db: Database;
  close(): Promise<void>;
}

function envFrom(options: StartOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...(options.env ?? process.env) };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) env[name] = value;
  };
  set('TILLKIT_API_KEY', typeof options.apiKey === 'string' ? options.apiKey : options.apiKey?.join(','));
  set('TILLKIT_SERVICE_KEY', options.serviceKey);
  set('TILLKIT_JWT_SECRET', options.jwtSecret);
  set('TILLKIT_CORS_ORIGINS', options.corsOrigins?.join(','));
  set('TILLKIT_DEMO_AUTH', options.demoAuth === undefined ? undefined : options.demoAuth ? '1' : '0');
  set('DATABASE_URL', options.databaseUrl);
  set('TILLKIT_DATABASE_SCHEMA', options.databaseSchema);
  set('TILLKIT_DATA_DIR', options.dataDir);
  set('HOST', options.host);
  set('PORT', options.port === undefined ? undefined : String(options.port));
  // In-process servers are throwaway unless told otherwise: a memory database on a free port. An
  // explicit `env` (the CLI's) keeps the documented defaults: ./.tillkit-data and port 8787.
  if (!options.env) {
    if (!env.DATABASE_URL && !env.TILLKIT_DATA_DIR) env.TILLKIT_DATA_DIR = 'memory://';
    if (options.port === undefined) env.PORT = '0';
  }
  set('TILLKIT_SEED_DEMO', options.seed === undefined ? undefined : options.seed ? '1' : '0');
  set('TILLKIT_PAYMENTS', options.payments);
  set('STRIPE_SECRET_KEY', options.stripeSecretKey);
  set('STRIPE_API_URL', options.stripeApiUrl);
  set('STRIPE_WEBHOOK_SECRET', options.stripeWebhookSecret);
  const ms = (value: number | undefined) => (value === undefined ? undefined : String(value));
  set('TILLKIT_RECONCILE_INTERVAL_MS', ms(options.reconcileIntervalMs));
  set('TILLKIT_AUTH_DEADLINE_MS', ms(options.authDeadlineMs));
  set('TILLKIT_PAYMENT_LEASE_MS', ms(options.paymentLeaseMs));
  set('TILLKIT_COUNT_QUERIES', options.countQueries === undefined ? undefined : options.countQueries ? '1' : '0');
  set('BUTTON_API_KEY', options.buttonApiKey);
  set('BUTTON_API_URL', options.buttonApiUrl);
  return env;
}

export async function openDatabase(config: Config): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl, schema: config.databaseSchema })
    : await openPGlite(config.dataDir);
  return config.countQueries ? countingDatabase(db) : db;
}

interface Services {
  readonly db: Database;
  readonly app: ReturnType<typeof createApp>;
  readonly reconciler: Reconciler;
  readonly reporter: ButtonReporter | undefined;
}

/** Opens the database, migrates, loads the demo catalogue and builds the app on it. */
async function openServices(config: Config, options: StartOptions, now: () => number): Promise<Services> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const companies = config.apiKeys.map(companyIdFor);
    await ensureCompanies(db, companies, now());
    if (config.seedDemo) for (const key of config.apiKeys) await seedCompanyDemo(db, key, companyIdFor(key), now());
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const processor = options.processor ?? createProcessor(config, now);
  // The test processor keeps its objects in the server's database, so they outlive a restart.
  if (processor instanceof TestProcessor) processor.useDatabase(db);
  const reporter = config.buttonApiKey
    ? new ButtonReporter(db, { ...options.button, apiKey: config.buttonApiKey, apiUrl: config.buttonApiUrl }, now)
    : undefined;
  const app = createApp({ config, db, processor, now, reporter });
  return { db, app, reporter, reconciler: new Reconciler({ config, db, processor, now, reporter }) };
}

type NodeServer = ReturnType<typeof serve>;

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<NodeServer> {
  return new Promise<NodeServer>((resolve, reject) => {
    const s = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
}

function closeListener(server: NodeServer): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open until they time out.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

/**
 * Starts the reference API in this process: opens the database, migrates, loads the demo catalogue,
 * listens. Used by `server/main.ts`, the Node tests, the browser test runner, the end-to-end tests and
 * the benches. Throws `ConfigError` for a configuration it refuses.
 *
 * With `onListening`, the port is bound first and the database opened behind it (requests wait for it):
 * the CLI's first start on a fresh PGlite directory spends seconds in initdb, which the demo shop's
 * page load can overlap instead of waiting for.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(envFrom(options));
  const now = options.now ?? Date.now;
  const early = options.onListening !== undefined;
  const opening = openServices(config, options, now);
  // Awaited below; until then a failure must not count as unhandled.
  opening.catch(() => {});
  const ready = early ? undefined : await opening;
  let server: NodeServer;
  try {
    server = await listen(ready ? ready.app.fetch : async (request) => (await opening).app.fetch(request), config);
  } catch (error) {
    const services = ready ?? (await opening.catch(() => undefined));
    await services?.db.close().catch(() => {});
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.onListening?.(url);
  let services: Services;
  try {
    services = ready ?? (await opening);
  } catch (error) {
    await closeListener(server);
    throw error;
  }
  const { db, reconciler, reporter } = services;
  if (options.button?.send !== false) reporter?.start();
  reconciler.start();
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    config,
    db,
    close: () =>
      (closing ??= (async () => {
        await closeListener(server);
        await reconciler.stop();
        await reporter?.stop();
        await db.close();
      })()),
  };
}
