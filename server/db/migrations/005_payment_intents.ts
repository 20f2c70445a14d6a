import type { Migration } from './migration.ts';

/**
 * Payments as PaymentIntents (issue 10). A payment is one PaymentIntent at the processor (or, for seed
 * 000's `tok_…` cards, a series of Charges that stands for one); retries confirm it again. The rule "an
 * order is held by at most one open payment" is the schema's: a partial unique index on the payment's
 * orders while it holds them. Every processor call (`charges`, the old name kept) is written with its
 * idempotency key and exact parameters before it is made. Idempotency keys are written with their effect
 * (no more `pending`). The offline `test` processor keeps its objects in the database, so that its state
 * survives a restart. Shipped: never edited; the next change is a new migration.
 */
export const migration: Migration = {
  id: '005_payment_intents',
  sql: `
ALTER TABLE payments DROP CONSTRAINT payments_current_state_check;
ALTER TABLE payments ADD CONSTRAINT payments_current_state CHECK
  (current_state IN ('processing', 'requires_action', 'declined', 'succeeded', 'canceled', 'failed'));
-- 'intent': a PaymentIntent (pm_… cards), 'charge': Charges of a tok_… card (seed 000's flow).
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'charge' CHECK (kind IN ('charge', 'intent'));
ALTER TABLE payments ADD COLUMN processor TEXT;
ALTER TABLE payments ADD COLUMN intent_id TEXT;
ALTER TABLE payments ADD COLUMN client_secret TEXT;
ALTER TABLE payments ADD COLUMN next_action JSONB;
ALTER TABLE payments ADD COLUMN return_url TEXT;
-- When the customer was first asked to authenticate (the deadline counts from it).
ALTER TABLE payments ADD COLUMN action_since BIGINT;
-- A process working on the payment (a request, the reconciler, a webhook) holds it until lease_until.
ALTER TABLE payments ADD COLUMN lease_until BIGINT;
ALTER TABLE payments ADD COLUMN lease_token TEXT;
CREATE INDEX payments_unsettled ON payments (modified) WHERE current_state IN ('processing', 'requires_action');
CREATE INDEX payments_by_intent ON payments (intent_id);

-- An order is held by at most one open payment: retries reuse it, a new one waits until it is settled.
ALTER TABLE payment_orders ADD COLUMN holds BOOLEAN NOT NULL DEFAULT FALSE;
-- The order's status when the payment took it (a pending authentication gives it back).
ALTER TABLE payment_orders ADD COLUMN prior_status TEXT;
CREATE UNIQUE INDEX payment_orders_one_open ON payment_orders (order_id) WHERE holds;

-- charges: every processor call of a payment, in order (seq), written before it is made.
ALTER TABLE charges DROP CONSTRAINT charges_status_check;
ALTER TABLE charges ADD CONSTRAINT charges_status CHECK
  (status IN ('pending', 'succeeded', 'declined', 'failed', 'requires_action', 'created', 'canceled', 'abandoned'));
ALTER TABLE charges ADD COLUMN kind TEXT NOT NULL DEFAULT 'charge' CHECK (kind IN ('charge', 'create', 'confirm', 'cancel'));
ALTER TABLE charges ADD COLUMN seq INTEGER;
ALTER TABLE charges ADD COLUMN params JSONB;
ALTER TABLE charges ADD COLUMN payment_method_id TEXT;
CREATE UNIQUE INDEX charges_by_key ON charges (idempotency_key) WHERE seq IS NOT NULL;
CREATE UNIQUE INDEX charges_by_seq ON charges (payment_id, seq) WHERE seq IS NOT NULL;

-- Payment methods saved through a SetupIntent (no token): the PaymentMethod (source) once set up.
ALTER TABLE payment_methods ALTER COLUMN token DROP NOT NULL;
ALTER TABLE payment_methods ADD COLUMN source TEXT;
ALTER TABLE payment_methods ADD COLUMN setup_intent JSONB;

-- A key's answer is written with its effect. A payment's answer is the payment as it is when asked.
ALTER TABLE idempotency_keys ADD COLUMN payment_id TEXT;

-- The offline test processor's objects (customers, payment methods, intents, charges, authentications)
-- and the idempotency keys it was sent, as Stripe keeps them.
CREATE TABLE test_processor_objects (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  data JSONB NOT NULL,
  created BIGINT NOT NULL
);
CREATE TABLE test_processor_keys (
  key TEXT PRIMARY KEY,
  endpoint TEXT NOT NULL,
  params TEXT NOT NULL,
  answer JSONB NOT NULL,
  created BIGINT NOT NULL
);
`,
  async then(tx) {
    // A payment a crashed server left in 'processing' under the old code holds its orders, so that the
    // reconciler settles it (its pending charge is resent with the same key) before they are paid again.
    await tx.query(
      `UPDATE payment_orders po SET holds = TRUE
         FROM (SELECT DISTINCT ON (po2.order_id) po2.order_id, po2.payment_id
                 FROM payment_orders po2 JOIN payments p ON p.id = po2.payment_id
                WHERE p.current_state = 'processing' ORDER BY po2.order_id, p.created DESC) newest
        WHERE po.order_id = newest.order_id AND po.payment_id = newest.payment_id`,
    );
    await tx.query(`UPDATE payments SET processor = c.processor FROM charges c WHERE c.payment_id = payments.id`);
    await tx.query(
      `UPDATE charges SET seq = 1, params = '{}'::jsonb WHERE status = 'pending'
          AND payment_id IN (SELECT payment_id FROM charges GROUP BY payment_id HAVING count(*) = 1)`,
    );
  },
};
