import { isTillError } from '../../core/index.ts';
import { isApiError } from '../../api/http.ts';
import { UNEXPECTED, report } from './report.ts';
import type { CheckoutError } from './store.ts';

// The paths that talk to the API (placing an order, paying, resuming) describe their failures here and
// come with it, lazily; the details step reports through report.ts alone.
export { UNEXPECTED, report } from './report.ts';

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

export const fail = (error: unknown, stage: CheckoutError['stage']): void => report(describeError(error, stage));
