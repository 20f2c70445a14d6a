import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database.ts';

const parsers = {
  [types.INT8]: (text: string) => Number(text),
  [types.NUMERIC]: (text: string) => text,
};

/**
 * Embedded PostgreSQL (WASM). One connection: PGlite runs one query at a time and holds a transaction
 * exclusively until it ends, so transactions are serialised, which the payment lock relies on no more
 * than it does on PostgreSQL's row locks.
 */
export async function openPGlite(dataDir: string): Promise<Database> {
  const db = new PGlite(dataDir, { parsers });
  await db.waitReady;
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: (sql, params) => base.query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    close: () => db.close(),
  };
}
