import { isJsonObject, parseDecimal } from '../../core/index.ts';
import type { Coupon, CouponInfo } from '../types.ts';
import { Shape, date, money, object, optStr, required, str, type Json } from './wire.ts';

/** `percent_off`: a number more than 0 and at most 100 (12.5 allowed); null for an amount coupon. */
function percentOff(v: unknown, field: string): number | null {
  if (v == null) return null;
  if (typeof v !== 'number') throw new Shape(field);
  const { digits, scale } = parseDecimal(v, field, 'coupon-invalid');
  if (digits <= 0n || digits > 100n * 10n ** BigInt(scale)) throw new Shape(field);
  return v;
}

/**
 * A coupon's terms, as an order (`coupon`) or the public check answers them: the code, either
 * `percent_off` or `amount_off` (a decimal amount of `currency`, read into minor units), the minimum
 * order total in `currency`, and the dates (`{"$date"}`). Terms that are not one coupon (both kinds or
 * neither, an amount without its currency) are refused: core could not price them.
 */
export function couponInfo(v: unknown, field = 'coupon'): CouponInfo {
  const c: Json = object(v, field);
  const at = (key: string) => (field ? `${field}.${key}` : key);
  const currency = optStr(c['currency']);
  const amount = (key: string): number | null => {
    if (c[key] == null) return null;
    if (!currency) throw new Shape(at('currency'));
    return money(c[key], currency, at(key));
  };
  const terms: CouponInfo = {
    code: required(c['code'], at('code')),
    name: str(c['name']),
    percentOff: percentOff(c['percent_off'], at('percent_off')),
    amountOff: amount('amount_off'),
    currency,
    minOrderAmount: amount('min_order_amount'),
    validFrom: date(c['valid_from']),
    redeemBy: date(c['redeem_by']),
  };
  if ((terms.percentOff === null) === (terms.amountOff === null)) throw new Shape(at('percent_off'));
  return terms;
}

/** An order's `coupon`: its terms, or null for none. */
export const orderCoupon = (v: unknown): CouponInfo | null => (isJsonObject(v) ? couponInfo(v) : null);

/** `GET /coupons/:code`: the terms and `valid`. */
export function coupon(v: unknown): Coupon {
  const c = object(v, '');
  if (typeof c['valid'] !== 'boolean') throw new Shape('valid');
  return { ...couponInfo(c, ''), valid: c['valid'] };
}
