import { isApiError } from '../../api/http.ts';
import { apiClient, setCustomerToken } from '../client.ts';
import { $config } from '../config.ts';
import { resumeBooticOrder } from './bootic.ts';
import { signIn } from './builton.ts';
import { fail } from './errors.ts';
import { completeCheckout } from './complete.ts';
import { resumeRedirect } from './redirect.ts';
import { takeStripeReturn, type StripeReturn } from './return-url.ts';
import { forgetSession, restoreSession, saveSession } from './session.ts';
import { $checkout, initialCheckout, update } from './store.ts';

/** The saved pending order is gone (cancelled, deleted): order anew next time. */
function dropPendingOrder(): void {
  update({ busy: null, pendingOrderId: null });
  saveSession();
}

/**
 * Called when a checkout appears: a pending order saved before a reload is picked up where it was
 * instead of ordering again. A paid one shows its confirmation, and the cart lets go of what was paid.
 * Back from a redirect (a bank's page, a payment method that redirects), the payment it interrupted goes
 * on (`locale` is the element's, for Stripe.js), and Stripe's parameters leave the page's address.
 */
export async function resumeCheckout(locale?: string): Promise<void> {
  if (!$config.get().apiUrl) return; // not configured yet: the element asks again when it is
  restoreSession();
  const back = takeStripeReturn() ?? returned;
  returned = null;
  const state = $checkout.get();
  // Bootic: has the order been paid on the shop's checkout since?
  if (state.booticOrder && state.step !== 'complete' && !state.busy) return resumeBooticOrder();
  const id = state.pendingOrderId;
  if (state.busy || state.order || !id || !state.contact.email) {
    if (back && state.busy) returned = back; // asked again once the current action is over
    return;
  }
  update({ busy: 'resume' });
  try {
    // Without a token the saved order can not be read: stay on the details, prefilled.
    if (!(await signIn(state.contact.email))) return update({ busy: null });
    const order = await apiClient().getOrder(id);
    // Paid just before the reload (or while the customer was at the bank): the confirmation.
    if (order.status === 'SUCCESS') return completeCheckout(order, null);
    if (order.status === 'CANCELLED') return dropPendingOrder();
    update({ busy: null, step: 'payment', order });
    if (back) await resumeRedirect(back, order, locale);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return dropPendingOrder();
    fail(error, 'resume');
  }
}

/** Stripe's return parameters read while the checkout was busy, for the next resume. */
let returned: StripeReturn | null = null;

/** Back to the first step (to edit the details), or a fresh start after a completed order. */
export function restartCheckout(): void {
  const { step, contact, busy, restoredFrom, couponProblem } = $checkout.get();
  if (busy) return;
  if (step === 'complete') {
    // A new checkout for the same customer; the session's copy has been read already.
    update({ ...initialCheckout, restoredFrom, contact: { ...contact, note: '' } });
  } else {
    // Bootic: the unpaid order stays in the shop; the details and the cart as they are make the next.
    // A code refused at payment and taken off the order is done with; one refused and still on the
    // order is told at the field, and comes off the order when the details are sent again.
    update({
      step: 'details',
      error: null,
      totalToConfirm: null,
      booticOrder: null,
      ...(couponProblem?.removed ? { couponProblem: null } : {}),
    });
  }
  saveSession();
}

/** Forgets the checkout in progress and its saved copy (a sign-out, say); the cart stays. */
export function resetCheckout(): void {
  setCustomerToken(null);
  update(initialCheckout);
  forgetSession();
}
