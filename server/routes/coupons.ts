import { Hono } from 'hono';
import { requireAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { isObjectId, objectId } from '../http/ids.ts';
import { paging, queryBool } from '../http/validate.ts';
import { couponJson } from '../model/coupon-json.ts';
import {
  findCoupon,
  insertCoupon,
  listCoupons,
  redeemRefusal,
  updateCoupon,
  type CouponColumns,
  type CouponRow,
} from '../model/coupons.ts';
import { couponInput } from './coupon-input.ts';

/**
 * `/coupons`: an admin creates, lists, updates and retires discount codes (Stripe's coupon vocabulary);
 * anyone with the API key checks a code before ordering (`GET /coupons/:code`: its public terms and
 * whether it can be used now, or 404 for an unknown or retired code).
 */
export function couponRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    requireAdmin(c.get('caller'));
    const query = (name: string) => c.req.query(name);
    const active = query('active') === undefined ? undefined : queryBool(query, 'active');
    const { rows, total } = await listCoupons(db, c.get('company'), { active }, paging(query));
    return send(
      c,
      rows.map((r) => couponJson(r, 'admin')),
      200,
      { 'X-Total-Count': String(total) },
    );
  });

  app.post('/', async (c) => {
    requireAdmin(c.get('caller'));
    const columns = couponInput(jsonBody(c)) as CouponColumns & { code: string };
    const at = now();
    return send(c, couponJson(await insertCoupon(db, c.get('company'), objectId(at), columns, at), 'admin'));
  });

  app.get('/:ref', async (c) => {
    const ref = c.req.param('ref');
    if (ref.length > 64) throw notFound('Coupon');
    const row = await findCoupon(db, c.get('company'), ref);
    if (c.get('caller').kind === 'admin') {
      if (!row) throw notFound('Coupon');
      return send(c, couponJson(row, 'admin'));
    }
    // The public check is by code; a retired code is as unknown as one never made.
    if (!row || !row.active || row.code_key !== ref.toUpperCase()) throw notFound('Coupon');
    return send(c, couponJson(row, { valid: redeemRefusal(row, now()) === undefined }));
  });

  async function update(c: AppContext, columns: CouponColumns): Promise<Response> {
    const id = c.req.param('id') ?? '';
    if (!isObjectId(id)) throw notFound('Coupon');
    const row = await updateCoupon(db, c.get('company'), id, columns, now(), (current: CouponRow) => {
      const max = columns.max_redemptions;
      if (max !== undefined && max !== null && max < current.times_redeemed) {
        throw badRequest(
          'coupon-invalid',
          `max_redemptions can not be below the ${current.times_redeemed} redemptions made`,
          'max_redemptions',
        );
      }
    });
    if (!row) throw notFound('Coupon');
    return send(c, couponJson(row, 'admin'));
  }

  app.put('/:id', async (c) => {
    requireAdmin(c.get('caller'));
    return update(c, couponInput(jsonBody(c), await currentOr404(c)));
  });

  /** Retires a coupon: new orders refuse it, unpaid orders carrying it can not be paid with it. Kept for history. */
  app.delete('/:id', async (c) => {
    requireAdmin(c.get('caller'));
    return update(c, { active: false });
  });

  async function currentOr404(c: AppContext): Promise<CouponRow> {
    const id = c.req.param('id') ?? '';
    const row = isObjectId(id) ? await findCoupon(db, c.get('company'), id) : undefined;
    if (!row || row.id !== id) throw notFound('Coupon');
    return row;
  }

  return app;
}
