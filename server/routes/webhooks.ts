import { Hono } from 'hono';
import Stripe from 'stripe';
import { send, type AppEnv, type Deps } from '../context.ts';
import { handleEvent } from '../payments/webhooks.ts';

/** Stripe's default tolerance for a signature's timestamp. */
const TOLERANCE_SECONDS = 300;
/** Events are a few KiB; anything far larger is not Stripe's. */
const MAX_BYTES = 512 * 1024;

/**
 * `POST /webhooks/stripe`: Stripe's events, which carry no API key (the intent's metadata names the
 * company). The raw body is verified against `Stripe-Signature` with `STRIPE_WEBHOOK_SECRET` by the
 * official SDK (`webhooks.constructEvent`, 300 s tolerance); an unsigned, wrongly signed, tampered or
 * stale event is a 400 and writes nothing. Verified events settle payments (payments/webhooks.ts); other
 * types are answered 200 and ignored. 503 when Stripe could not be asked: Stripe sends the event again.
 */
export function webhookRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const secret = deps.config.stripeWebhookSecret;
  const verifier = new Stripe(deps.config.stripeSecretKey ?? 'sk_unused_for_verification', { telemetry: false });

  app.post('/stripe', async (c) => {
    if (!secret) {
      return send(
        c,
        { message: 'Webhooks are not configured (STRIPE_WEBHOOK_SECRET)', field: null, code: 'not-found' },
        404,
      );
    }
    const payload = await c.req.text();
    if (Buffer.byteLength(payload) > MAX_BYTES) {
      return send(c, { message: 'The event is too large', field: 'body', code: 'body-too-large' }, 413);
    }
    let event: Stripe.Event;
    try {
      event = verifier.webhooks.constructEvent(
        payload,
        c.req.header('Stripe-Signature') ?? '',
        secret,
        TOLERANCE_SECONDS,
      );
    } catch (error) {
      return send(
        c,
        {
          message: `The event's signature is not valid: ${(error as Error).message}`,
          field: 'Stripe-Signature',
          code: 'signature-invalid',
        },
        400,
      );
    }
    try {
      const done = await handleEvent(deps, event);
      return send(c, { received: true, type: event.type, result: done });
    } catch (error) {
      console.error(`webhook ${event.id} (${event.type}): ${error instanceof Error ? error.message : String(error)}`);
      return send(
        c,
        { message: 'The event could not be settled now; send it again', field: null, code: 'processor-unavailable' },
        503,
      );
    }
  });

  return app;
}
