import type { Migration } from './migration.ts';

/**
 * Coupons (seed 001's `coupon` on a new order, `coupons` on the order), in Stripe's coupon vocabulary:
 * `percent_off` (exact NUMERIC, 0 to 100) or `amount_off` in minor units of `currency`, a minimum order
 * total, a validity window and a cap on redemptions. An order keeps a snapshot of the terms it was
 * priced with (`coupon`), what they took off (`discount_amount`), and the coupon it names. A redemption
 * is a row per paid order, counted once (`coupon_redemptions`' key), with `times_redeemed` beside it.
 */
export const migration: Migration = {
  id: '004_coupons',
  sql: `
CREATE TABLE coupons (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  code TEXT NOT NULL,
  -- The code as matched: codes are case-insensitive ("summer10" is SUMMER10).
  code_key TEXT NOT NULL,
  name TEXT,
  percent_off NUMERIC CHECK (percent_off > 0 AND percent_off <= 100),
  amount_off BIGINT CHECK (amount_off > 0),
  currency TEXT,
  min_order_amount BIGINT CHECK (min_order_amount >= 0),
  valid_from BIGINT,
  redeem_by BIGINT,
  max_redemptions INTEGER CHECK (max_redemptions > 0),
  times_redeemed INTEGER NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL,
  UNIQUE (company_id, code_key),
  CHECK ((percent_off IS NULL) <> (amount_off IS NULL)),
  CHECK (amount_off IS NULL OR currency IS NOT NULL),
  CHECK (min_order_amount IS NULL OR currency IS NOT NULL)
);

CREATE TABLE coupon_redemptions (
  order_id TEXT PRIMARY KEY REFERENCES orders (id),
  coupon_id TEXT NOT NULL REFERENCES coupons (id),
  payment_id TEXT,
  created BIGINT NOT NULL
);
CREATE INDEX coupon_redemptions_by_coupon ON coupon_redemptions (coupon_id);

ALTER TABLE orders ADD COLUMN coupon_id TEXT REFERENCES coupons (id);
ALTER TABLE orders ADD COLUMN coupon JSONB;
ALTER TABLE orders ADD COLUMN discount_amount BIGINT NOT NULL DEFAULT 0;
CREATE INDEX orders_by_coupon ON orders (coupon_id, order_status) WHERE coupon_id IS NOT NULL;
`,
};
