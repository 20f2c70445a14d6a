import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { idValue, reqString } from '../http/validate.ts';
import { paymentMethodJson } from '../model/payment-json.ts';
import { insertPaymentMethod, listPaymentMethods } from '../model/payment-methods.ts';
import { userById, userForToken, type UserRow } from '../model/users.ts';
import { PaymentMethodError, type AttachResult } from '../payments/processor.ts';

/** The user a payment method is for: the token's user, or the `user` an admin names. */
async function actingUser(c: AppContext, db: Queryable, now: number, userField: unknown): Promise<UserRow> {
  const caller = c.get('caller');
  requireUserOrAdmin(caller);
  if (caller.kind === 'admin') return userById(db, c.get('company'), idValue(userField));
  return userForToken(db, c.get('company'), caller.sub, caller.email, now);
}

export function paymentMethodRoutes({ db, processor, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const body = jsonBody(c);
    if (body.payment_method !== 'stripe') {
      throw badRequest('payment-method-invalid', 'payment_method must be "stripe"', 'payment_method');
    }
    const token = reqString(body, 'token', 255);
    const user = await actingUser(c, db, now(), body.user);
    let attached: AttachResult;
    try {
      attached = await processor.attach({
        token,
        customerId: user.stripe_customer_id,
        email: user.email,
        userId: user.id,
      });
    } catch (error) {
      if (error instanceof PaymentMethodError) {
        throw new HttpError(
          error.status,
          error.code,
          error.message,
          'token',
          error.declineCode ? { decline_code: error.declineCode } : {},
        );
      }
      console.error(`payment processor: attach failed: ${error instanceof Error ? error.message : String(error)}`);
      throw new HttpError(
        502,
        'processor-unavailable',
        'The payment processor could not be reached; try again',
        'token',
      );
    }
    const row = await insertPaymentMethod(db, user, processor.name, token, attached, now());
    return send(c, paymentMethodJson(row));
  });

  app.get('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const rows = await listPaymentMethods(
      db,
      c.get('company'),
      caller.kind === 'admin' ? { userId: c.req.query('user') } : { sub: caller.sub },
    );
    return send(c, rows.map(paymentMethodJson), 200, { 'X-Total-Count': String(rows.length) });
  });

  return app;
}
