import { Hono } from 'hono';
import { requireAdmin } from '../auth.ts';
import { send, type AppContext, type AppEnv, type Deps } from '../context.ts';
import type { Queryable } from '../db/database.ts';
import { jsonBody } from '../http/body.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { isObjectId, objectId } from '../http/ids.ts';
import type { Json } from '../http/json.ts';
import { dateRange, paging, queryBool, queryEnum, querySearch, type Body } from '../http/validate.ts';
import { linkSubProducts, loadLinks, unlinkSubProducts } from '../model/product-links.ts';
import { productJson } from '../model/product-json.ts';
import {
  insertProduct,
  listProducts,
  productsByIds,
  updateProduct,
  type ProductFilter,
  type ProductRow,
} from '../model/products.ts';
import { productInput } from './product-input.ts';

const origin = (c: AppContext) => new URL(c.req.url).origin;

/**
 * Products answer as seed 002 shows them. `?expand=sub_products` (our addition) puts the sub-product
 * objects themselves in `sub_products`, so a shop can show a product's add-ons in one request.
 */
async function render(
  db: Queryable,
  c: AppContext,
  rows: readonly ProductRow[],
  includeDeleted: boolean,
): Promise<Json[]> {
  const links = await loadLinks(
    db,
    rows.map((r) => r.id),
    includeDeleted,
  );
  let expanded: Map<string, Json> | undefined;
  if (c.req.query('expand') === 'sub_products') {
    const subIds = [...new Set([...links.subs.values()].flat())];
    const subs = await productsByIds(db, c.get('company'), subIds, includeDeleted);
    const subLinks = await loadLinks(db, subIds, includeDeleted);
    expanded = new Map([...subs.values()].map((s) => [s.id, productJson(s, subLinks, origin(c))]));
  }
  return rows.map((row) =>
    productJson(
      row,
      links,
      origin(c),
      expanded && (links.subs.get(row.id) ?? []).flatMap((id) => (expanded.has(id) ? [expanded.get(id)!] : [])),
    ),
  );
}

type Page = ReturnType<typeof paging>;

const searchText = (c: AppContext): string => querySearch((name) => c.req.query(name));

/** `tags=a,b` (the SDK sends a list joined by commas): any of them matches, case-insensitively. */
function tagsFrom(c: AppContext): string[] | undefined {
  const text = c.req.query('tags');
  if (text === undefined) return undefined;
  const tags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 50) throw badRequest('query-invalid', 'at most 50 tags', 'tags');
  return tags.length ? tags : undefined;
}

function filterFrom(c: AppContext, extra: Partial<ProductFilter> = {}): ProductFilter & { page: Page } {
  const q = (name: string) => c.req.query(name);
  const page = paging(q);
  const { from, to } = dateRange(q);
  return {
    tags: tagsFrom(c),
    all: queryBool(q, 'all'),
    includeDeleted: queryBool(q, 'include_deleted'),
    dateField: queryEnum(q, 'date_filter', ['created', 'modified'] as const, 'created'),
    from,
    to,
    sort: q('sort') || 'created',
    page,
    ...extra,
  };
}

async function list(c: AppContext, db: Queryable, filter: ProductFilter & { page: Page }): Promise<Response> {
  const { rows, total } = await listProducts(db, c.get('company'), filter, filter.page);
  return send(c, await render(db, c, rows, filter.includeDeleted), 200, { 'X-Total-Count': String(total) });
}

async function productOr404(db: Queryable, company: string, id: string, includeDeleted = true): Promise<ProductRow> {
  const row = isObjectId(id) ? (await productsByIds(db, company, [id], includeDeleted)).get(id) : undefined;
  if (!row) throw notFound('Product');
  return row;
}

function idList(body: Body, key: string): unknown[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > 100)
    throw badRequest('type-invalid', `${key} must be a list of at most 100 product ids`, key);
  return value as unknown[];
}

export function productRoutes({ db, now }: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // Reads need only the API key (seed 002: "do not require the User's authorization token").
  app.get('/', (c) => list(c, db, filterFrom(c)));

  // `tags` narrows every list (the SDK's `products.get({tags})` and `search(q, {tags})`).
  app.get('/search', (c) => list(c, db, filterFrom(c, { text: searchText(c) })));

  app.get('/tags', (c) => {
    if (!tagsFrom(c)) throw badRequest('required', 'tags is required (comma-separated)', 'tags');
    // Any of the tags matches, case-insensitively; like the list, sub-products only with all=true.
    return list(c, db, filterFrom(c));
  });

  // The sub-products a main product offers (the SDK's `getSubProducts`, `searchSubProducts`).
  app.get('/:id/sub_products', async (c) => {
    const parent = await productOr404(db, c.get('company'), c.req.param('id'));
    return list(c, db, filterFrom(c, { subProductsOf: parent.id }));
  });

  app.get('/:id/sub_products/search', async (c) => {
    const parent = await productOr404(db, c.get('company'), c.req.param('id'));
    return list(c, db, filterFrom(c, { subProductsOf: parent.id, text: searchText(c) }));
  });

  app.get('/:id', async (c) => {
    const row = await productOr404(db, c.get('company'), c.req.param('id'));
    const [json] = await render(db, c, [row], row.deleted);
    return send(c, json!);
  });

  app.post('/', async (c) => {
    requireAdmin(c.get('caller'));
    const body = jsonBody(c);
    const input = productInput(body) as Parameters<typeof insertProduct>[3];
    const subs = idList(body, '_sub_products') ?? idList(body, 'sub_products');
    const company = c.get('company');
    const at = now();
    const row = await db.transaction(async (tx) => {
      const created = await insertProduct(tx, company, objectId(at), input, at);
      if (subs?.length)
        await linkSubProducts(tx, company, created, subs, at, body._sub_products ? '_sub_products' : 'sub_products');
      return created;
    });
    const [json] = await render(db, c, [row], false);
    return send(c, json!);
  });

  app.put('/:id', async (c) => {
    requireAdmin(c.get('caller'));
    const company = c.get('company');
    const body = jsonBody(c);
    const at = now();
    const row = await db.transaction(async (tx) => {
      const current = await productOr404(tx, company, c.req.param('id'));
      const input = productInput(body, current);
      if (input.main_product === false && current.main_product) {
        const links = await loadLinks(tx, [current.id], true);
        if ((links.subs.get(current.id) ?? []).length > 0) {
          throw badRequest(
            'sub-product-nested',
            'A sub-product can not have sub-products: remove its sub-products first',
            'main_product',
          );
        }
      }
      if (input.main_product === true && !current.main_product) {
        const links = await loadLinks(tx, [current.id], true);
        if ((links.parents.get(current.id) ?? []).length > 0) {
          throw badRequest(
            'sub-product-has-parents',
            'This sub-product is offered with main products: remove it from them first',
            'main_product',
          );
        }
      }
      return updateProduct(tx, current, input, at);
    });
    const [json] = await render(db, c, [row], row.deleted);
    return send(c, json!);
  });

  app.put('/:id/sub_products', async (c) => {
    requireAdmin(c.get('caller'));
    const company = c.get('company');
    const body = jsonBody(c);
    const add = idList(body, 'add') ?? [];
    const remove = idList(body, 'remove') ?? [];
    if (add.length === 0 && remove.length === 0)
      throw badRequest('required', 'add (or remove) must list product ids', 'add');
    const at = now();
    const row = await db.transaction(async (tx) => {
      const parent = await productOr404(tx, company, c.req.param('id'));
      await unlinkSubProducts(tx, parent, remove);
      if (add.length) await linkSubProducts(tx, company, parent, add, at);
      return updateProduct(tx, parent, {}, at);
    });
    const [json] = await render(db, c, [row], row.deleted);
    return send(c, json!);
  });

  return app;
}
