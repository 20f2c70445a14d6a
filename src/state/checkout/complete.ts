import { lineKey } from '../../core/index.ts';
import type { Order, Payment } from '../../api/types.ts';
import { cart } from '../cart.ts';
import { saveSession } from './session.ts';
import { $checkout, emit, update, type PaidCard } from './store.ts';

/**
 * What an order paid leaves in the cart: nothing of it. A payment still running releases the frozen
 * snapshot it charged; whatever else found the order paid (a retry, a lost answer asked about, the
 * server's reconciliation, a resume after a reload or a redirect) finds no snapshot, so the order's own
 * lines come out, as many as were ordered (a line added since stays).
 */
export function releasePaidLines(order: Order): void {
  cart.release({ paid: true });
  const ordered = new Map<string, number>();
  for (const item of order.items) {
    const key = lineKey(
      item.productId,
      item.subProducts.map((s) => s.id),
    );
    ordered.set(key, (ordered.get(key) ?? 0) + item.quantity);
  }
  for (const line of cart.$lines.get()) {
    const key = lineKey(
      line.productId,
      line.subProducts.map((s) => s.id),
    );
    const paid = ordered.get(key) ?? 0;
    if (!paid) continue;
    ordered.set(key, Math.max(0, paid - line.quantity));
    if (line.quantity > paid) cart.setQuantity(line.key, line.quantity - paid);
    else cart.remove(line.key);
  }
}

/**
 * The order is paid: what was paid leaves the cart, the pending order, payment and key are done with.
 * The card is the one that paid (after a reload, the one the session kept, if any).
 */
export function completeCheckout(
  order: Order,
  payment: Payment | null,
  card: PaidCard | null = $checkout.get().card,
): void {
  releasePaidLines(order);
  update({
    busy: null,
    paying: null,
    authentication: null,
    step: 'complete',
    order,
    payment,
    card,
    error: null,
    totalToConfirm: null,
    pendingOrderId: null,
    orderKey: null,
    pendingMethodId: null,
    pendingPaymentId: null,
  });
  saveSession();
  emit({ type: 'complete', order, payment });
}
