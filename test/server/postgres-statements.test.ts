import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../server/db/database.ts';
import { openPostgres, statementName } from '../../server/db/postgres.ts';
import { dropSchema, testDatabaseUrl } from '../support/server.ts';

// Named prepared statements on PostgreSQL (server/db/postgres.ts): a name per text, parsed once per
// connection, and a connection whose prepared plan went stale (another server changed the table under
// `SELECT *`) replaced rather than failing every request after.
const url = testDatabaseUrl();
const skip = url ? false : 'needs PostgreSQL (TILLKIT_TEST_DATABASE_URL)';
const schema = `tillkit_t_${randomBytes(6).toString('hex')}`;
let db: Database | undefined;
after(async () => {
  await db?.close();
  if (url) await dropSchema(url, schema);
});

describe('PostgreSQL statements', { skip }, () => {
  it('names a statement by its text: one text, one name', () => {
    const a = 'SELECT * FROM orders WHERE id = $1';
    assert.equal(statementName(a), statementName(`${a}`));
    assert.notEqual(statementName(a), statementName(`${a} `));
    assert.match(statementName(a), /^t[\w-]{22}$/);
  });

  it('prepares each statement once per connection and binds it after', async () => {
    db = await openPostgres({ url: url!, schema, max: 1 });
    await db.exec(`CREATE TABLE t (id INT PRIMARY KEY, a TEXT)`);
    for (let i = 0; i < 3; i++) await db.query(`INSERT INTO t (id, a) VALUES ($1, $2)`, [i, `row ${i}`]);
    await db.transaction(async (tx) => {
      await tx.query(`SELECT * FROM t WHERE id = $1`, [1]);
      await tx.query(`SELECT * FROM t WHERE id = $1`, [2]);
    });
    const prepared = await db.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements`);
    const texts = prepared.map((p) => p.statement).sort();
    assert.deepEqual(texts, [
      'INSERT INTO t (id, a) VALUES ($1, $2)',
      'SELECT * FROM t WHERE id = $1',
      'SELECT statement FROM pg_prepared_statements',
    ]);
  });

  it('runs a statement again on a new connection when its table changed shape under SELECT *', async () => {
    assert.deepEqual(await db!.query(`SELECT * FROM t WHERE id = $1`, [1]), [{ id: 1, a: 'row 1' }]);
    // Another server migrates the table.
    const other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await other.connect();
    await other.query(`ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'b'`);
    await other.end();
    assert.deepEqual(await db!.query(`SELECT * FROM t WHERE id = $1`, [1]), [{ id: 1, a: 'row 1', b: 'b' }]);
    // A transaction that meets it fails once (its retry, on a fresh connection, works).
    await db!.exec(`ALTER TABLE t ADD COLUMN c TEXT`);
    await assert.rejects(
      db!.transaction((tx) => tx.query(`SELECT * FROM t WHERE id = $1`, [2])),
      /cached plan must not change result type/,
    );
    const rows = await db!.transaction((tx) => tx.query(`SELECT * FROM t WHERE id = $1`, [2]));
    assert.deepEqual(rows, [{ id: 2, a: 'row 2', b: 'b', c: null }]);
  });
});
