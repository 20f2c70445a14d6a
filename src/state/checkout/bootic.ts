import type { BooticOrder } from '../../api/bootic.ts';
import { cart, type CartLine } from '../cart.ts';
import type { CheckoutBackend } from './backend.ts';
import { loadBootic } from './lazy.ts';
import { BOOTIC } from './profiles.ts';
import { saveSession } from './session.ts';
import { $checkout, update } from './store.ts';

// A Bootic shop: what the checkout needs of it before an order exists (following the cart). Placing an
// order and asking after one (bootic-order.ts, with Bootic's client) are fetched when first needed.

/**
 * The cart as Bootic sells it: units by variant id, each add-on a variant of its own in its line's
 * quantity. The first line Bootic can not sell (no variant id) instead.
 */
export function variantUnits(lines: readonly CartLine[]): Map<number, number> | CartLine {
  const units = new Map<number, number>();
  for (const line of lines) {
    for (const ref of [line.ref ?? line.productId, ...line.subProducts.map((s) => s.ref ?? s.id)]) {
      const variant = Number(ref);
      if (!Number.isSafeInteger(variant) || variant <= 0) return line;
      units.set(variant, (units.get(variant) ?? 0) + line.quantity);
    }
  }
  return units;
}

/** Whether the cart holds what the Bootic order holds: the same variants in the same units. */
function holdsOrder(lines: readonly CartLine[], order: BooticOrder): boolean {
  const cartUnits = variantUnits(lines);
  if (!(cartUnits instanceof Map)) return false;
  const ordered = new Map<number, number>();
  for (const item of order.lineItems) ordered.set(item.variantId, (ordered.get(item.variantId) ?? 0) + item.units);
  return cartUnits.size === ordered.size && [...cartUnits].every(([variant, units]) => ordered.get(variant) === units);
}

/**
 * The cart changed while a Bootic order awaits payment: an order that no longer holds what the cart
 * holds stays unpaid in the shop, and the details step makes the next one from the cart as it is.
 */
export function followCart(): void {
  const { booticOrder, step, busy } = $checkout.get();
  if (!booticOrder || step !== 'payment' || busy || holdsOrder(cart.$lines.get(), booticOrder)) return;
  update({ step: 'details', booticOrder: null, error: null });
  saveSession();
}

/** A Bootic shop (see its profile), placing orders as above. */
export const booticBackend: CheckoutBackend = {
  ...BOOTIC,
  placeOrder: async (request) => (await loadBootic()).placeBooticOrder(request),
  prepare: () => void loadBootic().catch(() => undefined),
};
