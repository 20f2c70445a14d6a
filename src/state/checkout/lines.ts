import { lineKey } from '../../core/index.ts';
import type { Order, OrderItemInput } from '../../api/types.ts';
import type { CartLine } from '../cart.ts';

/** The cart's lines as an order's items. */
export const orderItems = (lines: readonly CartLine[]): OrderItemInput[] =>
  lines.map((l) => ({ product: l.productId, quantity: l.quantity, sub_products: l.subProducts.map((s) => s.id) }));

/** Quantity by line identity (core's `lineKey`: the product and its sub-products, in any order). */
function contents(items: readonly { key: string; quantity: number }[]): Map<string, number> {
  const quantities = new Map<string, number>();
  for (const { key, quantity } of items) quantities.set(key, (quantities.get(key) ?? 0) + quantity);
  return quantities;
}

/** Whether the cart holds what the order holds: the same lines in the same quantities. */
export function holdsSameItems(lines: readonly CartLine[], order: Order): boolean {
  const cart = contents(
    lines.map((l) => ({
      key: lineKey(
        l.productId,
        l.subProducts.map((s) => s.id),
      ),
      quantity: l.quantity,
    })),
  );
  const ordered = contents(
    order.items.map((i) => ({
      key: lineKey(
        i.productId,
        i.subProducts.map((s) => s.id),
      ),
      quantity: i.quantity,
    })),
  );
  return cart.size === ordered.size && [...cart].every(([key, quantity]) => ordered.get(key) === quantity);
}
