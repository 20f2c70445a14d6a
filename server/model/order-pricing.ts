import { isPayableStatus, summarize, type OrderSummary } from 'tillkit/core';
import type { Database } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import { orderTotals, totalsColumns, type CouponSnapshot } from './coupons.ts';
import { pricingLine, type ItemSnapshot } from './order-items.ts';
import { closedOrder, lockOrder, updateOpenOrder, type OrderRow, type Scope } from './orders.ts';

/** What changes an open order's price: new items (with core's summary of them), a coupon (null: none). */
export interface PriceChange {
  readonly items?: { readonly items: readonly ItemSnapshot[]; readonly summary: OrderSummary };
  readonly coupon?: CouponSnapshot | null;
}

/**
 * Changes an open order (CREATED, DECLINED, FAILED) the scope may change, under its row lock, and
 * prices it again: its items (new or kept) and its coupon (new, removed or kept) give `total_amount`,
 * `total_vat` and `discount_amount` by `orderTotals`. A coupon that no longer applies to the items
 * (below its minimum) is a 400 naming `coupon`; 404 and 409 as for any change of an order.
 */
export function updatePricedOrder(
  db: Database,
  scope: Scope,
  id: string,
  change: PriceChange,
  fields: Readonly<Record<string, unknown>>,
  at: number,
): Promise<OrderRow> {
  return db.transaction(async (tx) => {
    const row = await lockOrder(tx, scope.company, id);
    if (!row || (scope.userId !== null && row.user_id !== scope.userId)) throw notFound('Order');
    if (!isPayableStatus(row.order_status)) throw closedOrder(row.order_status);
    const summary = change.items?.summary ?? summarize(row.items.map((item) => pricingLine(item)));
    const coupon = change.coupon !== undefined ? change.coupon : row.coupon;
    const totals = orderTotals(summary, coupon);
    const items = change.items
      ? {
          items: change.items.items,
          currency: summary.currency,
          total_quantity: summary.totalQuantity,
          units: summary.units,
        }
      : {};
    const columns = {
      ...fields,
      ...items,
      coupon_id: coupon?.id ?? null,
      coupon,
      ...totalsColumns(totals),
      modified: at,
    };
    return updateOpenOrder(tx, scope, id, columns);
  });
}
