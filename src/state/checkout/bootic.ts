import { createBooticClient, type BooticOrderInput } from '../../api/bootic.ts';
import { isApiError } from '../../api/http.ts';
import { cart } from '../cart.ts';
import { $config } from '../config.ts';
import type { CheckoutBackend, OrderRequest } from './backend.ts';
import { fail, report } from './errors.ts';
import { BOOTIC } from './profiles.ts';
import { orderKeyFor, saveSession } from './session.ts';
import { emit, update, type ContactField, type FieldProblem } from './store.ts';

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
  const units = new Map<number, number>();
  for (const line of lines) {
    for (const ref of [line.ref ?? line.productId, ...line.subProducts.map((s) => s.ref ?? s.id)]) {
      const variant = Number(ref);
      if (!Number.isSafeInteger(variant) || variant <= 0) {
        report({ message: `${line.name} can not be ordered from this shop.`, code: 'variant', stage: 'order' });
        return;
      }
      units.set(variant, (units.get(variant) ?? 0) + line.quantity);
    }
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
    cart.clear(); // the order lives in the Bootic shop now; its web cart changes it
    update({ busy: null, step: 'complete', orderKey: null, booticOrder: { ...order, currency: lines[0]!.currency } });
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

/** A Bootic shop (see its profile), placing orders as above. */
export const booticBackend: CheckoutBackend = { ...BOOTIC, placeOrder };
