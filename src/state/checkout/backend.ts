import type { SubProductPricing } from '../../core/index.ts';
import { cart, type CartLine } from '../cart.ts';
import { $config, type TillConfig } from '../config.ts';
import { booticBackend } from './bootic.ts';
import { builtOnBackend } from './builton.ts';
import { validateContact } from './contact.ts';
import { report } from './errors.ts';
import { $checkout, update, type Contact } from './store.ts';

/** What placing an order starts from: a checked contact, a cart that is not empty, and (Bootic) a known address. */
export interface OrderRequest {
  readonly contact: Contact;
  readonly lines: readonly CartLine[];
  readonly addressId?: number | undefined;
}

/**
 * A merchant backend the checkout orders from: what it needs from the customer, how it prices, and
 * how an order is placed in it. Everything that differs between BuiltOn and Bootic is here, so the
 * checkout, the cart and the view ask the backend instead of testing its name.
 */
export interface CheckoutBackend {
  readonly name: TillConfig['backend'];
  /**
   * How the backend prices sub-products, so the cart's totals match its own: `bundled` into their
   * parent's line (BuiltOn's formula) or `separate`, each a line of its own (Bootic).
   */
  readonly subProducts: SubProductPricing;
  /** Whether the details step asks for the delivery and billing addresses, or the contact only. */
  readonly addresses: boolean;
  /** Where the customer pays: in this checkout's payment step, or on the backend's own checkout. */
  readonly payment: 'here' | 'redirect';
  /** Places the order and moves the checkout on, or reports why not. */
  placeOrder(request: OrderRequest): Promise<void>;
}

const BACKENDS: Readonly<Record<TillConfig['backend'], CheckoutBackend>> = {
  builton: builtOnBackend,
  bootic: booticBackend,
};

/** The backend the configuration names (BuiltOn unless told otherwise). */
export const checkoutBackend = ({ backend }: Pick<TillConfig, 'backend'> = $config.get()): CheckoutBackend =>
  (Object.hasOwn(BACKENDS, backend) ? BACKENDS[backend] : undefined) ?? builtOnBackend;

/**
 * Step one: checks the contact (the fields the backend needs), then places the order from the cart
 * in the configured backend.
 */
export async function placeOrder({ addressId }: { addressId?: number | undefined } = {}): Promise<void> {
  const state = $checkout.get();
  if (state.busy || state.step === 'complete') return;
  const backend = checkoutBackend();
  const fieldErrors = validateContact(state.contact, { addresses: backend.addresses });
  if (Object.keys(fieldErrors).length) {
    update({ fieldErrors, error: null });
    return;
  }
  const lines = cart.$lines.get();
  if (!lines.length) {
    report({ message: 'Your cart is empty.', code: 'cart-empty', stage: 'order' });
    return;
  }
  await backend.placeOrder({ contact: state.contact, lines, addressId });
}
