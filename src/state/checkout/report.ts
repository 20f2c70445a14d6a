import { isCouponRefusal, refuseCoupon } from './coupon-problem.ts';
import { emit, update, type CheckoutError } from './store.ts';

/** What the customer is told when a failure has no words of its own. */
export const UNEXPECTED = 'Something went wrong. Please try again.';

/**
 * Ends the running action with an error the customer sees, and tells the page. A discount code the
 * server refused is told at the code instead (see `refuseCoupon`): the step did not fail, the code did.
 */
export function report(error: CheckoutError): void {
  const { code } = error;
  if (isCouponRefusal(code)) return refuseCoupon({ ...error, code });
  update({ busy: null, error });
  emit({ type: 'error', error });
}

/** A failure that is no refusal (a defect, a chunk that could not be fetched): logged, and told in general words. */
export function reportUnexpected(error: unknown, stage: CheckoutError['stage']): void {
  console.error(`[tillkit] the checkout failed unexpectedly (${stage})`, error);
  report({ message: UNEXPECTED, stage });
}
