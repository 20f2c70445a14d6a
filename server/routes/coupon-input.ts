import { assertPrice, formatDecimal, isCurrencyCode, parseDecimal, toMinor } from 'tillkit/core';
import { badRequest } from '../http/errors.ts';
import { optBool, optString, optTimestamp, type Body } from '../http/validate.ts';
import type { CouponColumns, CouponRow } from '../model/coupons.ts';

/** A code customers type: 1 to 64 letters, digits, `-` and `_` (matched case-insensitively). */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/** `percent_off`: more than 0, at most 100, at most 6 decimals (12.5), as exact text. */
function percentText(value: unknown): string {
  if (typeof value !== 'number') throw badRequest('type-invalid', 'percent_off must be a number', 'percent_off');
  const { digits, scale } = parseDecimal(value, 'percent_off', 'coupon-invalid');
  if (digits <= 0n || digits > 100n * 10n ** BigInt(scale) || scale > 6) {
    throw badRequest('coupon-invalid', 'percent_off must be more than 0 and at most 100', 'percent_off');
  }
  return formatDecimal(digits, scale);
}

/** A decimal amount on the wire (`5.00`, JPY `500`, KWD `1.500`) as minor units of `currency`. */
function amount(value: unknown, currency: string, field: string, min: number): number {
  if (typeof value !== 'number') throw badRequest('type-invalid', `${field} must be a number`, field);
  const minor = toMinor(value, currency, field);
  assertPrice(minor, field);
  if (minor < min) throw badRequest('coupon-invalid', `${field} must be more than 0`, field);
  return minor;
}

function maxRedemptions(body: Body): number | null | undefined {
  const value = body.max_redemptions;
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 2_000_000_000) {
    throw badRequest('type-invalid', 'max_redemptions must be a whole number from 1', 'max_redemptions');
  }
  return value;
}

/**
 * A coupon body, in Stripe's vocabulary. On create (`current` undefined): `code`, and `percent_off` or
 * `amount_off` with its `currency`; `min_order_amount` (also in `currency`), `valid_from`, `redeem_by`
 * (epoch ms), `max_redemptions`, `name`. An update may change all but the discount itself (`code`,
 * `percent_off`, `amount_off`, `currency`: as in Stripe, a new discount is a new coupon), and `active`.
 */
export function couponInput(body: Body, current?: CouponRow): CouponColumns {
  const out: CouponColumns = {};
  if (current) {
    for (const key of ['code', 'percent_off', 'amount_off', 'currency'] as const) {
      if (body[key] !== undefined)
        throw badRequest('coupon-readonly', `${key} can not change: retire this coupon and create another`, key);
    }
  } else {
    const code = body.code;
    if (typeof code !== 'string' || !CODE.test(code)) {
      throw badRequest('coupon-invalid', 'code must be 1 to 64 letters, digits, - or _', 'code');
    }
    out.code = code;
    const hasPercent = body.percent_off !== undefined && body.percent_off !== null;
    const hasAmount = body.amount_off !== undefined && body.amount_off !== null;
    if (hasPercent === hasAmount) {
      throw badRequest('coupon-invalid', 'Give either percent_off or amount_off (with its currency)', 'percent_off');
    }
    if (body.currency !== undefined && body.currency !== null) {
      if (!isCurrencyCode(body.currency))
        throw badRequest('currency-unknown', 'currency must be an ISO 4217 code', 'currency');
      out.currency = body.currency;
    }
    if (hasPercent) out.percent_off = percentText(body.percent_off);
    else {
      if (!out.currency) throw badRequest('required', 'amount_off needs its currency', 'currency');
      out.amount_off = amount(body.amount_off, out.currency, 'amount_off', 1);
    }
  }
  const currency = out.currency ?? current?.currency ?? null;
  if (body.min_order_amount === null) out.min_order_amount = null;
  else if (body.min_order_amount !== undefined) {
    if (!currency) throw badRequest('required', 'min_order_amount needs the coupon’s currency', 'currency');
    out.min_order_amount = amount(body.min_order_amount, currency, 'min_order_amount', 0);
  }
  for (const key of ['valid_from', 'redeem_by'] as const) {
    const value = optTimestamp(body, key);
    if (value !== undefined) out[key] = value;
  }
  const from = out.valid_from !== undefined ? out.valid_from : (current?.valid_from ?? null);
  const by = out.redeem_by !== undefined ? out.redeem_by : (current?.redeem_by ?? null);
  if (from !== null && by !== null && by < from) {
    throw badRequest('coupon-invalid', 'redeem_by must not be before valid_from', 'redeem_by');
  }
  const max = maxRedemptions(body);
  if (max !== undefined) out.max_redemptions = max;
  const name = optString(body, 'name', 200);
  if (name !== undefined) out.name = name;
  if (current) {
    const active = optBool(body, 'active');
    if (active !== undefined) out.active = active;
  }
  return out;
}
