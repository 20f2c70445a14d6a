import { createHash } from 'node:crypto';
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

const names = new Map<string, string>();

/**
 * The name of a statement's prepared form: derived from its text, so one name always means one text
 * (node-postgres refuses a name reused for another text) and each connection parses and plans a text
 * once, then only binds and executes it.
 */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `t${createHash('sha256').update(sql).digest('base64url').slice(0, 22)}`;
    if (names.size < 10_000) names.set(sql, name);
  }
  return name;
}

/**
 * A prepared statement whose table changed shape since it was prepared (another server migrated the
 * schema under `SELECT *`): PostgreSQL refuses to run it on that connection again.
 */
const stalePlan = (error: unknown) =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(error));

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

  const run = async <T extends Row>(client: pg.PoolClient, sql: string, params: readonly unknown[] = []) =>
    (await client.query<T>({ name: statementName(sql), text: sql, values: params as unknown[] })).rows;

  /**
   * Runs `fn` on a client of the pool. A connection whose prepared plan went stale is closed (its prepared
   * statements go with it); a single statement is then run once more on another, a transaction is not
   * (its code may have acted on what it read: the request fails, and its retry runs on a fresh connection).
   */
  async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>, retry: boolean): Promise<T> {
    const client = await pool.connect();
    try {
      const result = await fn(client);
      client.release();
      return result;
    } catch (error) {
      // The connection's prepared statements die with it.
      client.release(stalePlan(error) ? true : undefined);
      if (retry && stalePlan(error)) return withClient(fn, false);
      throw error;
    }
  }

  return {
    kind: 'postgres',
    query: (sql, params) => withClient((client) => run(client, sql, params), true),
    transaction: (fn) =>
      withClient(async (client) => {
        const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
        try {
          await client.query('BEGIN');
          const result = await fn(tx);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }, false),
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
