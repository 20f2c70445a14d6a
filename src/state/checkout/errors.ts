import { isTillError } from '../../core/index.ts';
import { isApiError } from '../../api/http.ts';
import { isCouponRefusal, refuseCoupon } from './coupon-problem.ts';
import { emit, update, type CheckoutError } from './store.ts';

/** What the customer is told when a failure has no words of its own. */
export const UNEXPECTED = 'Something went wrong. Please try again.';

/**
 * A failure as the customer sees it: the API's message, a rule's message, or, for anything else (a
 * defect, not a refusal), a general sentence, with the error itself logged for the developer.
 */
export function describeError(error: unknown, stage: CheckoutError['stage']): CheckoutError {
  if (isApiError(error)) {
    // 402 is a card refused: declined when charged, or when saved as a payment method.
    const declined = error.status === 402;
    return { message: error.message, code: error.declineCode ?? error.code ?? error.kind, stage, declined };
  }
  if (isTillError(error)) return { message: error.message, code: error.code, stage };
  console.error(`[tillkit] the checkout failed unexpectedly (${stage})`, error);
  return { message: UNEXPECTED, stage };
}

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

export const fail = (error: unknown, stage: CheckoutError['stage']): void => report(describeError(error, stage));
