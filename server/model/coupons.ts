import { applyCoupon, type CouponTerms, type DiscountedTotals, type OrderSummary } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { pagedQuery } from '../db/paged.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { isObjectId } from '../http/ids.ts';
import type { OrderRow } from './orders.ts';

/** A coupon as stored: Stripe's coupon vocabulary, amounts in minor units of `currency`, times in ms. */
export interface CouponRow {
  readonly id: string;
  readonly company_id: string;
  readonly code: string;
  readonly code_key: string;
  readonly name: string | null;
  /** Exact decimal text, e.g. "12.5". */
  readonly percent_off: string | null;
  readonly amount_off: number | null;
  readonly currency: string | null;
  readonly min_order_amount: number | null;
  readonly valid_from: number | null;
  readonly redeem_by: number | null;
  readonly max_redemptions: number | null;
  readonly times_redeemed: number;
  readonly active: boolean;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** The terms an order was priced with, kept on the order: later changes to the coupon do not reprice it. */
export type CouponSnapshot = Pick<
  CouponRow,
  'id' | 'code' | 'name' | 'percent_off' | 'amount_off' | 'currency' | 'min_order_amount' | 'valid_from' | 'redeem_by'
>;

export const snapshotOf = (row: CouponRow): CouponSnapshot => ({
  id: row.id,
  code: row.code,
  name: row.name,
  percent_off: row.percent_off,
  amount_off: row.amount_off,
  currency: row.currency,
  min_order_amount: row.min_order_amount,
  valid_from: row.valid_from,
  redeem_by: row.redeem_by,
});

/** A coupon's terms as core prices them. */
export const termsOf = (c: CouponSnapshot): CouponTerms => ({
  percentOff: c.percent_off,
  amountOff: c.amount_off,
  currency: c.currency,
  minOrderAmount: c.min_order_amount,
});

/**
 * An order's totals: Σ `final_price` less what its coupon takes off, by core's `applyCoupon` (the
 * VAT scaled with the total), so the cart, the order and Button's report show one figure. Throws
 * core's `coupon-minimum` or `coupon-currency` when the coupon does not apply to these items. A paid
 * order being returned keeps its coupon whatever its new total (`keepMinimum: false`): the coupon was
 * redeemed when it was paid.
 */
export function orderTotals(
  summary: Pick<OrderSummary, 'total' | 'vat' | 'currency'>,
  coupon: CouponSnapshot | null,
  keepMinimum = true,
): DiscountedTotals {
  if (!coupon) return applyCoupon(summary, null);
  const terms = termsOf(coupon);
  return applyCoupon(summary, keepMinimum ? terms : { ...terms, minOrderAmount: null });
}

/** The stored columns of an order priced by `orderTotals`. */
export const totalsColumns = (totals: DiscountedTotals) => ({
  total_amount: totals.total,
  total_vat: totals.vat,
  discount_amount: totals.discount,
});

const refusal = (status: 400 | 409, code: string, message: string) => new HttpError(status, code, message, 'coupon');

/**
 * Why the coupon can not be redeemed at `at` (retired, not yet or no longer valid, used up), as the
 * 400 an order gets (409 when a payment finds it, since the order was accepted with it), or undefined.
 * `held` counts redemptions in flight (orders being paid with it) besides those counted.
 */
export function redeemRefusal(row: CouponRow, at: number, held = 0, status: 400 | 409 = 400): HttpError | undefined {
  if (!row.active) return refusal(status, 'coupon-retired', `The code ${row.code} is no longer offered`);
  if (row.valid_from !== null && at < row.valid_from)
    return refusal(status, 'coupon-not-yet-valid', `The code ${row.code} is not valid yet`);
  if (row.redeem_by !== null && at > row.redeem_by)
    return refusal(status, 'coupon-expired', `The code ${row.code} has expired`);
  if (row.max_redemptions !== null && row.times_redeemed + held >= row.max_redemptions)
    return refusal(status, 'coupon-exhausted', `The code ${row.code} has been used up`);
  return undefined;
}

/** A coupon of the company by id, or by code (case-insensitively); retired ones too. */
export async function findCoupon(db: Queryable, company: string, ref: string): Promise<CouponRow | undefined> {
  const [row] = await db.query<CouponRow>(
    `SELECT * FROM coupons WHERE company_id = $1 AND (code_key = upper($2) ${isObjectId(ref) ? 'OR id = $2' : ''})
      ORDER BY (id = $2) DESC LIMIT 1`,
    [company, ref],
  );
  return row;
}

/**
 * The coupon an order names (`coupon`: its id or code), checked for a new redemption: 400
 * `coupon-unknown` (no such code, or retired), `coupon-not-yet-valid`, `coupon-expired`,
 * `coupon-exhausted`. Whether it applies to the order's total and currency is `orderTotals`' call.
 */
export async function couponForOrder(db: Queryable, company: string, ref: string, at: number): Promise<CouponRow> {
  const row = await findCoupon(db, company, ref);
  if (!row || !row.active) throw badRequest('coupon-unknown', `There is no code ${JSON.stringify(ref)}`, 'coupon');
  const refused = redeemRefusal(row, at);
  if (refused) throw refused;
  return row;
}

/**
 * Step 1 of a payment (the claim), for the orders about to be charged, in the claim's transaction and
 * before they become PROCESSING: locks each coupon they carry (in id order, after the orders), and
 * refuses (409, nothing charged, the orders still payable) when one was retired, is outside its
 * validity, or has no redemption left for them. A redemption left counts those already counted and
 * those in flight (other orders with the coupon being paid now): so when two customers race for the
 * last one, the second claim waits for the first's lock, sees its order PROCESSING, and is refused.
 * A declined or failed charge leaves PROCESSING and so gives its redemption back.
 */
export async function holdCoupons(tx: Queryable, orders: readonly OrderRow[], at: number): Promise<void> {
  const wanted = new Map<string, OrderRow[]>();
  for (const order of orders) {
    if (order.coupon_id) wanted.set(order.coupon_id, [...(wanted.get(order.coupon_id) ?? []), order]);
  }
  for (const id of [...wanted.keys()].sort()) {
    const mine = wanted.get(id)!;
    const [row] = await tx.query<CouponRow>(`SELECT * FROM coupons WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) continue;
    const [inFlight] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE coupon_id = $1 AND order_status = 'PROCESSING'
         AND id NOT IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [id, JSON.stringify(mine.map((o) => o.id))],
    );
    const refused = redeemRefusal(row, at, (inFlight?.n ?? 0) + mine.length - 1, 409);
    if (refused) {
      throw new HttpError(
        409,
        refused.code,
        `${refused.message}: order ${mine.map((o) => o.human_id).join(', ')} can be paid without it (PUT /orders/:id {"coupon": null})`,
        'coupon',
      );
    }
  }
}

/**
 * Step 3 of a payment, on success, in the recording transaction: counts one redemption per paid order
 * that carries a coupon, once (a second recording of the same order counts nothing). The claim held
 * the redemption, so none is refused here: the money has been taken at the discounted price.
 * Returns how many were counted.
 */
export async function redeemCoupons(
  tx: Queryable,
  paidOrders: readonly OrderRow[],
  paymentId: string,
  at: number,
): Promise<number> {
  let counted = 0;
  for (const order of paidOrders) {
    if (!order.coupon_id) continue;
    const inserted = await tx.query(
      `INSERT INTO coupon_redemptions (order_id, coupon_id, payment_id, created) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [order.id, order.coupon_id, paymentId, at],
    );
    if (inserted.length === 0) continue;
    await tx.query(`UPDATE coupons SET times_redeemed = times_redeemed + 1, modified = $2 WHERE id = $1`, [
      order.coupon_id,
      at,
    ]);
    counted++;
  }
  return counted;
}

/** A page of the company's coupons, newest first; `active` narrows to offered or retired ones. */
export function listCoupons(
  db: Queryable,
  company: string,
  filter: { readonly active: boolean | undefined },
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: CouponRow[]; total: number }> {
  const q = new Params();
  const where = [`company_id = ${q.add(company)}`];
  if (filter.active !== undefined) where.push(`active = ${q.add(filter.active)}`);
  return pagedQuery<CouponRow>(
    db,
    q,
    { select: '*', from: 'coupons', where: where.join(' AND '), orderBy: 'created DESC, id DESC' },
    page,
  );
}

/** The columns a create or an update writes (validated by the route's reader). */
export type CouponColumns = {
  -readonly [
    K in
      | 'code'
      | 'name'
      | 'percent_off'
      | 'amount_off'
      | 'currency'
      | 'min_order_amount'
      | 'valid_from'
      | 'redeem_by'
      | 'max_redemptions'
      | 'active'
  ]?: CouponRow[K];
};

const codeTaken = (code: string) =>
  new HttpError(409, 'coupon-code-taken', `There already is a coupon with the code ${code}`, 'code');

/** Stores a new coupon; 409 when its code (case-insensitively) is taken. */
export async function insertCoupon(
  db: Queryable,
  company: string,
  id: string,
  columns: CouponColumns & { code: string },
  at: number,
): Promise<CouponRow> {
  const all: Record<string, unknown> = { ...columns, id, company_id: company, code_key: columns.code.toUpperCase() };
  const q = new Params();
  const values = Object.values({ ...all, created: at, modified: at }).map((v) => q.add(v));
  const [row] = await db.query<CouponRow>(
    `INSERT INTO coupons (${[...Object.keys(all), 'created', 'modified'].join(', ')}) VALUES (${values.join(', ')})
     ON CONFLICT (company_id, code_key) DO NOTHING RETURNING *`,
    q.values,
  );
  if (!row) throw codeTaken(columns.code);
  return row;
}

/** Applies a validated update under the coupon's row lock; `check` sees the row first (may throw). */
export function updateCoupon(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  company: string,
  id: string,
  columns: CouponColumns,
  at: number,
  check: (current: CouponRow) => void,
): Promise<CouponRow | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.query<CouponRow>(`SELECT * FROM coupons WHERE company_id = $1 AND id = $2 FOR UPDATE`, [
      company,
      id,
    ]);
    if (!current) return undefined;
    check(current);
    const q = new Params();
    const sets = Object.entries(columns).map(([column, value]) => `${column} = ${q.add(value)}`);
    const [row] = await tx.query<CouponRow>(
      `UPDATE coupons SET ${[...sets, `modified = ${q.add(at)}`].join(', ')} WHERE id = ${q.add(id)} RETURNING *`,
      q.values,
    );
    return row;
  });
}
