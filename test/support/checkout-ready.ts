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
