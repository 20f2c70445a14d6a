import { badRequest } from '../http/errors.ts';
import type { Params, Queryable, Row } from './database.ts';

/** A list query's parts: `SELECT <select> FROM <from> WHERE <where> ORDER BY <orderBy>`, parameters in `q`. */
export interface ListQuery {
  readonly select: string;
  readonly from: string;
  readonly where: string;
  readonly orderBy: string;
}

/**
 * One page of a list and the whole list's length (for `X-Total-Count`) in one query: `count(*) OVER ()`
 * counts the rows before LIMIT. A page past the end has no row to carry the count, so then the rows are
 * counted apart.
 */
export async function pagedQuery<T extends Row>(
  db: Queryable,
  q: Params,
  { select, from, where, orderBy }: ListQuery,
  { size, offset }: { readonly size: number; readonly offset: number },
): Promise<{ rows: T[]; total: number }> {
  const rows = await db.query<T & { total_count: number }>(
    `SELECT ${select}, count(*) OVER () AS total_count FROM ${from} WHERE ${where}
      ORDER BY ${orderBy} LIMIT ${q.add(size)} OFFSET ${q.add(offset)}`,
    q.values,
  );
  let total = rows[0]?.total_count ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [count] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${from} WHERE ${where}`,
      q.values.slice(0, -2),
    );
    total = count?.n ?? 0;
  }
  return { rows: rows.map(({ total_count: _count, ...row }) => row as unknown as T), total };
}

/** `sort=price` or `sort=-price` as an ORDER BY, from a whitelist; ties broken by id for stable pages. */
export function sortClause(sort: string, columns: Readonly<Record<string, string>>, idColumn = 'id'): string {
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (!column)
    throw badRequest(
      'query-invalid',
      `sort must be one of ${Object.keys(columns).join(', ')} (with - for descending)`,
      'sort',
    );
  const direction = desc ? 'DESC' : 'ASC';
  return `${column} ${direction} NULLS LAST, ${idColumn} ${direction}`;
}

/** A search text as an ILIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally. */
export const likePattern = (text: string): string => '%' + text.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
