import { couponRefusal, type OrderSummary } from '../../core/index.ts';
import type { Coupon, CouponInfo } from '../../api/types.ts';
import { saveSession } from './session.ts';
import {
  $checkout,
  emit,
  update,
  type AppliedCoupon,
  type CheckoutError,
  type CouponProblem,
  type CouponRefusalCode,
} from './store.ts';

/** The refusals the server names by code (`coupon-…`), which the checkout tells at the code. */
const SERVER_REFUSALS: ReadonlySet<string> = new Set<CouponRefusalCode>([
  'coupon-unknown',
  'coupon-not-yet-valid',
  'coupon-expired',
  'coupon-exhausted',
  'coupon-retired',
  'coupon-minimum',
  'coupon-currency',
]);

export const isCouponRefusal = (code: string | undefined): code is CouponRefusalCode =>
  code !== undefined && SERVER_REFUSALS.has(code);

/** The terms the checkout keeps of a code the shop answered (what core prices with, the code and its name). */
export const appliedCoupon = (c: CouponInfo): AppliedCoupon => ({
  code: c.code,
  name: c.name,
  percentOff: c.percentOff,
  amountOff: c.amountOff,
  currency: c.currency,
  minOrderAmount: c.minOrderAmount,
});

/** A refusal about `coupon` (its code and, when known, its terms for the minimum and currency). */
export const couponProblem = (
  code: CouponRefusalCode,
  coupon: string,
  stage: CouponProblem['stage'],
  terms?: Pick<AppliedCoupon, 'minOrderAmount' | 'currency'> | null,
): CouponProblem => ({
  code,
  coupon,
  stage,
  ...(code === 'coupon-minimum' ? { minimum: terms?.minOrderAmount ?? undefined } : {}),
  ...(code === 'coupon-minimum' || code === 'coupon-currency' ? { currency: terms?.currency } : {}),
});

/**
 * Why the shop says a code can not be used now (`valid: false`): its dates tell whether it is not
 * valid yet or expired; within them, it has no redemption left.
 */
export function serverRefusal(coupon: Coupon, now = Date.now()): CouponRefusalCode | null {
  if (coupon.valid) return null;
  if (coupon.validFrom && now < coupon.validFrom.getTime()) return 'coupon-not-yet-valid';
  if (coupon.redeemBy && now > coupon.redeemBy.getTime()) return 'coupon-expired';
  return 'coupon-exhausted';
}

/**
 * Why core would not apply the code to this cart (below its minimum, another currency), as the server
 * would refuse it; null when it applies. An empty cart (no currency) takes no code.
 */
export function localRefusal(
  coupon: AppliedCoupon,
  summary: Pick<OrderSummary, 'total' | 'currency'>,
  stage: CouponProblem['stage'] = 'check',
): CouponProblem | null {
  const refusal = couponRefusal(coupon, summary.total, summary.currency ?? '');
  return refusal ? couponProblem(refusal, coupon.code, stage, coupon) : null;
}

/** The applied code when it applies to this cart (what the order is sent with), else null. */
export function couponFor(
  coupon: AppliedCoupon | null,
  summary: Pick<OrderSummary, 'total' | 'currency'>,
): AppliedCoupon | null {
  return coupon && summary.currency && !localRefusal(coupon, summary) ? coupon : null;
}

/**
 * The server refused the order's code while ordering or paying (expired since it was checked, or
 * its last redemption taken by another order at the payment's claim): that is told at the code, not
 * as a failure of the step, and the code is dropped, since it can not be used. The order keeps it
 * until the customer goes on without it (`removeCoupon`); nothing was charged. The page still gets
 * the error event.
 */
export function refuseCoupon(error: CheckoutError & { readonly code: CouponRefusalCode }): void {
  const { coupon, order } = $checkout.get();
  const terms = coupon ?? order?.coupon ?? null;
  const stage = error.stage === 'payment' ? 'payment' : 'order';
  update({
    busy: null,
    error: null,
    coupon: null,
    couponProblem: couponProblem(error.code, terms?.code ?? '', stage, terms),
  });
  saveSession();
  emit({ type: 'error', error });
}
