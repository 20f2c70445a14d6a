import { isApiError } from '../../api/http.ts';
import { cart } from '../cart.ts';
import { apiClient } from '../client.ts';
import { appliedCoupon, couponProblem, localRefusal, serverRefusal } from './coupon-problem.ts';
import { fail } from './errors.ts';
import { saveSession } from './session.ts';
import { update, type CouponProblem } from './store.ts';
import type { Order } from '../../api/types.ts';

/**
 * Asks the shop for the terms of the code `typed` (`GET /coupons/:code`, the API key alone), then core
 * checks that it applies to this cart (coupon.ts has set `busy`). Applied, it prices the cart's summary
 * and goes with the order; refused, the reason is kept by code for the field to say.
 */
export async function checkCoupon(typed: string): Promise<void> {
  try {
    const found = await apiClient().getCoupon(typed);
    const refused = serverRefusal(found);
    const coupon = appliedCoupon(found);
    const problem = refused
      ? couponProblem(refused, found.code, 'check', coupon)
      : localRefusal(coupon, cart.$summary.get());
    update(problem ? { busy: null, couponProblem: problem } : { busy: null, coupon, couponProblem: null });
    saveSession();
  } catch (error) {
    const unknown = isApiError(error) && error.status === 404;
    update({
      busy: null,
      couponProblem: couponProblem(unknown ? 'coupon-unknown' : 'coupon-unavailable', typed, 'check'),
    });
  }
}

/**
 * Takes the code off the order at the payment step (`PUT /orders/:id {"coupon": null}`; coupon.ts has
 * set `busy`): the new total must be confirmed before anything is charged.
 */
export async function removeOrderCoupon(order: Order, problem: CouponProblem | null): Promise<void> {
  try {
    const updated = await apiClient().updateOrder(order.id, { coupon: null });
    update({
      busy: null,
      order: updated,
      coupon: null,
      couponProblem: problem ? { ...problem, removed: true } : null,
      totalToConfirm: { local: order.totalAmount, server: updated.totalAmount, currency: updated.currency },
    });
    saveSession();
  } catch (error) {
    // Told above the step (not at the card: the card is not at fault); the order keeps its code.
    fail(error, 'order');
  }
}
