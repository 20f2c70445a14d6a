import type { OrderSummary } from '../core/index.ts';
import type { CartLine } from '../state/cart.ts';

export interface TillCartChangeDetail {
  readonly lines: readonly CartLine[];
  readonly summary: OrderSummary;
}

/** Fired by `<till-cart>` when the cart changes, here or in another tab. */
export class TillCartChangeEvent extends CustomEvent<TillCartChangeDetail> {
  constructor(detail: TillCartChangeDetail) {
    super('till-cart-change', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-cart-change': TillCartChangeEvent;
  }
}
