import {
  CURRENCY_MISMATCH,
  TillError,
  assertPrice,
  formatDecimal,
  isCurrencyCode,
  parseDecimal,
  parseRate,
  priceLine,
  toMinor,
} from 'tillkit/core';
import { Params, type Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { humanId, isObjectId } from '../http/ids.ts';
import { date, money, oid, rate, type Json } from '../http/json.ts';
import {
  idValue,
  isPlainObject,
  optBool,
  optObject,
  optObjectArray,
  optString,
  optStringArray,
  reqString,
  type Body,
} from '../http/validate.ts';

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

/** Main product → its sub-products, and sub-product → its parents, for a set of products. */
export interface Links {
  readonly subs: ReadonlyMap<string, readonly string[]>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
}

/** A product's links, leaving out deleted products unless asked. */
export async function loadLinks(db: Queryable, ids: readonly string[], includeDeleted = false): Promise<Links> {
  const subs = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  if (ids.length === 0) return { subs, parents };
  const q = new Params();
  const list = q.json(ids);
  const rows = await db.query<{ parent_id: string; sub_id: string }>(
    `SELECT l.parent_id, l.sub_id
       FROM product_links l
       JOIN products p ON p.id = l.parent_id
       JOIN products s ON s.id = l.sub_id
      WHERE (l.parent_id IN (SELECT jsonb_array_elements_text(${list})) OR l.sub_id IN (SELECT jsonb_array_elements_text(${list})))
        ${includeDeleted ? '' : 'AND NOT p.deleted AND NOT s.deleted'}
      ORDER BY l.created, l.sub_id`,
    q.values,
  );
  for (const { parent_id, sub_id } of rows) {
    (subs.get(parent_id) ?? subs.set(parent_id, []).get(parent_id)!).push(sub_id);
    (parents.get(sub_id) ?? parents.set(sub_id, []).get(sub_id)!).push(parent_id);
  }
  return { subs, parents };
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
      WHERE company_id = ${q.add(company)} AND id IN (SELECT jsonb_array_elements_text(${q.json(valid)}))
        ${includeDeleted ? '' : 'AND NOT deleted'}`,
    q.values,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** One unit after discount, exactly as an order line of quantity 1 would price it. */
export const unitFinalPrice = (row: ProductRow): number =>
  priceLine({ price: row.price, discount: row.discount, quantity: 1, currency: row.currency }).final;

/** Media are stored with server-relative URLs (`/media/...`); answers carry absolute ones. */
const absolute = (url: string, origin: string): string =>
  url.startsWith('/') && !url.startsWith('//') ? origin + url : url;

const mediumJson = (m: Medium, origin: string): Json => ({
  kind: m.kind,
  url: absolute(m.url, origin),
  name: m.name,
  human_id: m.human_id,
});

/** Seed 002's product object, with `final_price` computed by core. */
export function productJson(row: ProductRow, links: Links, origin: string, expanded?: readonly Json[]): Json {
  const image = row.image ?? row.media[0] ?? null;
  return {
    _id: oid(row.id),
    _cls: 'Product',
    human_id: row.human_id,
    name: row.name,
    description: row.description,
    short_description: row.short_description,
    currency: row.currency,
    price: money(row.price, row.currency),
    discount: rate(row.discount),
    final_price: money(unitFinalPrice(row), row.currency),
    vat: rate(row.vat),
    main_product: row.main_product,
    _sub_products: (links.subs.get(row.id) ?? []).map(oid),
    parents: (links.parents.get(row.id) ?? []).map(oid),
    sub_products: expanded,
    tags: row.tags,
    properties: row.properties,
    image: image ? mediumJson(image, origin) : null,
    media: row.media.map((m) => mediumJson(m, origin)),
    path: row.path,
    external_reference: row.external_reference ?? undefined,
    active: row.active,
    deleted: row.deleted,
    company: oid(row.company_id),
    created: date(row.created),
    modified: date(row.modified),
    company_take: -1,
    max_distance: 0,
    default_position: [-1, -1],
    business_rules: [],
  };
}

export interface ProductFilter {
  readonly all: boolean;
  readonly includeDeleted: boolean;
  readonly dateField: 'created' | 'modified';
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly text?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly sort: string;
  readonly size: number;
  readonly offset: number;
}

export const PRODUCT_SORTS: Readonly<Record<string, string>> = {
  created: 'created',
  modified: 'modified',
  price: 'price',
  final_price: '(price * (1 - discount))',
  name: 'lower(name)',
  human_id: 'human_id',
};

/** `sort=price` or `sort=-price` as an ORDER BY, from a whitelist; ties broken by id for stable pages. */
export function sortClause(sort: string, columns: Readonly<Record<string, string>>, idColumn = 'id'): string {
  const desc = sort.startsWith('-');
  const column = Object.hasOwn(columns, desc ? sort.slice(1) : sort) ? columns[desc ? sort.slice(1) : sort] : undefined;
  if (!column)
    throw badRequest(
      'query-invalid',
      `sort must be one of ${Object.keys(columns).join(', ')} (with - for descending)`,
      'sort',
    );
  const direction = desc ? 'DESC' : 'ASC';
  return `${column} ${direction} NULLS LAST, ${idColumn} ${direction}`;
}

const likePattern = (text: string) => '%' + text.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';

export async function listProducts(
  db: Queryable,
  company: string,
  f: ProductFilter,
): Promise<{ rows: ProductRow[]; total: number }> {
  const q = new Params();
  const where = [`company_id = ${q.add(company)}`];
  if (!f.all) where.push('main_product');
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
  const order = sortClause(f.sort, PRODUCT_SORTS);
  const rows = await db.query<ProductRow & { total_count: number }>(
    `SELECT *, count(*) OVER () AS total_count FROM products WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT ${q.add(f.size)} OFFSET ${q.add(f.offset)}`,
    q.values,
  );
  let total = rows[0]?.total_count ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    const [count] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM products WHERE ${where.join(' AND ')}`,
      q.values.slice(0, -2),
    );
    total = count?.n ?? 0;
  }
  return { rows, total };
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

/** A rate as the exact decimal text stored in NUMERIC: 0.10 → "0.1". */
export function rateText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest('type-invalid', `${field} must be a decimal between 0 and 1`, field);
  parseRate(value, field);
  const { digits, scale } = parseDecimal(value, field, 'rate-invalid');
  return formatDecimal(digits, scale);
}

function mediumInput(value: Body, field: string): Medium {
  if ('image' in value && !('url' in value)) {
    throw badRequest('media-invalid', 'This server stores no images: give a medium as {kind, url, name}', field);
  }
  const url = reqString(value, 'url', 2000, `${field}.url`);
  if (!/^(https?:\/\/|\/)/.test(url))
    throw badRequest('media-invalid', `${field}.url must be an http(s) URL or a path`, `${field}.url`);
  const kind = optString(value, 'kind', 50, `${field}.kind`) ?? 'image';
  return { kind, url, name: optString(value, 'name', 200, `${field}.name`) ?? '', human_id: humanId() };
}

/**
 * Reads a product body. `current` is the stored product on update (its currency prices a new `price`);
 * on create, `name`, `price` and `currency` are required.
 */
export function productInput(body: Body, current?: ProductRow): ProductInput {
  const input: ProductInput = {};
  const name = current ? optString(body, 'name', 500) : reqString(body, 'name', 500);
  if (name !== undefined) {
    if (name.trim() === '') throw badRequest('required', 'name can not be empty', 'name');
    input.name = name;
  }
  const currency = body.currency;
  if (currency !== undefined || !current) {
    if (!isCurrencyCode(currency))
      throw badRequest('currency-unknown', 'currency must be an ISO 4217 code such as "EUR"', 'currency');
    input.currency = currency;
  }
  const priceValue = body.price;
  if (priceValue !== undefined || !current) {
    if (typeof priceValue !== 'number') throw badRequest('type-invalid', 'price must be a number', 'price');
    const price = toMinor(priceValue, input.currency ?? current!.currency, 'price');
    assertPrice(price, 'price');
    input.price = price;
  } else if (input.currency && input.currency !== current.currency) {
    throw badRequest('required', 'price is required when the currency changes', 'price');
  }
  const discount = rateText(body.discount, 'discount');
  if (discount !== undefined) input.discount = discount;
  const vat = rateText(body.vat, 'vat');
  if (vat !== undefined) input.vat = vat;
  for (const key of ['description', 'short_description', 'path', 'external_reference'] as const) {
    const value = optString(body, key, key === 'description' ? 20_000 : 2000);
    if (value !== undefined) input[key] = value;
  }
  for (const key of ['main_product', 'active', 'deleted'] as const) {
    const value = optBool(body, key);
    if (value !== undefined) input[key] = value;
  }
  const tags = optStringArray(body, 'tags');
  if (tags !== undefined) input.tags = tags;
  const properties = optObject(body, 'properties');
  if (properties !== undefined) input.properties = properties;
  const media = optObjectArray(body, 'media', 20);
  if (media !== undefined) input.media = media.map((m, i) => mediumInput(m, `media[${i}]`));
  const image = body.image;
  if (image === null) input.image = null;
  else if (typeof image === 'string') input.image = mediumInput({ url: image }, 'image');
  else if (isPlainObject(image)) input.image = mediumInput(image, 'image');
  else if (image !== undefined) throw badRequest('type-invalid', 'image must be a URL or {url, name}', 'image');
  return input;
}

const INSERT_ATTEMPTS = 8;

/** Stores a new product; `human_id` is drawn until unique in the company. */
export async function insertProduct(
  db: Queryable,
  company: string,
  id: string,
  input: ProductInput & Required<Pick<ProductInput, 'name' | 'currency' | 'price'>>,
  now: number,
): Promise<ProductRow> {
  for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
    const q = new Params();
    const [row] = await db.query<ProductRow>(
      `INSERT INTO products (id, company_id, human_id, name, description, short_description, currency, price, discount, vat,
                             main_product, tags, properties, media, image, path, external_reference, active, deleted, created, modified)
       VALUES (${q.add(id)}, ${q.add(company)}, ${q.add(humanId())}, ${q.add(input.name)}, ${q.add(input.description ?? '')},
               ${q.add(input.short_description ?? '')}, ${q.add(input.currency)}, ${q.add(input.price)},
               ${q.add(input.discount ?? '0')}::numeric, ${q.add(input.vat ?? '0')}::numeric, ${q.add(input.main_product ?? true)},
               ${q.json(input.tags ?? [])}, ${q.json(input.properties ?? {})}, ${q.json(input.media ?? [])},
               ${input.image ? q.json(input.image) : 'NULL'}, ${q.add(input.path ?? '/')}, ${q.add(input.external_reference ?? null)},
               ${q.add(input.active ?? true)}, ${q.add(input.deleted ?? false)}, ${q.add(now)}, ${q.add(now)})
       ON CONFLICT (company_id, human_id) DO NOTHING
       RETURNING *`,
      q.values,
    );
    if (row) return row;
  }
  throw new Error('could not draw a unique human_id');
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
  sets.push(`modified = ${q.add(now)}`);
  const [updated] = await db.query<ProductRow>(
    `UPDATE products SET ${sets.join(', ')} WHERE id = ${q.add(row.id)} RETURNING *`,
    q.values,
  );
  return updated!;
}

/**
 * Offers sub-products with a main product (`PUT /products/:id/sub_products` `add`), keeping the rules:
 * only a main product has sub-products, only a sub-product (main_product false) is offered, in the
 * parent's currency. Adding one already offered changes nothing.
 */
export async function linkSubProducts(
  db: Queryable,
  company: string,
  parent: ProductRow,
  ids: readonly unknown[],
  now: number,
  field = 'add',
): Promise<void> {
  if (!parent.main_product) {
    throw new TillError(
      'sub-product-nested',
      `${parent.name} is a sub-product and can not have sub-products of its own`,
      field,
    );
  }
  const wanted = ids.map((value, i) => {
    const id = idValue(value);
    if (!isObjectId(id)) throw badRequest('product-unknown', `${field}[${i}] must be a product id`, `${field}[${i}]`);
    return id;
  });
  const found = await productsByIds(db, company, wanted);
  for (const [i, id] of wanted.entries()) {
    const sub = found.get(id);
    const at = `${field}[${i}]`;
    if (!sub) throw badRequest('product-unknown', `No product with id ${id}`, at);
    if (sub.main_product) {
      throw new TillError(
        'sub-product-nested',
        `${sub.name} is a main product; only a product with main_product false can be a sub-product`,
        at,
      );
    }
    if (sub.currency !== parent.currency) throw new TillError('currency-mismatch', CURRENCY_MISMATCH, at);
  }
  for (const id of new Set(wanted)) {
    await db.query(
      `INSERT INTO product_links (company_id, parent_id, sub_id, created) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [company, parent.id, id, now],
    );
  }
}

export async function unlinkSubProducts(
  db: Queryable,
  parent: ProductRow,
  ids: readonly unknown[],
  field = 'remove',
): Promise<void> {
  const wanted = ids.map((value, i) => {
    const id = idValue(value);
    if (!isObjectId(id)) throw badRequest('product-unknown', `${field}[${i}] must be a product id`, `${field}[${i}]`);
    return id;
  });
  if (wanted.length === 0) return;
  await db.query(
    `DELETE FROM product_links WHERE parent_id = $1 AND sub_id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [parent.id, JSON.stringify(wanted)],
  );
}
