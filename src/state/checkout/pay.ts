import { isApiError } from '../../api/http.ts';
import type { Order, Payment, PaymentMethod } from '../../api/types.ts';
import type { TokenResult } from '../../payments/provider.ts';
import { cart } from '../cart.ts';
import { apiClient } from '../client.ts';
import { fail, report } from './errors.ts';
import { holdsSameItems, orderItems } from './lines.ts';
import { saveSession } from './session.ts';
import { $checkout, emit, update, type PaidCard } from './store.ts';

/** The customer accepts the server's total where it differs from the cart's. */
export function confirmTotal(): void {
  update({ totalToConfirm: null });
}

const CARD_UNREADABLE: TokenResult = { error: { message: 'The card could not be read. Please try again.' } };

/**
 * Step two: turns the card into a token, saves it as a payment method and pays the pending order.
 * The cart is frozen for the duration; a decline or a lost connection leaves the order payable
 * with another card, and the server charges an order at most once whatever happens here.
 */
export async function pay(tokenize: () => Promise<TokenResult>): Promise<void> {
  const state = $checkout.get();
  if (state.busy || state.step !== 'payment' || !state.order || state.totalToConfirm) return;
  update({ busy: 'payment', error: null });
  let order = state.order;
  const client = apiClient();
  const card = await tokenize().catch(() => CARD_UNREADABLE);
  if (card.error !== undefined) {
    report({ message: card.error.message, code: card.error.code ?? 'card', stage: 'payment' });
    return;
  }
  const snapshot = cart.freeze();
  let method: PaymentMethod | null = null;
  try {
    if (snapshot.lines.length && !holdsSameItems(snapshot.lines, order)) {
      // The cart changed (in another tab, say) since the order was made: update the order and
      // let the customer see the new total before anything is charged.
      order = await client.updateOrderItems(order.id, orderItems(snapshot.lines));
      cart.release({ paid: false });
      update({
        busy: null,
        order,
        totalToConfirm: { local: snapshot.summary.total, server: order.totalAmount, currency: order.currency },
      });
      return;
    }
    method = await client.createPaymentMethod(card.token);
    const payment = await client.createPayment({ orders: [order.id], paymentMethod: method.id });
    order = await client.getOrder(order.id).catch(() => ({ ...order, status: 'SUCCESS' as const }));
    completeCheckout(order, payment, paidCard(method));
  } catch (error) {
    cart.release({ paid: false });
    await settle(order, error, paidCard(method));
  }
}

/** The brand and last four digits a receipt shows, from the saved payment method. */
const paidCard = (method: PaymentMethod | null): PaidCard | null =>
  method?.card?.last4 ? { brand: method.card.brand, last4: method.card.last4 } : null;

/**
 * After a failed or unanswered payment, asks the server what happened before saying anything: a
 * lost answer may hide a successful charge, and a 409 means the order was already paid.
 */
async function settle(order: Order, error: unknown, card: PaidCard | null): Promise<void> {
  const current = await apiClient()
    .getOrder(order.id)
    .catch(() => null);
  if (current?.status === 'SUCCESS') return completeCheckout(current, null, card);
  update({ order: current ?? order });
  if (isApiError(error) && error.kind !== 'http') {
    report({
      message: current
        ? 'The connection was lost while paying, and the order is not paid. You can try again: you will not be charged twice.'
        : 'We could not reach the shop to confirm the payment. Check your connection and try again: you will not be charged twice.',
      code: error.kind,
      stage: 'payment',
    });
    return;
  }
  fail(error, 'payment');
}

/**
 * The order is paid: what was paid leaves the cart, the pending order and its key are done with. The
 * card is the one that paid (after a reload, the one the session kept, if any).
 */
export function completeCheckout(
  order: Order,
  payment: Payment | null,
  card: PaidCard | null = $checkout.get().card,
): void {
  cart.release({ paid: true });
  update({
    busy: null,
    step: 'complete',
    order,
    payment,
    card,
    error: null,
    totalToConfirm: null,
    pendingOrderId: null,
    orderKey: null,
  });
  saveSession();
  emit({ type: 'complete', order, payment });
}
