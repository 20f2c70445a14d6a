import type { CheckoutError } from '../state/checkout/index.ts';

/** Fired by `<till-checkout>` when a step fails: the message is the one the customer sees. */
export class TillCheckoutErrorEvent extends CustomEvent<CheckoutError> {
  constructor(error: CheckoutError) {
    super('till-checkout-error', { detail: error, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-checkout-error': TillCheckoutErrorEvent;
  }
}
