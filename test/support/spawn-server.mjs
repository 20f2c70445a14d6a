// Starts the reference API server as a child process for the browser and end-to-end tests, on an
// ephemeral port with a fresh in-memory database, the DVD catalogue and demo sign-in. Plain JS so
// the test runner's config (an .mjs file) can import it without a TypeScript loader.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TEST_API_KEY = 'pk_test_tillkit';
/** The published Bootic demo key (server/demo.ts): its company gets the CLP catalogue and shop 29. */
export const BOOTIC_API_KEY = 'pk_demo_bootic';
export const BOOTIC_SHOP_ID = 29;
export const TEST_SERVICE_KEY = 'sk_test_service_key_for_tests_only';
export const TEST_JWT_SECRET = 'test-jwt-secret-for-tests-only-0123456789abcdef';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Promise<{ url: string, apiKey: string, booticApiKey: string, serviceKey: string, stop(): Promise<void> }>} */
export async function spawnServer(env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      TILLKIT_DATA_DIR: 'memory://',
      TILLKIT_API_KEY: `${TEST_API_KEY},${BOOTIC_API_KEY}`,
      TILLKIT_SERVICE_KEY: TEST_SERVICE_KEY,
      TILLKIT_JWT_SECRET: TEST_JWT_SECRET,
      TILLKIT_DEMO_AUTH: '1',
      TILLKIT_CORS_ORIGINS: '*',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the reference server did not start in time:\n${seen}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /https?:\/\/[^\s]+/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[0].replace(/\/$/, ''));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference server exited with ${code}:\n${seen}`));
    });
  });
  child.stdout.resume();
  return {
    url,
    apiKey: TEST_API_KEY,
    booticApiKey: BOOTIC_API_KEY,
    serviceKey: TEST_SERVICE_KEY,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
