import type { Queryable } from '../database.ts';

/** One step of the schema. Shipped migrations never change: existing databases have applied them. */
export interface Migration {
  /** Recorded in `tillkit_migrations` once applied; the list is applied in id order. */
  readonly id: string;
  /** Statements without parameters, split on `;` (so none inside strings or bodies). */
  readonly sql: string;
  /** What SQL alone can not do (values priced by core), run after `sql` in the same transaction. */
  readonly then?: (tx: Queryable) => Promise<void>;
}
