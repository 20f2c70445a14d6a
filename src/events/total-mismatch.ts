import type { Order } from '../api/types.ts';

export interface TillTotalMismatchDetail {
  readonly order: Order;
  /** The total the cart computed, in minor units. */
  readonly local: number;
  /** The order's `total_amount` from the server, in minor units: the one charged. */
  readonly server: number;
}

/** Fired by `<till-checkout>` when the server's total differs from the cart's; the customer confirms. */
export class TillTotalMismatchEvent extends CustomEvent<TillTotalMismatchDetail> {
  constructor(detail: TillTotalMismatchDetail) {
    super('till-total-mismatch', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-total-mismatch': TillTotalMismatchEvent;
  }
}
