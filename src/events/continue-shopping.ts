/**
 * Fired by `<till-checkout>` when the customer presses "Continue shopping" after an order. Cancelable:
 * by default the checkout starts afresh and takes the customer back to the page's first
 * `<till-product-list>` (scrolled into view, focus in it), or to the top of the page; a page that
 * calls `preventDefault()` takes them where it likes (and the checkout still starts afresh).
 */
export class TillContinueShoppingEvent extends CustomEvent<null> {
  constructor() {
    super('till-continue-shopping', { detail: null, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-continue-shopping': TillContinueShoppingEvent;
  }
}
