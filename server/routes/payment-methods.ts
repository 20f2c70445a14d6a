import { Hono } from 'hono';
import { requireUserOrAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { objectId } from '../http/ids.ts';
import { date, oid, type Json } from '../http/json.ts';
import { idValue, reqString } from '../http/validate.ts';
import { userById, userForToken, type UserRow } from '../model/users.ts';
import { PaymentMethodError, type CardDetails } from '../payments/processor.ts';

export interface PaymentMethodRow {
  readonly id: string;
  readonly company_id: string;
  readonly user_id: string;
  readonly method: string;
  readonly processor: string;
  readonly token: string;
  readonly customer_id: string;
  readonly card: CardDetails;
  readonly deleted: boolean;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** Seed 000's payment method object. */
export const paymentMethodJson = (row: PaymentMethodRow): Json => ({
  _id: oid(row.id),
  company: oid(row.company_id),
  user: oid(row.user_id),
  method: row.method,
  name: 'Stripe',
  customer_id: row.customer_id,
  token: row.token,
  card: row.card as unknown as Json,
  deleted: row.deleted,
  created: date(row.created),
  modified: date(row.modified),
});

/** The user an order/payment call acts for: the token's user, or the `user` an admin names. */
export async function actingUser(c: AppContext, db: Queryable, now: number, userField: unknown): Promise<UserRow> {
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
    let attached;
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
    const at = now();
    const row = await db.transaction(async (tx) => {
      if (attached.customerId !== user.stripe_customer_id) {
        await tx.query(`UPDATE users SET stripe_customer_id = $2, modified = $3 WHERE id = $1`, [
          user.id,
          attached.customerId,
          at,
        ]);
      }
      const [inserted] = await tx.query<PaymentMethodRow>(
        `INSERT INTO payment_methods (id, company_id, user_id, method, processor, token, customer_id, card, created, modified)
         VALUES ($1, $2, $3, 'stripe', $4, $5, $6, $7::jsonb, $8, $8) RETURNING *`,
        [
          objectId(at),
          user.company_id,
          user.id,
          processor.name,
          token,
          attached.customerId,
          JSON.stringify(attached.card),
          at,
        ],
      );
      return inserted!;
    });
    return send(c, paymentMethodJson(row));
  });

  app.get('/', async (c) => {
    const caller = c.get('caller');
    requireUserOrAdmin(caller);
    const company = c.get('company');
    let rows: PaymentMethodRow[];
    if (caller.kind === 'admin') {
      const user = c.req.query('user');
      rows = await db.query<PaymentMethodRow>(
        `SELECT * FROM payment_methods WHERE company_id = $1 AND NOT deleted ${user ? 'AND user_id = $2' : ''} ORDER BY created, id`,
        user ? [company, user] : [company],
      );
    } else {
      rows = await db.query<PaymentMethodRow>(
        `SELECT pm.* FROM payment_methods pm JOIN users u ON u.id = pm.user_id
          WHERE pm.company_id = $1 AND u.sub = $2 AND NOT pm.deleted ORDER BY pm.created, pm.id`,
        [company, caller.sub],
      );
    }
    return send(c, rows.map(paymentMethodJson), 200, { 'X-Total-Count': String(rows.length) });
  });

  return app;
}
