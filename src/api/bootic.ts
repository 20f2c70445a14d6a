import { isJsonObject } from '../core/index.ts';
import { createHttp, invalidResponse } from './http.ts';
import type { BuiltOnClientOptions, RequestOptions } from './types.ts';

/**
 * Bootic's `create_order`, for merchants whose shop runs on Bootic. The widget never talks to
 * api.bootic.net itself: Bootic wants an admin token, which must stay on a server, so the request goes
 * to the merchant's endpoint with the same path and body (the reference server implements one).
 */
export interface BooticOrderInput {
  readonly line_items: readonly { readonly variant_id: number; readonly units: number }[];
  /** Full contact data, or just `email` for a contact the shop knows. */
  readonly contact?: { readonly email: string; readonly name?: string; readonly phone_number?: string };
  /** A known address of the contact, by id. */
  readonly address?: { readonly id: number };
}

export interface BooticLineItem {
  readonly variantId: number;
  readonly title: string;
  readonly units: number;
  /** Integer minor units, as Bootic sends every amount. */
  readonly unitPrice: number;
  readonly total: number;
}

export interface BooticOrder {
  readonly id: number;
  /** The order's public code, e.g. `R1C3964`. */
  readonly code: string;
  readonly status: string;
  readonly netTotal: number;
  readonly total: number;
  readonly shippingTotal: number;
  readonly discountTotal: number;
  readonly lineItems: readonly BooticLineItem[];
  /** Bootic's web checkout, where the customer completes and pays (`btc:web_checkout`). */
  readonly webCheckout: string | null;
  /** Bootic's web cart, to change the order (`btc:web_cart`). */
  readonly webCart: string | null;
}

export interface BooticClient {
  createOrder(input: BooticOrderInput, options?: RequestOptions): Promise<BooticOrder>;
  /** Reads an order back by its code (its `self` link): has the customer paid it on Bootic's checkout? */
  getOrder(code: string, options?: RequestOptions): Promise<BooticOrder>;
}

/**
 * Whether a Bootic order is paid. New orders are in `checkout`; Bootic marks a paid order `closed`
 * (its `closed_on` date), and `shipped` after that. `cart`, `checkout` and `pending` still await
 * payment.
 */
export const isPaidBooticStatus = (status: string): boolean => status === 'closed' || status === 'shipped';

export function createBooticClient(options: BuiltOnClientOptions & { readonly shopId: string }): BooticClient {
  const http = createHttp(options);
  return {
    async createOrder(input, { signal, idempotencyKey } = {}) {
      const path = `/v1/shops/${encodeURIComponent(options.shopId)}/orders`;
      const { status, data } = await http({ method: 'POST', path, body: input, signal, idempotencyKey });
      const order = parseOrder(data);
      if (!order) throw invalidResponse(status);
      return order;
    },
    async getOrder(code, { signal } = {}) {
      const path = `/v1/shops/${encodeURIComponent(options.shopId)}/orders/${encodeURIComponent(code)}`;
      const { status, data } = await http({ method: 'GET', path, signal });
      const order = parseOrder(data);
      if (!order) throw invalidResponse(status);
      return order;
    },
  };
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (isJsonObject(v) ? v : {});
const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);
const href = (links: Json, rel: string): string | null => {
  const value = obj(links[rel])['href'];
  return typeof value === 'string' && /^https?:\/\//.test(value) ? value : null;
};

/** Reads the 201 body of 003; amounts are already integers of the shop currency's minor unit. */
function parseOrder(data: unknown): BooticOrder | null {
  const o = obj(data);
  const id = int(o['id']);
  const total = int(o['total']);
  if (id === null || total === null || typeof o['code'] !== 'string') return null;
  const links = obj(o['_links']);
  const items = obj(o['_embedded'])['line_items'];
  return {
    id,
    code: o['code'],
    status: typeof o['status'] === 'string' ? o['status'] : 'checkout',
    netTotal: int(o['net_total']) ?? total,
    total,
    shippingTotal: int(o['shipping_total']) ?? 0,
    discountTotal: int(o['discount_total']) ?? 0,
    lineItems: (Array.isArray(items) ? items : []).map((raw) => {
      const item = obj(raw);
      return {
        variantId: int(item['variant_id']) ?? 0,
        title: [item['product_title'], item['variant_title']].filter((t) => typeof t === 'string' && t).join(' · '),
        units: int(item['units']) ?? 0,
        unitPrice: int(item['unit_price']) ?? 0,
        total: int(item['total']) ?? 0,
      };
    }),
    webCheckout: href(links, 'btc:web_checkout'),
    webCart: href(links, 'btc:web_cart'),
  };
}
