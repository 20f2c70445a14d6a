import type { Migration } from './migration.ts';

/**
 * An order's status changes twice in a checkout (PROCESSING, then SUCCESS or back): with no index on
 * the status, PostgreSQL updates the row in place (a HOT update) instead of adding an entry to each of
 * the orders' five indexes. The coupon index keeps only the coupon; its holds count reads the status
 * from the few orders of one coupon. Room is left on each page for those in-place updates, and for
 * a payment call's, whose answer is written once (no index holds it).
 */
export const migration: Migration = {
  id: '006_hot_order_updates',
  sql: `
DROP INDEX orders_by_coupon;
CREATE INDEX orders_by_coupon ON orders (coupon_id) WHERE coupon_id IS NOT NULL;
ALTER TABLE orders SET (fillfactor = 85);
ALTER TABLE charges SET (fillfactor = 85)
`,
};
