import { cart, type CartLine } from '../cart.ts';
import { $config, type TillConfig } from '../config.ts';
import { booticBackend } from './bootic.ts';
import { validateContact } from './contact.ts';
import { loadOrdering } from './lazy.ts';
import { BUILTON, backendProfile, type BackendProfile } from './profiles.ts';
import { report, reportUnexpected } from './report.ts';
import { $checkout, update, type Contact } from './store.ts';

/** What placing an order starts from: a checked contact, a cart that is not empty, and (Bootic) a known address. */
export interface OrderRequest {
  readonly contact: Contact;
  readonly lines: readonly CartLine[];
  readonly addressId?: number | undefined;
}

/**
 * A merchant backend the checkout orders from: what it is like (its profile: how it prices, what it
 * asks for, where the customer pays) and how an order is placed in it. Everything that differs between
 * BuiltOn and Bootic is here, so the checkout, the cart and the view ask the backend instead of
 * testing its name.
 */
export interface CheckoutBackend extends BackendProfile {
  /** Places the order and moves the checkout on, or reports why not. */
  placeOrder(request: OrderRequest): Promise<void>;
  /** Fetches the code `placeOrder` needs ahead of it; a failure is met again (and told) at the submit. */
  prepare(): void;
}

/** The BuiltOn API (see its profile), placing orders as builton.ts does, fetched with ordering.ts. */
const builtOnBackend: CheckoutBackend = {
  ...BUILTON,
  placeOrder: async (request) => (await loadOrdering()).placeBuiltOnOrder(request),
  prepare: () => void loadOrdering().catch(() => undefined),
};

const BACKENDS: Readonly<Record<TillConfig['backend'], CheckoutBackend>> = {
  builton: builtOnBackend,
  bootic: booticBackend,
};

/** The backend the configuration names (BuiltOn unless told otherwise). */
export const checkoutBackend = (config: Pick<TillConfig, 'backend'> = $config.get()): CheckoutBackend =>
  BACKENDS[backendProfile(config).name];

/**
 * The customer is on the details (a field took focus): the code that places the order is fetched
 * while they type, so the submit does not wait for it.
 */
export const prepareOrder = (): void => checkoutBackend().prepare();

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
  // Busy before the backend's code arrives (the first order fetches it): a second submit waits.
  update({ busy: 'order' });
  try {
    await backend.placeOrder({ contact: state.contact, lines, addressId });
  } catch (error) {
    reportUnexpected(error, 'order'); // its code could not be fetched; each backend reports its own failures
  }
}

/** The customer accepts the server's total where it differs from the cart's. */
export function confirmTotal(): void {
  update({ totalToConfirm: null });
}
