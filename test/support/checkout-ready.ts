// A checkout ready to place its order: the customer's details typed (a new email each time), and a
// fresh checkout and cart on the reference server with one demo DVD in the cart.
import { cart } from '../../src/state/cart.ts';
import { resetCheckout, setContact } from '../../src/state/checkout/index.ts';
import { resetCart, useReferenceServer } from './browser.ts';
import { DEMO_CONTACT } from './demo-contact.ts';
import { demoProducts } from './orders.ts';

let customer = 0;

/** Types a customer's details into the checkout, with an email `<name><time><n>@example.com`. */
export const fillDemoContact = (name: string) =>
  setContact({ email: `${name}${Date.now()}${customer++}@example.com`, ...DEMO_CONTACT });

export async function checkoutWithOneDvd(name: string): Promise<void> {
  resetCheckout();
  resetCart();
  useReferenceServer();
  const { dvds } = await demoProducts();
  cart.add(dvds[0]!, 1);
  fillDemoContact(name);
}

/** Types `values` into the checkout's fields by id, as the customer would: each field's value, then its input event. */
export async function typeDetails(
  el: HTMLElement & { updateComplete: Promise<unknown> },
  values: Record<string, string>,
): Promise<void> {
  for (const [id, value] of Object.entries(values)) {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await el.updateComplete;
}
