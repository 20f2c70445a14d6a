import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { unitPrice } from '../../src/core/index.ts';
import type { Database } from '../../server/db/database.ts';
import { migration as initial } from '../../server/db/migrations/001_initial.ts';
import { migration as booticButton } from '../../server/db/migrations/002_bootic_button.ts';
import { openPGlite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { MIGRATIONS, migrate } from '../../server/db/schema.ts';
import { dropSchema, testDatabaseUrl } from '../support/server.ts';

// The schema's migrations on a database that already holds data: what an upgrade does to it.
const url = testDatabaseUrl();
const schema = `tillkit_t_${randomBytes(6).toString('hex')}`;
const opened: Database[] = [];
after(async () => {
  for (const db of opened) await db.close();
  if (url) await dropSchema(url, schema);
});

async function open(): Promise<Database> {
  const db = url ? await openPostgres({ url, schema }) : await openPGlite('memory://');
  opened.push(db);
  return db;
}

describe('migrations', () => {
  it('003 prices the products already stored with core’s unitPrice, and later starts change nothing', async () => {
    const db = await open();
    // A database as the server before 003 left it: 001 and 002 applied, products without final_price.
    await db.exec(`CREATE TABLE tillkit_migrations (id TEXT PRIMARY KEY, applied BIGINT NOT NULL)`);
    for (const m of [initial, booticButton]) {
      await db.exec(m.sql);
      await db.query(`INSERT INTO tillkit_migrations (id, applied) VALUES ($1, 0)`, [m.id]);
    }
    await db.query(`INSERT INTO companies (id, name, created) VALUES ('c', 'C', 0)`);
    const products: [string, number, string, string][] = [
      ['a', 699, '0.5', 'EUR'], // 3.495 → 3.50
      ['b', 999, '0.5', 'CLP'], // 499.5 → 500
      ['c', 314, '0.25', 'EUR'], // 2.355 → 2.36
      ['d', 1234, '0', 'KWD'],
      ['e', 699, '0.50', 'EUR'], // the same rate written otherwise
    ];
    for (const [id, price, discount, currency] of products) {
      await db.query(
        `INSERT INTO products (id, company_id, human_id, name, currency, price, discount, created, modified)
         VALUES ($1, 'c', $1, $1, $2, $3, $4::numeric, 0, 0)`,
        [id, currency, price, discount],
      );
    }
    await migrate(db);
    const rows = await db.query<{ id: string; final_price: number }>(
      `SELECT id, final_price FROM products ORDER BY id`,
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.final_price]),
      products.map(([id, price, discount, currency]) => [id, unitPrice({ price, discount, currency })]),
    );
    assert.deepEqual(
      rows.map((r) => r.final_price),
      [350, 500, 236, 1234, 350],
    );
    const applied = await db.query<{ id: string }>(`SELECT id FROM tillkit_migrations ORDER BY id`);
    assert.deepEqual(
      applied.map((r) => r.id),
      MIGRATIONS.map((m) => m.id),
    );
    await migrate(db);
    assert.equal((await db.query(`SELECT id FROM tillkit_migrations`)).length, MIGRATIONS.length);
    await assert.rejects(
      db.query(`INSERT INTO products (id, company_id, human_id, name, currency, price, created, modified)
                VALUES ('f', 'c', 'f', 'f', 'EUR', 1, 0, 0)`),
      'every product has its final_price',
    );
  });
});
