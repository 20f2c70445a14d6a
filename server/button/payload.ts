import { createHash } from 'node:crypto';
import { priceLine, summarize } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { pricingLine, type ItemSnapshot } from '../model/order-items.ts';
import { orderTotals } from '../model/coupons.ts';
import type { OrderRow } from '../model/orders.ts';

/**
 * What is reported to Button (seed 004): the order body of its Order API, built from an order's item
 * snapshots with core's prices. The outbox (`outbox.ts`) stores it; the sender (`sender.ts`) sends it.
 */

/** The order body of Button's Order API (`POST /v1/order`, `POST /v1/order/:id`). */
export interface ButtonOrder {
  readonly total: number;
  readonly currency: string;
  readonly order_id: string;
  readonly purchase_date: string;
  readonly btn_ref: string;
  readonly customer: { readonly id: string; readonly email_sha256?: string; readonly is_new: boolean };
  readonly customer_order_id: string;
  readonly line_items: readonly ButtonLineItem[];
}

export interface ButtonLineItem {
  readonly identifier: string;
  readonly sku: string;
  readonly quantity: number;
  /** Net of VAT, in minor units: `amount × quantity`, exactly. */
  readonly total: number;
  /** One unit, net of VAT. */
  readonly amount: number;
  readonly description: string;
  readonly category: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
}

export const emailSha256 = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

const MAX_CATEGORIES = 7;
const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * The line items of an order as Button wants them: `total` net of VAT (core's `priceLine(...).net`)
 * and `amount` per unit. When the net total does not divide by the quantity, the line is reported as
 * two: `q − r` units at `⌊total / q⌋` and `r` units at one minor unit more, so that for every line
 * `amount × quantity = total` and the lines add up to the order's total, with no rounding anywhere.
 */
export function buttonLineItems(
  items: readonly ItemSnapshot[],
  products: ReadonlyMap<string, { human_id: string; tags: readonly string[] }>,
  nets?: readonly number[],
): ButtonLineItem[] {
  const seen = new Map<string, number>();
  const out: ButtonLineItem[] = [];
  for (const [index, item] of items.entries()) {
    const net = nets?.[index] ?? priceLine(pricingLine(item)).net;
    let identifier = item.sub_products.length
      ? `${item.product}+${short(
          item.sub_products
            .map((s) => s.id)
            .sort()
            .join(','),
        )}`
      : item.product;
    const count = (seen.get(identifier) ?? 0) + 1;
    seen.set(identifier, count);
    if (count > 1) identifier += `~${count}`;
    const product = products.get(item.product);
    const attributes: Record<string, string> = {
      product_id: item.product,
      vat_rate: item.vat,
      discount_rate: item.discount,
    };
    if (item.sub_products.length) attributes.add_ons = item.sub_products.map((s) => s.name).join(', ');
    const base = {
      sku: product?.human_id ?? item.product,
      description: item.sub_products.length ? `${item.name} with ${attributes.add_ons}` : item.name,
      category: (product?.tags ?? []).slice(0, MAX_CATEGORIES),
      attributes,
    };
    const amount = Math.floor(net / item.quantity);
    const rest = net - amount * item.quantity;
    if (rest === 0) {
      out.push({ identifier, quantity: item.quantity, total: net, amount, ...base });
    } else {
      out.push({ identifier, quantity: item.quantity - rest, total: amount * (item.quantity - rest), amount, ...base });
      out.push({
        identifier: `${identifier}:2`,
        quantity: rest,
        total: (amount + 1) * rest,
        amount: amount + 1,
        ...base,
      });
    }
  }
  return out;
}

/**
 * `total` shared out over lines in proportion to `weights` (their nets before the coupon), by largest
 * remainder: each share is within one minor unit of its exact proportion and they add up to `total`.
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === total) return [...weights];
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(w) * BigInt(total));
  const shares = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e % BigInt(sum) }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/** Everything Button's order body needs, read in the caller's transaction. */
export async function buildReport(
  tx: Queryable,
  order: OrderRow,
  context: { readonly purchaseDate: number; readonly isNew: boolean },
): Promise<ButtonOrder> {
  const ids = [...new Set(order.items.map((i) => i.product))];
  const q = new Params();
  const rows = await tx.query<{ id: string; human_id: string; tags: string[] }>(
    `SELECT id, human_id, tags FROM products WHERE id = ANY(${q.texts(ids)})`,
    q.values,
  );
  const [user] = await tx.query<{ id: string; email: string | null }>(`SELECT id, email FROM users WHERE id = $1`, [
    order.user_id,
  ]);
  const summary = summarize(order.items.map((item) => pricingLine(item)));
  // A coupon takes its share off every line: the lines' nets are the order's, after the coupon.
  const totals = orderTotals(summary, order.coupon, false);
  const nets = shareOut(
    totals.net,
    summary.lines.map((line) => line.net),
  );
  return {
    // Button's commissionable total: after discounts and the coupon, without VAT (core's net), in minor units.
    total: totals.net,
    currency: order.currency,
    order_id: order.id,
    purchase_date: new Date(context.purchaseDate).toISOString(),
    btn_ref: order.btn_ref!,
    customer: {
      id: order.user_id,
      ...(user?.email ? { email_sha256: emailSha256(user.email) } : {}),
      is_new: context.isNew,
    },
    customer_order_id: order.human_id,
    line_items: buttonLineItems(order.items, new Map(rows.map((r) => [r.id, r])), nets),
  };
}
