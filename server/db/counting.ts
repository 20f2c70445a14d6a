import type { Database, Queryable } from './database.ts';

/** What a database did so far: statements sent, transactions, and round trips to the server. */
export interface QueryCounts {
  /** Statements the code sent (inside transactions or not), BEGIN and COMMIT not included. */
  statements: number;
  transactions: number;
  /**
   * Round trips to the database: each statement, and a transaction's BEGIN and its COMMIT (or
   * ROLLBACK). What a request waits for on PostgreSQL, whatever the statements cost there.
   */
  roundTrips: number;
  /** Statements by their text's first words (a normalised prefix), to see which ones run. */
  readonly bySql: Map<string, number>;
}

export interface CountingDatabase extends Database {
  /** A copy of the counts so far. */
  counts(): QueryCounts;
}

export const emptyCounts = (): QueryCounts => ({ statements: 0, transactions: 0, roundTrips: 0, bySql: new Map() });

/** The counts of `after` less those of `before` (a request's, a checkout's). */
export function countsBetween(before: QueryCounts, after: QueryCounts): QueryCounts {
  const bySql = new Map<string, number>();
  for (const [sql, n] of after.bySql) {
    const d = n - (before.bySql.get(sql) ?? 0);
    if (d > 0) bySql.set(sql, d);
  }
  return {
    statements: after.statements - before.statements,
    transactions: after.transactions - before.transactions,
    roundTrips: after.roundTrips - before.roundTrips,
    bySql,
  };
}

const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/**
 * A decorator of the Database that counts what goes to the database (TILLKIT_COUNT_QUERIES=1, or a
 * test's): the statement budget of a checkout is asserted from it, and `bench/server.ts` prints it. It
 * changes nothing else. A transaction costs two round trips of its own (BEGIN, COMMIT).
 */
export function countingDatabase(db: Database): CountingDatabase {
  const totals = emptyCounts();
  const count = (sql: string) => {
    totals.statements++;
    totals.roundTrips++;
    const key = label(sql);
    totals.bySql.set(key, (totals.bySql.get(key) ?? 0) + 1);
  };
  const wrap = (q: Queryable): Queryable => ({
    query(sql, params) {
      count(sql);
      return q.query(sql, params);
    },
  });
  return {
    kind: db.kind,
    query(sql, params) {
      count(sql);
      return db.query(sql, params);
    },
    transaction(fn) {
      totals.transactions++;
      totals.roundTrips += 2;
      return db.transaction((tx) => fn(wrap(tx)));
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    counts: () => ({ ...totals, bySql: new Map(totals.bySql) }),
  };
}
