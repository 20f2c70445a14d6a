import type { Queryable } from '../db/database.ts';

/** A tag of the catalogue and how many main products carry it. */
export type TagCount = {
  readonly name: string;
  readonly count: number;
};

/**
 * The tags of a company's main products that are not deleted (what `/products` lists), each with how
 * many products carry it, by name; tags that differ only in case are one, as `/products/tags` matches
 * them. Also how many products there are, so a shop can leave out a tag every product carries.
 */
export async function catalogueTags(db: Queryable, company: string): Promise<{ products: number; tags: TagCount[] }> {
  const tags = await db.query<{ name: string; count: number }>(
    `SELECT min(t) AS name, count(DISTINCT p.id)::int AS count
       FROM products p CROSS JOIN LATERAL jsonb_array_elements_text(p.tags) t
      WHERE p.company_id = $1 AND p.main_product AND NOT p.deleted
      GROUP BY lower(t)
      ORDER BY lower(t)`,
    [company],
  );
  const [total] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM products WHERE company_id = $1 AND main_product AND NOT deleted`,
    [company],
  );
  return { products: total?.n ?? 0, tags: tags.map(({ name, count }) => ({ name, count })) };
}
