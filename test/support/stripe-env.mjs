// For the browser tests of Stripe's Payment Element: the loopback Stripe stand-in (test/support/stripe/)
// and a reference server whose `stripe` processor talks to it, started the first time a test asks for
// them (`GET /stripe-env`), so the other suites pay nothing for them. The page reaches the stand-in's
// REST API through `/stripe-standin/…` on the test server: the proxy adds the account's key, as
// Stripe.js's calls carry the publishable key and the intent's client secret. What the browser's
// Stripe.js stand-in confirms there is what the server's processor then finds: they share the stand-in.
import { tsImport } from 'tsx/esm/api';
import { spawnServer } from './spawn-server.mjs';

const PREFIX = '/stripe-standin';

/** @param {import('node:http').IncomingMessage} req */
async function bodyOf(req) {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

export function stripeEnvironment() {
  /** @type {Promise<{ standIn: any, api: Awaited<ReturnType<typeof spawnServer>> }> | null} */
  let started = null;
  const start = () =>
    (started ??= (async () => {
      const { startStripeStandIn } = await tsImport('./stripe/index.ts', import.meta.url);
      const standIn = await startStripeStandIn({});
      const api = await spawnServer({
        TILLKIT_PAYMENTS: 'stripe',
        STRIPE_SECRET_KEY: standIn.secretKey,
        STRIPE_API_URL: standIn.url,
      });
      return { standIn, api };
    })());

  /** Koa middleware: `/stripe-env` (the server to use) and the proxy to the stand-in. */
  const middleware = async (ctx, next) => {
    if (ctx.path === '/stripe-env') {
      const { api } = await start();
      ctx.type = 'json';
      ctx.body = JSON.stringify({ url: api.url, apiKey: api.apiKey, publishableKey: 'pk_test_standin', api: PREFIX });
      return;
    }
    if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
    const { standIn } = await start();
    const body = ctx.method === 'GET' ? undefined : await bodyOf(ctx.req);
    const response = await fetch(standIn.url + ctx.path.slice(PREFIX.length) + ctx.search, {
      method: ctx.method,
      headers: {
        Authorization: `Bearer ${standIn.secretKey}`,
        'Content-Type': ctx.get('content-type') || 'application/x-www-form-urlencoded',
      },
      body,
      redirect: 'manual',
    });
    // A bank page that sends the browser back to the return_url: said in JSON, for the stand-in to follow.
    const location = response.headers.get('location');
    ctx.status = location ? 200 : response.status;
    ctx.type = location ? 'json' : (response.headers.get('content-type') ?? 'json');
    ctx.body = location ? JSON.stringify({ redirect: location }) : await response.text();
  };

  const plugin = {
    name: 'stripe-stand-in',
    async serverStop() {
      if (!started) return;
      const { standIn, api } = await started;
      await api.stop();
      await standIn.close();
    },
  };
  return { middleware, plugin };
}
