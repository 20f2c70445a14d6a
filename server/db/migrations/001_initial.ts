import type { Migration } from './migration.ts';

/**
 * The first schema: companies, users, products and their sub-product links, orders, payment methods,
 * payments with the orders they pay and the processor calls made for them, and idempotency keys.
 * Shipped: databases have applied this text, so it never changes; the next change is a new migration.
 */
export const migration: Migration = {
  id: '001_initial',
  sql: `
CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  seeded_at BIGINT,
  created BIGINT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  sub TEXT NOT NULL,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  salutation TEXT,
  mobile_phone_number TEXT,
  addresses JSONB NOT NULL DEFAULT '[]',
  billing_address JSONB,
  bio TEXT,
  note TEXT,
  tags JSONB NOT NULL DEFAULT '[]',
  stripe_customer_id TEXT,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL,
  last_login BIGINT,
  UNIQUE (company_id, sub)
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  human_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  short_description TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL,
  price BIGINT NOT NULL CHECK (price >= 0),
  discount NUMERIC NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount <= 1),
  vat NUMERIC NOT NULL DEFAULT 0 CHECK (vat >= 0 AND vat <= 1),
  main_product BOOLEAN NOT NULL DEFAULT TRUE,
  tags JSONB NOT NULL DEFAULT '[]',
  properties JSONB NOT NULL DEFAULT '{}',
  media JSONB NOT NULL DEFAULT '[]',
  image JSONB,
  path TEXT NOT NULL DEFAULT '/',
  external_reference TEXT,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL,
  UNIQUE (company_id, human_id)
);
CREATE INDEX products_by_created ON products (company_id, created);

-- Main product → sub-product offers (rules 1 and 2: many to many).
CREATE TABLE product_links (
  company_id TEXT NOT NULL REFERENCES companies (id),
  parent_id TEXT NOT NULL REFERENCES products (id),
  sub_id TEXT NOT NULL REFERENCES products (id),
  created BIGINT NOT NULL,
  PRIMARY KEY (parent_id, sub_id),
  CHECK (parent_id <> sub_id)
);
CREATE INDEX product_links_by_sub ON product_links (sub_id);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  human_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  -- The items as snapshotted when the order was made (or its items last replaced): names, prices in
  -- minor units, rates as decimal strings. Products changing later do not change orders.
  items JSONB NOT NULL,
  total_amount BIGINT NOT NULL CHECK (total_amount >= 0),
  total_vat BIGINT NOT NULL,
  total_quantity INTEGER NOT NULL,
  units INTEGER NOT NULL,
  order_status TEXT NOT NULL DEFAULT 'CREATED'
    CHECK (order_status IN ('CREATED', 'PROCESSING', 'DECLINED', 'FAILED', 'SUCCESS', 'CANCELLED')),
  delivery_status TEXT NOT NULL DEFAULT 'PENDING',
  delivery_address JSONB,
  billing_address JSONB,
  pickup_address JSONB,
  delivery_time BIGINT,
  pickup_time BIGINT,
  note TEXT NOT NULL DEFAULT '',
  resources JSONB NOT NULL DEFAULT '[]',
  btn_ref TEXT,
  stripe_charge_id TEXT,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL,
  UNIQUE (company_id, human_id)
);
CREATE INDEX orders_by_user ON orders (company_id, user_id, created);
CREATE INDEX orders_by_created ON orders (company_id, created);

CREATE TABLE payment_methods (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  method TEXT NOT NULL,
  processor TEXT NOT NULL,
  token TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  card JSONB NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL
);
CREATE INDEX payment_methods_by_user ON payment_methods (company_id, user_id, created);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  human_id TEXT NOT NULL,
  payment_method_id TEXT NOT NULL REFERENCES payment_methods (id),
  -- The orders paid, sorted and comma-joined: a retry of the same payment finds its failed charge by it.
  order_key TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  current_state TEXT NOT NULL CHECK (current_state IN ('processing', 'succeeded', 'declined', 'failed')),
  charge_id TEXT,
  error_code TEXT,
  decline_code TEXT,
  error_message TEXT,
  payment_date BIGINT,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL,
  UNIQUE (company_id, human_id)
);

CREATE TABLE payment_orders (
  payment_id TEXT NOT NULL REFERENCES payments (id),
  order_id TEXT NOT NULL REFERENCES orders (id),
  PRIMARY KEY (payment_id, order_id)
);
CREATE INDEX payment_orders_by_order ON payment_orders (order_id);

-- Every call to the payment processor, written before the call and completed after it, so "charged
-- once" can be checked (and a crash mid-charge leaves a trace).
CREATE TABLE charges (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id),
  payment_id TEXT NOT NULL REFERENCES payments (id),
  processor TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  -- Sent to the processor. A retry after a failure with an unknown outcome reuses the failed charge's
  -- key, so the processor answers with the first charge if it did happen instead of charging again.
  idempotency_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined', 'failed')),
  processor_id TEXT,
  code TEXT,
  decline_code TEXT,
  message TEXT,
  created BIGINT NOT NULL,
  modified BIGINT NOT NULL
);
CREATE INDEX charges_by_payment ON charges (payment_id);
CREATE INDEX payments_by_order_key ON payments (company_id, order_key);

CREATE TABLE idempotency_keys (
  company_id TEXT NOT NULL REFERENCES companies (id),
  caller TEXT NOT NULL,
  key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  status INTEGER,
  body TEXT,
  created BIGINT NOT NULL,
  PRIMARY KEY (company_id, caller, key)
);
`,
};
