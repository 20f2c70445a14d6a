import { money, optionalDate, oid, date, rate, type Json } from '../http/json.ts';
import type { CouponRow, CouponSnapshot } from './coupons.ts';

const amount = (value: number | null, currency: string | null) =>
  value === null || currency === null ? null : money(value, currency);

/** A coupon's terms as answered: amounts as decimals of its currency (`5.00`), times as `{"$date"}`. */
export function termsJson(c: CouponSnapshot): Json {
  return {
    code: c.code,
    name: c.name,
    percent_off: c.percent_off === null ? null : rate(c.percent_off),
    amount_off: amount(c.amount_off, c.currency),
    currency: c.currency,
    min_order_amount: amount(c.min_order_amount, c.currency),
    valid_from: optionalDate(c.valid_from),
    redeem_by: optionalDate(c.redeem_by),
  };
}

/**
 * A coupon for an admin: its terms, id, counts and state (`active`: offered; a retired coupon is
 * `active: false, deleted: true`); for anyone else (`GET /coupons/:code` with the API key), the terms
 * and `valid`: whether a new order could use it at this moment.
 */
export function couponJson(row: CouponRow, view: 'admin' | { valid: boolean }): Json {
  const terms = termsJson(row) as Record<string, Json>;
  if (view !== 'admin') return { ...terms, valid: view.valid };
  return {
    _id: oid(row.id),
    ...terms,
    max_redemptions: row.max_redemptions,
    times_redeemed: row.times_redeemed,
    active: row.active,
    deleted: !row.active,
    created: date(row.created),
    modified: date(row.modified),
  };
}
