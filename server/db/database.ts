/**
 * The one interface the routes use, so the same SQL runs on embedded PGlite and on PostgreSQL.
 * Both adapters read BIGINT as a JS number (every amount is a bounded count of minor units, and times are
 * epoch milliseconds) and NUMERIC as its exact decimal text (rates such as "0.25").
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds parameter placeholders as values are added, so dynamic filters stay parameterised:
 * `const q = new Params(); sql += ' AND price >= ' + q.add(100)`.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  /** A JSON parameter, cast on the SQL side: the same text works for both drivers. */
  json(value: unknown): string {
    return `${this.add(JSON.stringify(value))}::jsonb`;
  }
  /**
   * A list of texts as an array, for `column = ANY(…)`: JSON on the wire (the same text for both drivers),
   * an array to the planner, which then looks each one up by index (`IN (SELECT jsonb_array_elements_text
   * …)` is guessed at 100 rows, and planned as a scan of the whole table).
   */
  texts(values: readonly string[]): string {
    return `ARRAY(SELECT jsonb_array_elements_text(${this.json(values)}))`;
  }
  /**
   * A parameter cast to a column's type, as `INSERT … SELECT` needs (its values get no type from the
   * columns, as `VALUES` do); null is SQL NULL, a JSON column's too.
   */
  typed(value: unknown, type: string): string {
    return type === 'jsonb' && value !== null ? this.json(value) : `${this.add(value)}::${type}`;
  }
}
