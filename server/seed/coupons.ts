import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { objectId } from '../http/ids.ts';
import { insertCoupon, type CouponColumns } from '../model/coupons.ts';

/**
 * The demo shop's discount codes, for a customer to try the checkout's code field: 10 % off anything,
 * and €5 off an order of €30 or more (below it, the checkout says how much is missing). Amounts are
 * minor units of the demo catalogue's EUR, as stored.
 */
export const DEMO_COUPONS: readonly (CouponColumns & { code: string })[] = [
  { code: 'REWIND10', name: '10 % off your order', percent_off: '10' },
  { code: 'FIVER30', name: '€5 off an order of €30 or more', amount_off: 500, currency: 'EUR', min_order_amount: 3000 },
];

/**
 * Adds the demo codes to a company, in the demo catalogue's first-time transaction (so a company is
 * given them once, like the catalogue: a server upgraded under an existing database does not grow
 * discount codes nobody made). A code already taken is left as it is.
 */
export async function seedDemoCoupons(tx: Queryable, company: string, now: number): Promise<void> {
  for (const coupon of DEMO_COUPONS) {
    try {
      await insertCoupon(tx, company, objectId(now), coupon, now);
    } catch (error) {
      if (!(error instanceof HttpError && error.code === 'coupon-code-taken')) throw error;
    }
  }
}
