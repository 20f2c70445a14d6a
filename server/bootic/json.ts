import { absoluteUrl, type Json } from '../http/json.ts';
import type { FieldError } from './input.ts';
import type { AddressRow, BooticOrderRow, ContactRow, LineItemSnapshot } from './rows.ts';

/** Seed 003's 422 body; messages of one field are grouped under one error, in the order found. */
export function errorsJson(errors: readonly FieldError[]): Json {
  const byField = new Map<string, string[]>();
  for (const { field, message } of errors) (byField.get(field) ?? byField.set(field, []).get(field)!).push(message);
  return {
    _class: ['errors'],
    _embedded: { errors: [...byField].map(([field, messages]) => ({ _class: ['error'], field, messages })) },
  };
}

const lineItemJson = (item: LineItemSnapshot, origin: string): Json => ({
  _links: { product: { href: `${origin}/products/${item.product}` } },
  product_id: item.product_id,
  product_title: item.product_title,
  unit_price: item.unit_price,
  units: item.units,
  discount_total: item.discount_total,
  net_total: item.net_total,
  total: item.total,
  product_weight_in_grams: item.weight_in_grams,
  variant_id: item.variant_id,
  variant_title: item.variant_title,
  variant_sku: item.variant_sku,
  requested_units: item.units,
  _embedded: {
    discounts:
      item.discount_total > 0
        ? [
            {
              class: ['discount'],
              amount: item.discount_total,
              description: `${+(Number(item.discount) * 100).toFixed(2)} % off`,
            },
          ]
        : [],
    image: item.image
      ? {
          class: ['image', 'asset'],
          links: Object.fromEntries(
            ['thumbnail', 'small', 'medium', 'large', 'original'].map((size) => [
              size,
              { href: absoluteUrl(item.image!, origin) },
            ]),
          ),
          file_name: item.image.split('/').pop() ?? '',
          title: item.product_title,
        }
      : null,
  },
});

const iso = (ms: number): string => new Date(ms).toISOString();

export const addressJson = (a: AddressRow): Record<string, Json> => ({
  street: a.street,
  street_2: a.street_2,
  locality_name: a.locality_name,
  region_name: a.region_name,
  country_name: a.country_name,
  postal_code: a.postal_code,
  country_code: a.country_code,
});

/** The links of an order: the API's own, and the web cart and checkout (the stand-in pages). */
export function orderLinks(order: Pick<BooticOrderRow, 'shop_id' | 'code'>, origin: string) {
  const self = `${origin}/v1/shops/${order.shop_id}/orders/${order.code}`;
  return {
    self: { href: self },
    'btc:update_order': { href: self, method: 'put' },
    'btc:web_cart': { href: `${origin}/bootic/cart/${order.code}`, type: 'text/html' },
    'btc:web_checkout': { href: `${origin}/bootic/checkout/${order.code}`, type: 'text/html' },
  };
}

/** Seed 003's order entity. `currency` is our addition (every amount is in its minor unit). */
export function booticOrderJson(order: BooticOrderRow, contact: ContactRow | null, origin: string): Json {
  return {
    _links: orderLinks(order, origin),
    id: order.id,
    shop_id: order.shop_id,
    code: order.code,
    status: order.status,
    currency: order.currency,
    net_total: order.net_total,
    total: order.total,
    created_on: iso(order.created),
    updated_on: iso(order.modified),
    pending_on: null,
    closed_on: null,
    shipped_on: null,
    shipping_total: order.shipping_total,
    shipping_description: '',
    discount_total: order.discount_total,
    tracking_code: null,
    courier_name: null,
    shipped_email_sent: false,
    closed_email_sent: false,
    fulfillment: { fulfillment_method: 'shipping' },
    payment_info: null,
    _embedded: {
      // JSONB keeps keys sorted; answer them in seed 003's order.
      address: order.address ? addressJson(order.address as unknown as AddressRow) : null,
      contact: contact ? { name: contact.name, email: contact.email, phone_number: contact.phone_number } : null,
      promotion: null,
      discounts: [],
      line_items: order.line_items.map((item) => lineItemJson(item, origin)),
    },
  };
}
