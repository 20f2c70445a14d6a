import type { ApiProduct } from '../api/types.ts';

export interface TillProductOpenDetail {
  /** The product's id: what `openProduct(id)` and the `product` attribute take. */
  readonly id: string;
  /** The product as the list shows it. */
  readonly product: ApiProduct;
}

/**
 * Fired by `<till-product-list>` when the customer asks for a product's details (its title or cover).
 * Cancelable: `preventDefault()` and the page shows the product its own way (its own route, say),
 * perhaps by setting the list's `product` attribute; otherwise the list opens its details dialog.
 */
export class TillProductOpenEvent extends CustomEvent<TillProductOpenDetail> {
  constructor(detail: TillProductOpenDetail) {
    super('till-product-open', { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'till-product-open': TillProductOpenEvent;
  }
}
