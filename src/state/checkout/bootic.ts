import { createBooticClient, isPaidBooticStatus, type BooticOrder, type BooticOrderInput } from '../../api/bootic.ts';
import { isApiError } from '../../api/http.ts';
import { cart, type CartLine } from '../cart.ts';
import { $config } from '../config.ts';
import type { CheckoutBackend, OrderRequest } from './backend.ts';
import { fail, report } from './errors.ts';
import { BOOTIC } from './profiles.ts';
import { orderKeyFor, saveSession } from './session.ts';
import { $checkout, emit, update, type ContactField, type FieldProblem } from './store.ts';

/**
 * The cart as Bootic sells it: units by variant id, each add-on a variant of its own in its line's
 * quantity. The first line Bootic can not sell (no variant id) instead.
 */
function variantUnits(lines: readonly CartLine[]): Map<number, number> | CartLine {
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

/** Bootic's contact fields, as the checkout form names them. */
const BOOTIC_FIELDS: Record<string, ContactField> = {
  'contact.email': 'email',
  'contact.name': 'firstName',
  'contact.phone_number': 'phone',
};

/**
 * Bootic: the cart becomes a Bootic order in the "checkout" state (lines by variant id, the contact,
 * a known address), and the customer finishes on Bootic's own checkout. A 422 puts each of Bootic's
 * messages at its field.
 */
async function placeOrder({ contact: c, lines, addressId }: OrderRequest): Promise<void> {
  const units = variantUnits(lines);
  if (!(units instanceof Map)) {
    report({ message: `${units.name} can not be ordered from this shop.`, code: 'variant', stage: 'order' });
    return;
  }
  const input: BooticOrderInput = {
    line_items: [...units].map(([variant_id, count]) => ({ variant_id, units: count })),
    contact: {
      email: c.email.trim(),
      name: `${c.firstName.trim()} ${c.lastName.trim()}`,
      phone_number: c.phone.trim(),
    },
    ...(addressId ? { address: { id: addressId } } : {}),
  };
  update({ busy: 'order', error: null, fieldErrors: {} });
  const { apiUrl, apiKey, shopId, fetch: configuredFetch } = $config.get();
  try {
    const client = createBooticClient({ baseUrl: apiUrl, apiKey, shopId, fetch: configuredFetch ?? undefined });
    const order = await client.createOrder(input, { idempotencyKey: orderKeyFor(input) });
    // The customer pays on Bootic's checkout: the cart keeps its lines until the order is paid, and
    // the key stays, so the same details and cart give back this order rather than a second one.
    update({ busy: null, step: 'payment', booticOrder: { ...order, currency: lines[0]!.currency } });
    saveSession();
    if (order.webCheckout) emit({ type: 'redirect', order, url: order.webCheckout });
  } catch (error) {
    if (isApiError(error) && error.status === 422) {
      const fieldErrors: Partial<Record<ContactField, FieldProblem>> = {};
      const general: string[] = [];
      for (const { field, message } of error.errors) {
        const at = BOOTIC_FIELDS[field];
        if (at && !fieldErrors[at]) fieldErrors[at] = { message };
        else if (!at) general.push(message);
      }
      update({ fieldErrors });
      if (general.length) return report({ message: general.join(' '), code: 'unprocessable', stage: 'order' });
      update({ busy: null });
      return;
    }
    fail(error, 'order');
  }
}

/**
 * Back from Bootic's checkout (or a reload): asks the shop whether the order saved in the session is
 * paid. Paid, the cart lets go of what was ordered and the checkout confirms it; still awaiting
 * payment, the checkout offers the way back to Bootic's checkout, the cart unchanged. When the shop
 * can not be asked, the saved order is shown as it was.
 */
export async function resumeBooticOrder(): Promise<void> {
  const saved = $checkout.get().booticOrder;
  if (!saved) return;
  update({ busy: 'resume' });
  const { apiUrl, apiKey, shopId, fetch: configuredFetch } = $config.get();
  const client = createBooticClient({ baseUrl: apiUrl, apiKey, shopId, fetch: configuredFetch ?? undefined });
  const order = await client.getOrder(saved.code).catch(() => saved);
  const booticOrder = { ...order, currency: saved.currency };
  if (isPaidBooticStatus(order.status)) {
    // Paid: the lines ordered leave the cart (a line added since stays).
    const variants = new Set(order.lineItems.map((item) => String(item.variantId)));
    for (const line of cart.$lines.get()) if (variants.has(line.ref ?? line.productId)) cart.remove(line.key);
    update({ busy: null, step: 'complete', booticOrder, orderKey: null, error: null });
  } else {
    update({ busy: null, step: 'payment', booticOrder });
    followCart();
  }
  saveSession();
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
export const booticBackend: CheckoutBackend = { ...BOOTIC, placeOrder };
