import type { Database } from './database.ts';
import { migration as initial } from './migrations/001_initial.ts';
import { migration as booticButton } from './migrations/002_bootic_button.ts';
import { migration as productFinalPrice } from './migrations/003_product_final_price.ts';
import { migration as coupons } from './migrations/004_coupons.ts';
import { migration as paymentIntents } from './migrations/005_payment_intents.ts';
import { migration as hotOrderUpdates } from './migrations/006_hot_order_updates.ts';
import type { Migration } from './migrations/migration.ts';

/**
 * The schema, as an append-only list of migrations applied at start-up, one file each in
 * `migrations/`. Never edit a migration that has shipped; add the next one. Money is BIGINT minor
 * units, rates are NUMERIC (exact), times are epoch milliseconds (BIGINT), ids are the 24-hex strings
 * the API shows.
 */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  booticButton,
  productFinalPrice,
  coupons,
  paymentIntents,
  hotOrderUpdates,
];

/** Applies the migrations not yet applied, under an advisory lock so two servers starting at once agree. */
export async function migrate(db: Database): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS tillkit_migrations (id TEXT PRIMARY KEY, applied BIGINT NOT NULL)`);
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(4201700)`);
    const done = new Set((await tx.query<{ id: string }>(`SELECT id FROM tillkit_migrations`)).map((r) => r.id));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await migration.then?.(tx);
      await tx.query(`INSERT INTO tillkit_migrations (id, applied) VALUES ($1, $2)`, [migration.id, Date.now()]);
    }
  });
}

/** The migrations hold no semicolons inside strings or bodies, so splitting on `;` is enough. */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
