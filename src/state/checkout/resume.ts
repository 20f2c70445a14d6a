import { isApiError } from '../../api/http.ts';
import { cart } from '../cart.ts';
import { apiClient, setCustomerToken } from '../client.ts';
import { $config } from '../config.ts';
import { resumeBooticOrder } from './bootic.ts';
import { signIn } from './builton.ts';
import { fail } from './errors.ts';
import { completeCheckout } from './pay.ts';
import { forgetSession, restoreSession, saveSession } from './session.ts';
import { $checkout, initialCheckout, update } from './store.ts';

/** The saved pending order is gone (cancelled, deleted): order anew next time. */
function dropPendingOrder(): void {
  update({ busy: null, pendingOrderId: null });
  saveSession();
}

/**
 * Called when a checkout appears: a pending order saved before a reload is picked up where it was
 * instead of ordering again. A paid one shows its confirmation.
 */
export async function resumeCheckout(): Promise<void> {
  if (!$config.get().apiUrl) return; // not configured yet: the element asks again when it is
  restoreSession();
  const state = $checkout.get();
  // Bootic: has the order been paid on the shop's checkout since?
  if (state.booticOrder && state.step !== 'complete' && !state.busy) return resumeBooticOrder();
  const id = state.pendingOrderId;
  if (state.busy || state.order || !id || !state.contact.email) return;
  update({ busy: 'resume' });
  try {
    // Without a token the saved order can not be read: stay on the details, prefilled.
    if (!(await signIn(state.contact.email))) return update({ busy: null });
    const order = await apiClient().getOrder(id);
    if (order.status === 'SUCCESS') {
      // Paid just before the reload: the cart may still hold what was paid.
      const paid = new Set(order.items.map((i) => i.productId));
      for (const line of cart.$lines.get()) if (paid.has(line.productId)) cart.remove(line.key);
      return completeCheckout(order, null);
    }
    if (order.status === 'CANCELLED') return dropPendingOrder();
    update({ busy: null, step: 'payment', order });
  } catch (error) {
    if (isApiError(error) && error.status === 404) return dropPendingOrder();
    fail(error, 'resume');
  }
}

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
