import { createBooticClient, isPaidBooticStatus, type BooticOrderInput } from '../../api/bootic.ts';
import { isApiError } from '../../api/http.ts';
import { cart } from '../cart.ts';
import { $config } from '../config.ts';
import { followCart, variantUnits } from './bootic.ts';
import type { OrderRequest } from './backend.ts';
import { fail, report } from './errors.ts';
import { orderKeyFor } from './order-key.ts';
import { saveSession } from './session.ts';
import { emit, update, $checkout, type ContactField, type FieldProblem } from './store.ts';

// Bootic's orders: placing one, and asking after it. The Bootic client comes with them, in a chunk of
// their own, fetched only by a checkout configured with backend="bootic" (see bootic.ts).

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
export async function placeBooticOrder({ contact: c, lines, addressId }: OrderRequest): Promise<void> {
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
