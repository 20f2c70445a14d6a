import { unitPrice } from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { likePattern, pagedQuery, sortClause } from '../db/paged.ts';
import { insertWithUniqueCode } from '../db/unique.ts';
import { humanId, isObjectId } from '../http/ids.ts';
import type { Json } from '../http/json.ts';
import type { Body } from '../http/validate.ts';

export interface Medium {
  readonly kind: string;
  readonly url: string;
  readonly name: string;
  readonly human_id: string;
}

export interface ProductRow {
  readonly id: string;
  readonly company_id: string;
  readonly human_id: string;
  readonly name: string;
  readonly description: string;
  readonly short_description: string;
  readonly currency: string;
  /** Minor units. */
  readonly price: number;
  /** Exact decimal text, e.g. "0.1". */
  readonly discount: string;
  /** One unit after the discount (core's `unitPrice`), minor units: written with every product write. */
  readonly final_price: number;
  readonly vat: string;
  readonly main_product: boolean;
  readonly tags: string[];
  readonly properties: Record<string, Json>;
  readonly media: Medium[];
  readonly image: Medium | null;
  readonly path: string;
  readonly external_reference: string | null;
  readonly active: boolean;
  readonly deleted: boolean;
  readonly created: number;
  readonly modified: number;
  [column: string]: unknown;
}

export async function productsByIds(
  db: Queryable,
  company: string,
  ids: readonly string[],
  includeDeleted = false,
): Promise<Map<string, ProductRow>> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (valid.length === 0) return new Map();
  const q = new Params();
  const rows = await db.query<ProductRow>(
    `SELECT * FROM products
      WHERE company_id = ${q.add(company)} AND id = ANY(${q.texts(valid)})
        ${includeDeleted ? '' : 'AND NOT deleted'}`,
    q.values,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ProductFilter {
  readonly all: boolean;
  readonly includeDeleted: boolean;
  readonly dateField: 'created' | 'modified';
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly text?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  /** Only the sub-products offered with this main product (then sub-products are listed, of course). */
  readonly subProductsOf?: string | undefined;
  readonly sort: string;
}

export const PRODUCT_SORTS: Readonly<Record<string, string>> = {
  created: 'created',
  modified: 'modified',
  price: 'price',
  final_price: 'final_price',
  name: 'lower(name)',
  human_id: 'human_id',
};

/** A page of the company's products, and how many there are. */
export function listProducts(
  db: Queryable,
  company: string,
  f: ProductFilter,
  page: { readonly size: number; readonly offset: number },
): Promise<{ rows: ProductRow[]; total: number }> {
  const q = new Params();
  const where = [`company_id = ${q.add(company)}`];
  if (f.subProductsOf !== undefined) {
    where.push(`id IN (SELECT sub_id FROM product_links WHERE parent_id = ${q.add(f.subProductsOf)})`);
  } else if (!f.all) where.push('main_product');
  if (!f.includeDeleted) where.push('NOT deleted');
  if (f.from !== undefined) where.push(`${f.dateField} >= ${q.add(f.from)}`);
  if (f.to !== undefined) where.push(`${f.dateField} <= ${q.add(f.to)}`);
  if (f.text !== undefined) {
    const pattern = q.add(likePattern(f.text));
    const exact = q.add(f.text.trim());
    // The properties a shop shows beside the title (seed catalogue: director and year; actors when given).
    where.push(
      `(name ILIKE ${pattern} OR description ILIKE ${pattern} OR short_description ILIKE ${pattern}
        OR concat_ws(' ', properties->>'director', properties->>'year', properties->>'actors') ILIKE ${pattern}
        OR id = lower(${exact}) OR human_id = upper(${exact}))`,
    );
  }
  if (f.tags !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM jsonb_array_elements_text(tags) t
                WHERE lower(t) IN (SELECT lower(x) FROM jsonb_array_elements_text(${q.json(f.tags)}) x))`,
    );
  }
  return pagedQuery<ProductRow>(
    db,
    q,
    { select: '*', from: 'products', where: where.join(' AND '), orderBy: sortClause(f.sort, PRODUCT_SORTS) },
    page,
  );
}

/** The columns of a product as given in a create or update body, validated. */
export interface ProductInput {
  name?: string;
  description?: string;
  short_description?: string;
  currency?: string;
  price?: number;
  discount?: string;
  vat?: string;
  main_product?: boolean;
  tags?: string[];
  properties?: Body;
  media?: Medium[];
  image?: Medium | null;
  path?: string;
  external_reference?: string;
  active?: boolean;
  deleted?: boolean;
}

/** Stores a new product, its `final_price` priced by core; `human_id` is drawn until unique in the company. */
export function insertProduct(
  db: Queryable,
  company: string,
  id: string,
  input: ProductInput & Required<Pick<ProductInput, 'name' | 'currency' | 'price'>>,
  now: number,
): Promise<ProductRow> {
  return insertWithUniqueCode(
    humanId,
    async (code) => {
      const q = new Params();
      const [row] = await db.query<ProductRow>(
        `INSERT INTO products (id, company_id, human_id, name, description, short_description, currency, price, discount, final_price, vat,
                               main_product, tags, properties, media, image, path, external_reference, active, deleted, created, modified)
         VALUES (${q.add(id)}, ${q.add(company)}, ${q.add(code)}, ${q.add(input.name)}, ${q.add(input.description ?? '')},
                 ${q.add(input.short_description ?? '')}, ${q.add(input.currency)}, ${q.add(input.price)},
                 ${q.add(input.discount ?? '0')}::numeric, ${q.add(unitPrice({ ...input, discount: input.discount ?? '0' }))},
                 ${q.add(input.vat ?? '0')}::numeric, ${q.add(input.main_product ?? true)},
                 ${q.json(input.tags ?? [])}, ${q.json(input.properties ?? {})}, ${q.json(input.media ?? [])},
                 ${input.image ? q.json(input.image) : 'NULL'}, ${q.add(input.path ?? '/')}, ${q.add(input.external_reference ?? null)},
                 ${q.add(input.active ?? true)}, ${q.add(input.deleted ?? false)}, ${q.add(now)}, ${q.add(now)})
         ON CONFLICT (company_id, human_id) DO NOTHING
         RETURNING *`,
        q.values,
      );
      return row;
    },
    'human_id',
  );
}

const JSON_COLUMNS = new Set(['tags', 'properties', 'media', 'image']);
const NUMERIC_COLUMNS = new Set(['discount', 'vat']);

/** Applies a validated update; returns the row as stored after it. */
export async function updateProduct(
  db: Queryable,
  row: ProductRow,
  input: ProductInput,
  now: number,
): Promise<ProductRow> {
  const q = new Params();
  const sets = Object.entries(input).map(([column, value]) => {
    if (JSON_COLUMNS.has(column)) return `${column} = ${value === null ? 'NULL' : q.json(value)}`;
    if (NUMERIC_COLUMNS.has(column)) return `${column} = ${q.add(value)}::numeric`;
    return `${column} = ${q.add(value)}`;
  });
  // The price after discount follows the price, the discount and the currency (core's rule).
  const finalPrice = unitPrice({
    price: input.price ?? row.price,
    discount: input.discount ?? row.discount,
    currency: input.currency ?? row.currency,
  });
  sets.push(`final_price = ${q.add(finalPrice)}`, `modified = ${q.add(now)}`);
  const [updated] = await db.query<ProductRow>(
    `UPDATE products SET ${sets.join(', ')} WHERE id = ${q.add(row.id)} RETURNING *`,
    q.values,
  );
  return updated!;
}
