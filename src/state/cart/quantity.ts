import { MAX_QUANTITY, lineKey } from '../../core/index.ts';
import type { CartLine } from './line.ts';

/**
 * A quantity as the customer typed it: a whole number from 1 to `max` (the cart's limit by default),
 * else null. The cart and the product cards read quantities with this one rule, and say what is wrong
 * with the cart's one message.
 */
export function readQuantity(text: string, max: number = MAX_QUANTITY): number | null {
  const quantity = /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
  return quantity >= 1 && quantity <= max ? quantity : null;
}

/**
 * How many more of a product with these add-ons fit in the cart: the limit a quantity field shows
 * and the one the cart enforces, less what the cart's line already holds.
 */
export function quantityRoom(lines: readonly CartLine[], productId: string, subProducts: readonly string[]): number {
  const key = lineKey(productId, subProducts);
  return MAX_QUANTITY - (lines.find((line) => line.key === key)?.quantity ?? 0);
}
