import { Hono } from 'hono';
import { isEmail } from 'tillkit/core';
import { signUserToken } from '../auth.ts';
import { send, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { reqString } from '../http/validate.ts';

const TOKEN_TTL_SECONDS = 2 * 60 * 60;

/**
 * `POST /demo/token {email}` → `{token}`: a user JWT for any email, so the demo shop can sign people in
 * without an identity provider. Only with TILLKIT_DEMO_AUTH=1 (refused in production); 404 otherwise,
 * as if the route did not exist.
 */
export function demoRoutes({ config, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/token', async (c) => {
    if (!config.demoAuth) throw notFound('Route');
    const email = reqString(jsonBody(c), 'email', 320).trim().toLowerCase();
    if (!isEmail(email)) throw badRequest('email-invalid', 'email must be an email address', 'email');
    const token = await signUserToken(
      config.jwtSecret,
      { sub: `demo|${email}`, email },
      { now: now(), ttlSeconds: TOKEN_TTL_SECONDS },
    );
    return send(c, { token, expires_in: TOKEN_TTL_SECONDS });
  });
  return app;
}
