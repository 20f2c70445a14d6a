import { MAX_QUANTITY, formatMoney, summarize, isJsonObject } from 'tillkit/core';
import type { Queryable } from '../db/database.ts';
import type { Json } from '../http/json.ts';
import type { ProductRow } from './products.ts';

/**
 * Bootic's `create_order` (seed 003) on the reference server. The model:
 *
 * - a shop belongs to a company and sells in one currency;
 * - a variant of the shop is a product of that company, in the shop's currency, active and not deleted,
 *   whose `external_reference` is the variant id (an integer, written in decimal);
 * - contacts belong to a shop and are found by email (case-insensitively);
 * - addresses the shop knows are copied into an order by id;
 * - every amount is an integer count of the currency's minor unit, priced by `src/core`.
 */
export interface ShopRow {
  readonly id: number;
  readonly company_id: string;
  readonly name: string;
  readonly currency: string;
  readonly created: number;
  [column: string]: unknown;
}

export interface ContactRow {
  readonly id: number;
  readonly shop_id: number;
  readonly email: string;
  readonly name: string;
  readonly phone_number: string;
  [column: string]: unknown;
}

export interface AddressRow {
  readonly id: number;
  readonly shop_id: number;
  readonly street: string;
  readonly street_2: string | null;
  readonly locality_name: string | null;
  readonly region_name: string | null;
  readonly country_name: string | null;
  readonly postal_code: string | null;
  readonly country_code: string | null;
  [column: string]: unknown;
}

/** A line item as stored: a snapshot of the variant when the order was made, priced by core. */
export interface LineItemSnapshot {
  readonly product: string;
  readonly product_id: number;
  readonly product_title: string;
  readonly variant_id: number;
  readonly variant_title: string;
  readonly variant_sku: string;
  readonly unit_price: number;
  readonly units: number;
  /** The product's discount rate, exact decimal text ("0.1"). */
  readonly discount: string;
  readonly vat: string;
  /** `unit_price × units`, before the discount. */
  readonly net_total: number;
  /** `net_total − total`. */
  readonly discount_total: number;
  /** Core's `priceLine(...).final`: after the discount, rounded once. */
  readonly total: number;
  readonly weight_in_grams: number | null;
  readonly image: string | null;
}

export interface BooticOrderRow {
  readonly id: number;
  readonly shop_id: number;
  readonly code: string;
  readonly status: string;
  readonly currency: string;
  readonly contact_id: number | null;
  readonly address: Record<string, Json> | null;
  readonly line_items: LineItemSnapshot[];
  readonly net_total: number;
  readonly discount_total: number;
  readonly shipping_total: number;
  readonly total: number;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

/** One entry of a 422 answer: seed 003's `{"_class": ["error"], "field", "messages"}`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Seed 003's 422 body; messages of one field are grouped under one error, in the order found. */
export function errorsJson(errors: readonly FieldError[]): Json {
  const byField = new Map<string, string[]>();
  for (const { field, message } of errors) (byField.get(field) ?? byField.set(field, []).get(field)!).push(message);
  return {
    _class: ['errors'],
    _embedded: { errors: [...byField].map(([field, messages]) => ({ _class: ['error'], field, messages })) },
  };
}

export const MAX_LINE_ITEMS = 100;

export interface LineItemRequest {
  readonly variantId: number;
  readonly units: number;
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Reads `line_items`: a non-empty list of `{variant_id, units}` with integer ids and units from 1 to
 * core's MAX_QUANTITY. The same variant twice is one line item with the units added up.
 */
export function readLineItems(value: unknown, errors: FieldError[]): LineItemRequest[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    errors.push({ field: 'line_items', message: 'An order needs at least one line item' });
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push({ field: 'line_items', message: 'line_items must be a list of {variant_id, units}' });
    return [];
  }
  if (value.length > MAX_LINE_ITEMS) {
    errors.push({ field: 'line_items', message: `An order has at most ${MAX_LINE_ITEMS} line items` });
    return [];
  }
  const units = new Map<number, number>();
  value.forEach((item: unknown, i) => {
    const at = `line_items[${i}]`;
    if (!isJsonObject(item)) {
      errors.push({ field: at, message: 'A line item must be an object with variant_id and units' });
      return;
    }
    const variantId = item.variant_id;
    const count = item.units;
    let ok = true;
    if (!isId(variantId)) {
      errors.push({ field: `${at}.variant_id`, message: 'variant_id must be a whole number above 0' });
      ok = false;
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_QUANTITY) {
      errors.push({ field: `${at}.units`, message: `units must be a whole number from 1 to ${MAX_QUANTITY}` });
      ok = false;
    }
    if (!ok) return;
    const sum = (units.get(variantId as number) ?? 0) + (count as number);
    if (sum > MAX_QUANTITY)
      errors.push({ field: `${at}.units`, message: `units must be a whole number from 1 to ${MAX_QUANTITY}` });
    units.set(variantId as number, sum);
  });
  return [...units].map(([variantId, n]) => ({ variantId, units: n }));
}

/** The shop's variants among `ids`: products of its company in its currency, active, not deleted. */
export async function variantsOf(
  db: Queryable,
  shop: ShopRow,
  ids: readonly number[],
): Promise<Map<number, ProductRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<ProductRow>(
    `SELECT * FROM products
      WHERE company_id = $1 AND currency = $2 AND active AND NOT deleted
        AND external_reference IN (SELECT jsonb_array_elements_text($3::jsonb))
      ORDER BY created, id`,
    [shop.company_id, shop.currency, JSON.stringify(ids.map(String))],
  );
  const found = new Map<number, ProductRow>();
  for (const row of rows) {
    const id = Number(row.external_reference);
    if (!found.has(id)) found.set(id, row);
  }
  return found;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Prices the line items with core, one line per variant: unit price × units, the product's discount,
 * rounded once per variant. It is core's `summarize(..., 'separate')`, which prices the widget's cart
 * for this backend, so the order's total is the total the cart showed.
 */
export function priceLineItems(
  requests: readonly LineItemRequest[],
  variants: ReadonlyMap<number, ProductRow>,
): { items: LineItemSnapshot[]; net: number; discount: number; total: number } {
  const lines = requests.map((r) => {
    const row = variants.get(r.variantId)!;
    const line = { ref: String(r.variantId), price: row.price, discount: row.discount, vat: row.vat };
    return { row, r, line: { ...line, quantity: r.units, currency: row.currency } };
  });
  const summary = summarize(
    lines.map((l) => l.line),
    'separate',
  );
  const items = lines.map(({ row, r }, i): LineItemSnapshot => {
    const final = summary.lines[i]!.final;
    const net = row.price * r.units;
    const image = row.image ?? row.media[0] ?? null;
    const weight = row.properties.weight_in_grams;
    return {
      product: row.id,
      product_id: r.variantId,
      product_title: row.name,
      variant_id: r.variantId,
      variant_title: text(row.properties.variant) ?? 'Default',
      variant_sku: text(row.properties.sku) ?? row.human_id,
      unit_price: row.price,
      units: r.units,
      discount: row.discount,
      vat: row.vat,
      net_total: net,
      discount_total: net - final,
      total: final,
      weight_in_grams: typeof weight === 'number' && Number.isSafeInteger(weight) ? weight * r.units : null,
      image: image?.url ?? null,
    };
  });
  const discount = items.reduce((sum, item) => sum + item.discount_total, 0);
  return { items, net: summary.total, discount, total: summary.total };
}

const absolute = (url: string, origin: string): string =>
  url.startsWith('/') && !url.startsWith('//') ? origin + url : url;

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
              { href: absolute(item.image!, origin) },
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

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const money = (amount: number, currency: string) => formatMoney({ amount, currency }, 'en-US');

/**
 * The "Bootic checkout" (or web cart) stand-in: a small page naming the order and its total, so an
 * end-to-end checkout can end on this machine. No contact data: anyone with the link may open it.
 */
export function webPage(kind: 'checkout' | 'cart', order: BooticOrderRow, shop: ShopRow): string {
  const heading = kind === 'checkout' ? 'Checkout' : 'Cart';
  const rows = order.line_items
    .map(
      (item) =>
        `<tr><th scope="row">${escape(item.product_title)} <span class="muted">(${escape(item.variant_title)})</span></th>` +
        `<td>${item.units}</td><td>${escape(money(item.total, order.currency))}</td></tr>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${heading} · order ${escape(order.code)} · ${escape(shop.name)}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
      main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #d0d0d0; border-radius: 8px; }
      .note { background: #fff4ce; padding: 0.5rem 0.75rem; border-radius: 4px; }
      table { width: 100%; border-collapse: collapse; }
      th, td { text-align: left; padding: 0.4rem 0.25rem; border-bottom: 1px solid #e5e5e5; }
      td:last-child, tfoot td { text-align: right; }
      .muted { color: #555; font-weight: normal; }
    </style>
  </head>
  <body>
    <main>
      <p class="note" role="note">Bootic ${kind} stand-in served by the Tillkit reference server: no payment is taken here.</p>
      <h1>${heading}: order <span id="order-code">${escape(order.code)}</span></h1>
      <p>${escape(shop.name)} · status <strong>${escape(order.status)}</strong></p>
      <table>
        <caption>Items in order ${escape(order.code)}</caption>
        <thead><tr><th scope="col">Item</th><th scope="col">Units</th><th scope="col">Total</th></tr></thead>
        <tbody>
        ${rows}
        </tbody>
        <tfoot>
          <tr><th scope="row" colspan="2">Shipping</th><td>${escape(money(order.shipping_total, order.currency))}</td></tr>
          <tr><th scope="row" colspan="2">Total</th><td><data id="order-total" value="${order.total}">${escape(money(order.total, order.currency))}</data></td></tr>
        </tfoot>
      </table>
    </main>
  </body>
</html>
`;
}

export function notFoundPage(): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Order not found</title></head>
  <body><main><h1>Order not found</h1><p>No order has this code.</p></main></body>
</html>
`;
}
