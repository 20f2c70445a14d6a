import { isAbsolute, resolve } from 'node:path';

/**
 * The server's configuration, read from the environment (see server/README.md for the list). There are
 * no built-in secrets: the demo values live in `demo.ts` and are applied only by the development CLI
 * and by callers that ask for them; in production a missing or demo secret stops the server.
 */
export interface Config {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /** Publishable API keys, each naming one company (tenant). */
  readonly apiKeys: readonly string[];
  readonly serviceKey: string;
  readonly jwtSecret: string;
  readonly corsOrigins: readonly string[];
  readonly demoAuth: boolean;
  /** PostgreSQL connection string; when unset the embedded PGlite in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  readonly dataDir: string;
  readonly seedDemo: boolean;
  readonly payments: 'test' | 'stripe';
  readonly stripeSecretKey: string | undefined;
  /** Where the Stripe SDK sends requests (a loopback stand-in in tests); Stripe's own API when unset. */
  readonly stripeApiUrl: string | undefined;
  readonly maxBodyBytes: number;
  /**
   * Button's API key (HTTP Basic user): order reporting is on when it is set. Server-side only: never
   * in a response, a log line or the outbox.
   */
  readonly buttonApiKey: string | undefined;
  /** Button's API, without a trailing slash. */
  readonly buttonApiUrl: string;
  /** The signing secret of the Stripe webhook endpoint (`whsec_…`); webhooks are refused without it. */
  readonly stripeWebhookSecret: string | undefined;
  /** How often the reconciler looks for payments whose outcome is unknown (it also runs at start-up). */
  readonly reconcileIntervalMs: number;
  /** How long a customer may take to authenticate before the payment is canceled at the processor. */
  readonly authDeadlineMs: number;
  /** How long a process holds a payment while it calls the processor, before another may take it over. */
  readonly paymentLeaseMs: number;
  /** TILLKIT_COUNT_QUERIES: count the statements sent to the database, shown by `GET /admin/diagnostics`. */
  readonly countQueries: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Values published in this repository (demo.ts, docs, tests): never acceptable in production. */
export const KNOWN_DEMO_SECRETS: ReadonlySet<string> = new Set([
  'pk_demo_tillkit',
  'pk_demo_bootic',
  'sk_demo_tillkit_service_key',
  'tillkit-demo-jwt-secret-do-not-use-in-production',
  // The values `npm start` (scripts/start.mjs) uses for the local demo.
  'sk_demo_service_only_for_the_local_demo',
  'demo-jwt-secret-only-for-the-local-demo-0123456789',
  // The values the repository's tests use (test/support).
  'pk_test_tillkit',
  'sk_test_service_key_for_tests_only',
  'test-jwt-secret-for-tests-only-0123456789abcdef',
]);

type Env = Readonly<Record<string, string | undefined>>;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const flag = (value: string | undefined): boolean => value === '1' || value === 'true' || value === 'yes';

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const apiKeys = list(env.TILLKIT_API_KEY);
  const serviceKey = env.TILLKIT_SERVICE_KEY?.trim() ?? '';
  const jwtSecret = env.TILLKIT_JWT_SECRET ?? '';
  const problems: string[] = [];
  if (apiKeys.length === 0) problems.push('TILLKIT_API_KEY is not set');
  if (!serviceKey) problems.push('TILLKIT_SERVICE_KEY is not set');
  if (!jwtSecret) problems.push('TILLKIT_JWT_SECRET is not set');
  if (production) {
    for (const [name, values] of [
      ['TILLKIT_API_KEY', apiKeys],
      ['TILLKIT_SERVICE_KEY', [serviceKey]],
      ['TILLKIT_JWT_SECRET', [jwtSecret]],
    ] as const) {
      if (values.some((v) => KNOWN_DEMO_SECRETS.has(v))) problems.push(`${name} is a published demo value`);
    }
    if (jwtSecret && jwtSecret.length < 32) problems.push('TILLKIT_JWT_SECRET must be at least 32 characters');
    if (serviceKey && serviceKey.length < 24) problems.push('TILLKIT_SERVICE_KEY must be at least 24 characters');
    if (flag(env.TILLKIT_DEMO_AUTH))
      problems.push('TILLKIT_DEMO_AUTH hands out tokens to anyone; it is not for production');
  }
  if (serviceKey && apiKeys.includes(serviceKey)) problems.push('TILLKIT_SERVICE_KEY must differ from the API key');

  const payments = (env.TILLKIT_PAYMENTS ?? 'test').trim();
  if (payments !== 'test' && payments !== 'stripe') problems.push('TILLKIT_PAYMENTS must be "test" or "stripe"');
  const stripeSecretKey = env.STRIPE_SECRET_KEY?.trim() || undefined;
  if (payments === 'stripe' && !stripeSecretKey) problems.push('TILLKIT_PAYMENTS=stripe needs STRIPE_SECRET_KEY');
  if (production && payments === 'test')
    problems.push('TILLKIT_PAYMENTS=test accepts test tokens only; use stripe in production');

  const buttonApiKey = env.BUTTON_API_KEY?.trim() || undefined;
  const buttonApiUrl = (env.BUTTON_API_URL?.trim() || 'https://api.usebutton.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(buttonApiUrl)) problems.push('BUTTON_API_URL must be an http(s) URL');
  else if (production && !buttonApiUrl.startsWith('https://'))
    problems.push('BUTTON_API_URL must be https in production');

  const durations = {
    reconcileIntervalMs: duration(env, 'TILLKIT_RECONCILE_INTERVAL_MS', 60_000, problems),
    authDeadlineMs: duration(env, 'TILLKIT_AUTH_DEADLINE_MS', 30 * 60_000, problems),
    paymentLeaseMs: duration(env, 'TILLKIT_PAYMENT_LEASE_MS', 120_000, problems),
  };

  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push('PORT must be a port number (0 for any free port)');

  if (problems.length) throw new ConfigError(`Tillkit reference API can not start:\n  - ${problems.join('\n  - ')}`);

  const dataDir = env.TILLKIT_DATA_DIR?.trim() || './.tillkit-data';
  return {
    production,
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    apiKeys,
    serviceKey,
    jwtSecret,
    corsOrigins: list(env.TILLKIT_CORS_ORIGINS),
    demoAuth: flag(env.TILLKIT_DEMO_AUTH),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    databaseSchema: env.TILLKIT_DATABASE_SCHEMA?.trim() || undefined,
    dataDir: dataDir.startsWith('memory://') || isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    seedDemo: env.TILLKIT_SEED_DEMO === undefined ? true : flag(env.TILLKIT_SEED_DEMO),
    payments: payments as 'test' | 'stripe',
    stripeSecretKey,
    stripeApiUrl: env.STRIPE_API_URL?.trim() || undefined,
    maxBodyBytes: 64 * 1024,
    buttonApiKey,
    buttonApiUrl,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || undefined,
    countQueries: flag(env.TILLKIT_COUNT_QUERIES),
    ...durations,
  };
}

/** A positive whole number of milliseconds from `name`, or `fallback` when unset. */
function duration(env: Env, name: string, fallback: number, problems: string[]): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    problems.push(`${name} must be a whole number of milliseconds above 0`);
    return fallback;
  }
  return value;
}
