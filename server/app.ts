import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { TillError } from 'tillkit/core';
import { apiKeyMiddleware, callerMiddleware } from './auth.ts';
import { send, type AppEnv, type Deps } from './context.ts';
import { readRequestBody } from './http/body.ts';
import { HttpError } from './http/errors.ts';
import { KeyTaken, idempotency } from './idempotency.ts';
import { adminRoutes } from './routes/admin.ts';
import { couponRoutes } from './routes/coupons.ts';
import { booticRoutes, booticWebRoutes } from './routes/bootic.ts';
import { demoRoutes } from './routes/demo.ts';
import { mediaRoutes } from './routes/media.ts';
import { orderRoutes } from './routes/orders.ts';
import { paymentMethodRoutes } from './routes/payment-methods.ts';
import { paymentRoutes } from './routes/payments.ts';
import { productRoutes } from './routes/products.ts';
import { tagRoutes } from './routes/tags.ts';
import { testAuthenticationRoutes } from './routes/test-authentication.ts';
import { userObjectRoutes, userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export type { Deps } from './context.ts';

/**
 * The reference API as a Hono app. Order of the middleware matters: CORS first (a preflight carries no
 * API key), then the public media and Bootic pages, the test authentication page and Stripe's webhooks, then
 * API key → caller → body → idempotency → routes.
 */
export function createApp(deps: Deps): Hono<AppEnv> {
  const { config } = deps;
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    // Another request with the same Idempotency-Key answered first: the middleware answers as it did.
    if (error instanceof KeyTaken)
      return send(c, { message: error.message, field: 'Idempotency-Key', code: 'idempotency_key_in_use' }, 409);
    if (error instanceof HttpError) {
      return send(
        c,
        { message: error.message, field: error.field ?? null, code: error.code, ...error.extra },
        error.status,
      );
    }
    if (error instanceof TillError) {
      return send(c, { message: error.message, field: error.field ?? null, code: error.code }, 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return send(
        c,
        { message: error.message || 'Bad request', field: null, code: 'bad-request' },
        error.status as 400,
      );
    }
    console.error(`${c.req.method} ${new URL(c.req.url).pathname}:`, error);
    return send(c, { message: 'The server had a problem; please try again', field: null, code: 'internal' }, 500);
  });
  app.notFound((c) =>
    send(
      c,
      { message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, field: null, code: 'not-found' },
      404,
    ),
  );

  if (config.corsOrigins.length > 0) {
    const any = config.corsOrigins.includes('*');
    app.use(
      '*',
      cors({
        origin: any ? '*' : [...config.corsOrigins],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        // Header names are case-insensitive: the official SDK sends `X-Builton-API-Key`.
        allowHeaders: ['Content-Type', 'Authorization', 'X-Builton-Api-Key', 'Idempotency-Key'],
        exposeHeaders: ['X-Total-Count', 'X-Pagination-Total', 'Idempotent-Replayed'],
        maxAge: 600,
      }),
    );
  }

  // Lists answer their total as `X-Total-Count` (this server's, and the widget's) and as
  // `X-Pagination-Total`, the header the official BuiltOn SDK reads for `paginationTotal` and `next()`.
  app.use('*', async (c, next) => {
    await next();
    const total = c.res.headers.get('X-Total-Count');
    if (total !== null && !c.res.headers.has('X-Pagination-Total')) c.res.headers.set('X-Pagination-Total', total);
  });

  app.get('/health', (c) => send(c, { ok: true }));
  app.route('/media', mediaRoutes());
  // Bootic's web cart and checkout stand-ins: pages a browser is sent to, so no API key.
  app.route('/bootic', booticWebRoutes(deps));
  // The test processor's 3-D Secure page (a browser is sent to it) and Stripe's webhooks (signed, no key).
  app.route('/test-processor', testAuthenticationRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));

  app.use('*', async (c, next) => {
    // A NUL in a query string would reach PostgreSQL, which refuses it in text; refuse it first.
    if (/%00/.test(c.req.url)) throw new HttpError(400, 'query-invalid', 'The URL contains a NUL character', 'query');
    await next();
  });
  app.use('*', apiKeyMiddleware(config.apiKeys));
  app.use('*', callerMiddleware({ serviceKey: config.serviceKey, jwtSecret: config.jwtSecret, now: deps.now }));
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const limit: MiddlewareHandler<AppEnv> = bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw new HttpError(
          413,
          'body-too-large',
          `The request body is larger than ${config.maxBodyBytes / 1024} KiB`,
          'body',
        );
      },
    });
    // Hono types a '*' route's context input as `any`; the limit reads no input type.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    return limit(c, async () => {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- the same `any` input as above
      await readRequestBody(c);
      await next();
    });
  });
  app.use('*', idempotency(deps));

  app.route('/v2/users', userRoutes(deps));
  app.route('/users', userObjectRoutes(deps));
  app.route('/products', productRoutes(deps));
  app.route('/tags', tagRoutes(deps));
  app.route('/orders', orderRoutes(deps));
  app.route('/coupons', couponRoutes(deps));
  app.route('/payment_methods', paymentMethodRoutes(deps));
  app.route('/payments', paymentRoutes(deps));
  app.route('/demo', demoRoutes(deps));
  app.route('/v1/shops', booticRoutes(deps));
  app.route('/admin', adminRoutes(deps));
  return app;
}
