// A customer with orders on the reference server, made through the API as the checkout would make
// them: for the order history's browser tests.
import { createBuiltOnClient } from '../../src/api/builton.ts';
import type { ApiProduct, BuiltOnClient, Order } from '../../src/api/types.ts';
import { api } from './browser.ts';

export interface Customer {
  readonly email: string;
  readonly client: BuiltOnClient;
  /** Oldest first. */
  readonly orders: Order[];
}

let counter = 0;
let catalogue: ApiProduct[] = [];

/** The demo catalogue's main products, and a DVD offering an add-on with that add-on. */
export async function demoProducts(): Promise<{ dvds: ApiProduct[]; withAddOn: ApiProduct; addOn: ApiProduct }> {
  const anonymous = createBuiltOnClient({ baseUrl: api().url, apiKey: api().apiKey });
  if (!catalogue.length) catalogue = [...(await anonymous.listProducts({ size: 100 })).items];
  const withAddOn =
    catalogue.find((p) => p.subProducts.length && p.discount > 0) ?? catalogue.find((p) => p.subProducts.length)!;
  const addOn = await anonymous.getProduct(withAddOn.subProducts[0]!);
  return { dvds: catalogue.filter((p) => p.mainProduct), withAddOn, addOn };
}

/** A fresh customer (demo sign-in) with `count` orders: the first a discounted DVD with its add-on. */
export async function customerWithOrders(count: number): Promise<Customer> {
  const email = `history${Date.now()}${counter++}@example.com`;
  const response = await fetch(`${api().url}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Builton-Api-Key': api().apiKey },
    body: JSON.stringify({ email }),
  });
  const { token } = (await response.json()) as { token: string };
  const client = createBuiltOnClient({ baseUrl: api().url, apiKey: api().apiKey, getToken: () => token });
  const { dvds, withAddOn, addOn } = await demoProducts();
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const items =
      i === 0
        ? [{ product: withAddOn.id, quantity: 2, sub_products: [addOn.id] }]
        : [{ product: dvds[i % dvds.length]!.id, quantity: 1 }];
    orders.push(await client.createOrder({ items }));
  }
  return { email, client, orders };
}

/** Pays an order with a test card token (`tok_visa`, `tok_chargeDeclined`); a decline is not thrown. */
export async function payOrder(customer: Customer, order: Order, token = 'tok_visa'): Promise<void> {
  const method = await customer.client.createPaymentMethod(token);
  await customer.client.createPayment({ orders: [order.id], paymentMethod: method.id }).catch(() => undefined);
}
