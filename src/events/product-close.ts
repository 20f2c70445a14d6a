/**
 * Fired by `<till-product-list>` when the customer closes a product's details (Escape, the close
 * button, a click beside the dialog), so a page that put the product in its URL can take it out. Not
 * fired when the page itself clears the `product` attribute.
 */
export class TillProductCloseEvent extends CustomEvent<{ readonly id: string }> {
  constructor(id: string) {
    super('till-product-close', { detail: { id }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-product-close': TillProductCloseEvent;
  }
}
