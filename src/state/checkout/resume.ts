import { setCustomerToken } from '../client.ts';
import { $config } from '../config.ts';
import { loadBootic, loadOrdering } from './lazy.ts';
import { reportUnexpected } from './report.ts';
import { takeStripeReturn, type StripeReturn } from './return-url.ts';
import { forgetSession, restoreSession, saveSession } from './session.ts';
import { $checkout, initialCheckout, update } from './store.ts';

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
  if (state.booticOrder && state.step !== 'complete' && !state.busy) {
    update({ busy: 'resume' });
    return (await loadBootic().catch(failed))?.resumeBooticOrder();
  }
  const id = state.pendingOrderId;
  if (state.busy || state.order || !id || !state.contact.email) {
    if (back && state.busy) returned = back; // asked again once the current action is over
    return;
  }
  // Busy before the code that reads the order arrives (see ordering.ts).
  update({ busy: 'resume' });
  await (await loadOrdering().catch(failed))?.resumeOrder(id, state.contact.email, back, locale);
}

/** The code a resume needs could not be fetched: said as a failure to resume, the checkout as it was. */
function failed(error: unknown): null {
  reportUnexpected(error, 'resume');
  return null;
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
