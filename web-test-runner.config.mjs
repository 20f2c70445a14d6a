// Browser tests (*.browser.test.ts) in Debian's Chromium, through @web/test-runner.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.mjs';
import { spawnServer } from './test/support/spawn-server.mjs';
import { stripeEnvironment } from './test/support/stripe-env.mjs';

/** The real reference API server, started once for the whole browser run. */
let api;
const referenceServer = {
  name: 'reference-server',
  async serverStart() {
    // TILLKIT_TEST_NO_SERVER=1 runs the suites that need no API (state, cart) without starting it.
    if (!process.env.TILLKIT_TEST_NO_SERVER) api = await spawnServer();
  },
  async serverStop() {
    await api?.stop();
  },
};

/** The loopback Stripe and a reference server paying through it, for the Payment Element's tests (on demand). */
const stripe = stripeEnvironment();

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  middleware: [stripe.middleware],
  plugins: [
    referenceServer,
    stripe.plugin,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  // nanostores reads process.env.NODE_ENV; a page has no process, so give it one.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.TILLKIT_TEST_API = ${JSON.stringify({ url: api?.url, apiKey: api?.apiKey, booticApiKey: api?.booticApiKey, serviceKey: api?.serviceKey })};
    </script>
  </head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
