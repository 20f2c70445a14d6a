import type { BooticOrder } from '../api/bootic.ts';

export interface TillCheckoutRedirectDetail {
  readonly order: BooticOrder;
  /** Bootic's web checkout (`btc:web_checkout`), where the customer completes and pays. */
  readonly url: string;
}

/**
 * Fired by `<till-checkout>` with the Bootic backend when the order exists, just before the customer
 * is sent on to Bootic's checkout. Cancelable: `preventDefault()` and the page takes over.
 */
export class TillCheckoutRedirectEvent extends CustomEvent<TillCheckoutRedirectDetail> {
  constructor(detail: TillCheckoutRedirectDetail) {
    super('till-checkout-redirect', { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-checkout-redirect': TillCheckoutRedirectEvent;
  }
}
