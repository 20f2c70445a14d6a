import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { coverSvg } from '../seed/covers.ts';

/**
 * Images of the demo catalogue, generated (no network, no files). Public: an `<img>` can not send the
 * API key header, and covers are no secret.
 */
export function mediaRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/covers/:file', (c) => {
    const match = /^([a-z0-9-]+)\.svg$/.exec(c.req.param('file'));
    const svg = match ? coverSvg(match[1]!) : undefined;
    if (!svg) throw notFound('Image');
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      // An SVG opened directly must not run anything.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });
  });
  return app;
}
