import { isApiError } from '../../api/http.ts';
import { apiClient } from '../client.ts';
import { signIn } from './builton.ts';
import { completeCheckout } from './complete.ts';
import { fail } from './errors.ts';
import { loadPaymentPath } from './lazy.ts';
import type { StripeReturn } from './return-url.ts';
import { saveSession } from './session.ts';
import { update } from './store.ts';

/** The saved pending order is gone (cancelled, deleted): order anew next time. */
function dropPendingOrder(): void {
  update({ busy: null, pendingOrderId: null });
  saveSession();
}

/**
 * Takes up the pending order `id` of `email` (resume.ts has set `busy`): paid, its confirmation;
 * cancelled or gone, the details again; else the payment step, and back from a redirect, the payment
 * it interrupted goes on. The payment path is fetched beside the order, so the checkout goes from
 * resuming to paying in one step.
 */
export async function resumeOrder(
  id: string,
  email: string,
  back: StripeReturn | null,
  locale: string | undefined,
): Promise<void> {
  const paymentPath = back ? loadPaymentPath() : null;
  paymentPath?.catch(() => undefined); // told below if it is needed and failed
  try {
    // Without a token the saved order can not be read: stay on the details, prefilled.
    if (!(await signIn(email))) return update({ busy: null });
    const order = await apiClient().getOrder(id);
    // Paid just before the reload (or while the customer was at the bank): the confirmation.
    if (order.status === 'SUCCESS') return completeCheckout(order, null);
    if (order.status === 'CANCELLED') return dropPendingOrder();
    const path = await paymentPath;
    update({ busy: null, step: 'payment', order });
    if (back && path) await path.resumeRedirect(back, order, locale);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return dropPendingOrder();
    fail(error, 'resume');
  }
}
