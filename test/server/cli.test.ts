import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { DEMO_API_KEY, DEMO_ENV } from '../../server/demo.ts';
import { startServer } from '../../server/start.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STRONG = {
  TILLKIT_API_KEY: 'pk_live_9c1d2e3f4a5b6c7d',
  TILLKIT_SERVICE_KEY: 'sk_live_5f4e3d2c1b0a99887766554433',
  TILLKIT_JWT_SECRET: 'a-long-random-secret-of-at-least-32-characters',
  TILLKIT_PAYMENTS: 'stripe',
  STRIPE_SECRET_KEY: 'sk_live_stripe',
};

describe('configuration', () => {
  it('refuses to start in production with a missing secret', () => {
    for (const name of ['TILLKIT_API_KEY', 'TILLKIT_SERVICE_KEY', 'TILLKIT_JWT_SECRET'] as const) {
      const env: Record<string, string | undefined> = { NODE_ENV: 'production', ...STRONG, [name]: undefined };
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && error.message.includes(`${name} is not set`),
      );
    }
  });

  it('refuses the published demo and test values in production', () => {
    for (const [name, value] of Object.entries({
      ...DEMO_ENV,
      TILLKIT_JWT_SECRET: 'test-jwt-secret-for-tests-only-0123456789abcdef',
    })) {
      assert.throws(() => loadConfig({ NODE_ENV: 'production', ...STRONG, [name]: value }), ConfigError, name);
    }
    assert.throws(() => loadConfig({ NODE_ENV: 'production', ...STRONG, TILLKIT_DEMO_AUTH: '1' }), /DEMO_AUTH/);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', ...STRONG, TILLKIT_PAYMENTS: 'test' }),
      /TILLKIT_PAYMENTS=test/,
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', ...STRONG, TILLKIT_JWT_SECRET: 'short' }),
      /32 characters/,
    );
  });

  it('accepts real values in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ...STRONG,
      TILLKIT_CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    assert.equal(config.production, true);
    assert.deepEqual(config.corsOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(config.demoAuth, false);
    assert.equal(config.port, 8787);
  });

  it('has no built-in keys, even in development', () => {
    assert.throws(() => loadConfig({}), /TILLKIT_API_KEY is not set/);
    assert.throws(() => loadConfig({ ...DEMO_ENV, TILLKIT_PAYMENTS: 'stripe' }), /STRIPE_SECRET_KEY/);
  });

  it('startServer refuses what loadConfig refuses', async () => {
    await assert.rejects(startServer({ env: { NODE_ENV: 'production' } }), ConfigError);
  });
});

describe('startServer with onListening (the CLI: the port bound before the database opens)', () => {
  const env = { ...DEMO_ENV, TILLKIT_DATA_DIR: 'memory://', PORT: '0' };

  it('answers a request sent as soon as it listens, once the database is open and the catalogue loaded', async () => {
    let answer: Promise<{ status: number; count: number }> | undefined;
    let ready = false;
    const server = await startServer({
      env,
      onListening: (url) => {
        assert.equal(ready, false);
        answer = fetch(`${url}/products?size=100`, { headers: { 'X-Builton-Api-Key': DEMO_API_KEY } }).then(
          async (response) => ({ status: response.status, count: ((await response.json()) as unknown[]).length }),
        );
      },
    });
    ready = true;
    try {
      assert.ok(answer, 'onListening was called');
      const { status, count } = await answer;
      assert.equal(status, 200);
      assert.ok(count >= 20, `the demo catalogue (${count} products)`);
    } finally {
      await server.close();
    }
  });

  it('rejects and stops listening when the database cannot be opened', async () => {
    let url = '';
    await assert.rejects(
      startServer({
        env: { ...env, DATABASE_URL: 'postgres://tillkit:tillkit@127.0.0.1:1/none' },
        onListening: (listening) => (url = listening),
      }),
    );
    assert.notEqual(url, '');
    await assert.rejects(fetch(`${url}/health`), 'the port is closed');
  });
});

describe('npm run server (server/main.ts)', () => {
  it('prints its URL, serves the demo catalogue with the demo key, and stops on SIGTERM', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      TILLKIT_DATA_DIR: 'memory://',
    };
    for (const name of [
      'TILLKIT_API_KEY',
      'TILLKIT_SERVICE_KEY',
      'TILLKIT_JWT_SECRET',
      'DATABASE_URL',
      'TILLKIT_DEMO_AUTH',
    ])
      delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--demo'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /Tillkit reference API listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const response = await fetch(`${url}/products?size=100`, { headers: { 'X-Builton-Api-Key': DEMO_API_KEY } });
      assert.equal(response.status, 200);
      assert.ok(((await response.json()) as unknown[]).length >= 20);
      const token = await fetch(`${url}/demo/token`, {
        method: 'POST',
        headers: { 'X-Builton-Api-Key': DEMO_API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'demo@example.com' }),
      });
      assert.equal(token.status, 200);
      const preflight = await fetch(`${url}/orders`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), '*');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  it('exits 1 with the reasons when production configuration is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /TILLKIT_JWT_SECRET is not set/);
    assert.doesNotMatch(result.stdout, /listening/);
  });
});
