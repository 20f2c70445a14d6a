/**
 * Rules of an order that the widget and the server both apply, so they can not drift apart: the
 * statuses of seed 001, the ones in which an order may still be paid, and what makes two order lines
 * the same line.
 */

/** `order_status` as seed 001 lists it (its `CANCELED` spelling is read as `CANCELLED`). */
export const ORDER_STATUSES = ['CREATED', 'PROCESSING', 'DECLINED', 'FAILED', 'SUCCESS', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The statuses in which an order may be paid, and changed or cancelled by its customer: new, or an
 * earlier attempt declined or failed. PROCESSING is being paid; SUCCESS and CANCELLED are closed.
 */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ['CREATED', 'DECLINED', 'FAILED'];

export const isPayableStatus = (status: string): boolean => (PAYABLE_STATUSES as readonly string[]).includes(status);

/**
 * A line's identity: its product and the sub-products chosen with it, in any order. Two lines with
 * the same key are one line (their quantities add up); `"p"` alone, `"p+s1+s2"` with add-ons.
 */
export const lineKey = (product: string, subProducts: readonly string[] = []): string =>
  [product, ...[...subProducts].sort()].join('+');
