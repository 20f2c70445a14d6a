import type { Order, Payment } from '../api/types.ts';

/** Fired by `<till-checkout>` when the order is paid (`order_status` SUCCESS). */
export class TillCheckoutCompleteEvent extends CustomEvent<{
  readonly order: Order;
  readonly payment: Payment | null;
}> {
  constructor(order: Order, payment: Payment | null) {
    super('till-checkout-complete', { detail: { order, payment }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-checkout-complete': TillCheckoutCompleteEvent;
  }
}
