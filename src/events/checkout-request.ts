/** Fired by `<till-cart>` when its checkout button is pressed and it has no `checkout-href`. */
export class TillCheckoutRequestEvent extends CustomEvent<null> {
  constructor() {
    super('till-checkout-request', { detail: null, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-checkout-request': TillCheckoutRequestEvent;
  }
}
