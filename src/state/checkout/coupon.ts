import { couponProblem } from './coupon-problem.ts';
import { loadOrdering } from './lazy.ts';
import { reportUnexpected } from './report.ts';
import { saveSession } from './session.ts';
import { $checkout, update } from './store.ts';

/** What a code can be (as the server takes them): 1 to 64 letters, digits, `-` and `_`. */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The customer asks for a discount code (details step): the shop is asked for its terms (`GET
 * /coupons/:code`, the API key alone), then core checks that it applies to this cart. Applied, it
 * prices the cart's summary and goes with the order; refused, the reason is kept by code (unknown,
 * not yet valid, expired, used up; below the minimum, another currency), for the field to say.
 */
export async function applyCouponCode(text: string): Promise<void> {
  const { busy, step } = $checkout.get();
  if (busy || step !== 'details') return;
  const typed = text.trim();
  if (!typed) return update({ couponProblem: couponProblem('coupon-required', '', 'check') });
  // Anything else can be no code of the shop's: no need to ask.
  if (!CODE.test(typed)) return update({ couponProblem: couponProblem('coupon-unknown', typed, 'check') });
  update({ busy: 'coupon', couponProblem: null, error: null });
  // The shop is asked with the ordering code (see lazy.ts); not fetched, the shop could not be asked.
  const ordering = await loadOrdering().catch(() => null);
  if (ordering) return ordering.checkCoupon(typed);
  update({ busy: null, couponProblem: couponProblem('coupon-unavailable', typed, 'check') });
}

/**
 * The customer takes the code off. Before the payment step it is simply dropped (the order, if one
 * was made before, loses it when the details are sent again). At the payment step, where the order
 * carries it (the shop refused it when paying: its last redemption went to another order), it comes
 * off the order (`PUT /orders/:id {"coupon": null}`), and the new total must be confirmed before
 * anything is charged.
 */
export async function removeCoupon(): Promise<void> {
  const { busy, step, order, couponProblem: problem } = $checkout.get();
  if (busy) return;
  if (step !== 'payment' || !order?.coupon) {
    update({ coupon: null, couponProblem: null });
    saveSession();
    return;
  }
  update({ busy: 'coupon', error: null });
  const ordering = await loadOrdering().catch((error: unknown) => reportUnexpected(error, 'order'));
  if (ordering) await ordering.removeOrderCoupon(order, problem);
}
