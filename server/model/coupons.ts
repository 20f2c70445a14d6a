import type { Queryable } from '../db/database.ts';
import type { OrderRow } from './orders.ts';

/**
 * Coupons' part in a payment (issue 12 builds coupons; these are the payment path's call sites, empty
 * until then). Both run inside the payment's transactions, under the orders' row locks:
 *
 * - `holdCoupons`, when an attempt starts: a coupon whose redemptions are all taken refuses the payment
 *   (throw the 409) before anything is charged;
 * - `redeemCoupons`, in the transaction that records a successful payment, which runs once per payment:
 *   counts each paid order's coupon redemption once, atomically; returns how many were counted.
 */
export async function holdCoupons(_tx: Queryable, _orders: readonly OrderRow[], _at: number): Promise<void> {}

export async function redeemCoupons(
  _tx: Queryable,
  _paidOrders: readonly OrderRow[],
  _paymentId: string,
  _at: number,
): Promise<number> {
  return 0;
}
