import { applyCoupon } from '../../core/index.ts';
import { uuid } from '../../api/http.ts';
import type { PaymentMethod } from '../../api/types.ts';
import type { CardError, CardProvider, TokenResult } from '../../payments/provider.ts';
import { cart } from '../cart.ts';
import { apiClient } from '../client.ts';
import { charge } from './charge.ts';
import { couponFor } from './coupon-problem.ts';
import { fail, report } from './errors.ts';
import { holdsSameItems, orderItems } from './lines.ts';
import { saveCard } from './save-card.ts';
import { saveSession } from './session.ts';
import { $checkout, update } from './store.ts';

export { completeCheckout } from './complete.ts';

const CARD_UNREADABLE: TokenResult = { error: { message: 'The card could not be read. Please try again.' } };

/**
 * What pays: a card form (Stripe's Payment Element, or the test card), saved through a SetupIntent; or,
 * seed 000's flow, a function that turns the card into a single-use token (`tok_…`).
 */
export type PaymentSource = CardProvider | (() => Promise<TokenResult>);

/**
 * Step two: pays the pending order. The cart is frozen for the duration; if it changed since the order
 * was made (in another tab, say), the order is updated and the customer sees its new total first,
 * with the discount code when it applies. Then the card is saved (a SetupIntent, or a token's payment
 * method) and pays (`charge`): authentication when the bank asks, lost answers asked for again. A
 * decline or a lost connection leaves the order payable with another card, and the server charges an
 * order at most once whatever happens here.
 */
export async function pay(source: PaymentSource): Promise<void> {
  const state = $checkout.get();
  if (state.busy || state.step !== 'payment' || !state.order || state.totalToConfirm) return;
  update({ busy: 'payment', paying: 'card', error: null });
  const order = state.order;
  const snapshot = cart.freeze();
  try {
    if (snapshot.lines.length && !holdsSameItems(snapshot.lines, order)) {
      // The cart changed since the order was made: update the order and let the customer see the
      // new total, the code's discount included (as the cart shows it), before anything is charged.
      const updated = await apiClient().updateOrderItems(order.id, orderItems(snapshot.lines));
      const local = applyCoupon(snapshot.summary, couponFor($checkout.get().coupon, snapshot.summary)).total;
      cart.release({ paid: false });
      update({
        busy: null,
        paying: null,
        order: updated,
        totalToConfirm: { local, server: updated.totalAmount, currency: updated.currency },
      });
      return;
    }
  } catch (error) {
    cart.release({ paid: false });
    update({ paying: null });
    return fail(error, 'payment');
  }
  const method = await paymentMethod(source);
  if ('error' in method) {
    cart.release({ paid: false });
    update({ paying: null, pendingMethodId: null });
    saveSession();
    return refuseCard(method.error);
  }
  await charge(typeof source === 'function' ? null : source, order, method);
}

/** The payment method the order is paid with: the card saved through a SetupIntent, or a token's card. */
async function paymentMethod(source: PaymentSource): Promise<PaymentMethod | { error: unknown }> {
  if (typeof source !== 'function') {
    const saved = await saveCard(source);
    return 'method' in saved ? saved.method : saved;
  }
  const card = await source().catch(() => CARD_UNREADABLE);
  if (card.error !== undefined) return { error: { message: card.error.message, code: card.error.code ?? 'card' } };
  try {
    return await apiClient().createPaymentMethod(card.token, { idempotencyKey: uuid() });
  } catch (error) {
    return { error };
  }
}

/** The card could not be saved: said at the card (a card the bank refused as a decline). */
function refuseCard(error: unknown): void {
  if (error instanceof Error || typeof error !== 'object' || error === null) return fail(error, 'payment');
  const { message, code, declined } = error as CardError;
  report({ message, code: code ?? 'card', stage: 'payment', ...(declined ? { declined } : {}) });
}
