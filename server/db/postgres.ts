import pg from 'pg';
import type { Database, Queryable, Row } from './database.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** Every client of the pool reads BIGINT as a number and NUMERIC as exact text, like the PGlite adapter. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (text: string) => Number(text);
    if (oid === NUMERIC) return (text: string) => text;
    return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
  },
};

export interface PostgresOptions {
  readonly url: string;
  /** A schema to use (created if missing) instead of `public`; test suites each get their own. */
  readonly schema?: string | undefined;
  readonly max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres({ url, schema, max = 10 }: PostgresOptions): Promise<Database> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: typeParsers,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> =>
    (await pool.query<T>(sql, params as unknown[])).rows;
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = {
        query: async <T extends Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query<T>(sql, params as unknown[])).rows,
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
