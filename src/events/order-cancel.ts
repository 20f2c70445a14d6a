import type { Order } from '../api/types.ts';

/** Fired by `<till-orders>` when the customer cancelled an order (`order_status` CANCELLED). */
export class TillOrderCancelEvent extends CustomEvent<{ readonly order: Order }> {
  constructor(order: Order) {
    super('till-order-cancel', { detail: { order }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-order-cancel': TillOrderCancelEvent;
  }
}
