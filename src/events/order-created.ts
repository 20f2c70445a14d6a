import type { Order } from '../api/types.ts';

/** Fired by `<till-checkout>` when the order is created, before payment. */
export class TillOrderCreatedEvent extends CustomEvent<{ readonly order: Order }> {
  constructor(order: Order) {
    super('till-order-created', { detail: { order }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-order-created': TillOrderCreatedEvent;
  }
}
